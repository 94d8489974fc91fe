import { booleanPointInPolygon } from '@turf/turf';
import { buildDemandCells } from '../demand/demand-cells.ts';
import { gridVillageShares } from '../demand/grid-village-shares.ts';
import { readPopulationFeatures } from '../demand/population.ts';
import type { UrbanVillage } from '../demand/urban-villages.ts';
import type { InputWarning } from '../errors.ts';
import type { EvaluateInput, EvaluateOptions } from '../evaluate/evaluation.ts';
import { prepareEvaluation } from '../evaluate/prepare.ts';
import type { Facility } from '../facilities/facilities.ts';
import { sharedBoundaryNeighbours } from './shared-boundary.ts';
import { sumZoneFigures, type FigureZone, type ZoneFigures } from './zone-figures.ts';
import { readZones, type Zone, type ZoneLayerOptions } from './zone-layer.ts';

/** The layers of an evaluation by zone: those of `evaluate`, and the zones. */
export interface ZoneEvaluationInput extends EvaluateInput {
  zones: unknown;
  sources?: EvaluateInput['sources'] & { zones?: string };
}

export interface ZoneEvaluationOptions extends EvaluateOptions {
  /** How the zone file is read: its id and school columns, and filters (`readZones`). */
  zoneLayer?: Omit<ZoneLayerOptions, 'source'>;
  /** Zones whose boundaries run within this many metres of each other for `ZONE_MIN_SHARED_M` are neighbours; default 5. */
  adjacencyToleranceM?: number;
}

/** Zones are neighbours when they share at least this much boundary (metres): a corner is not enough. */
export const ZONE_MIN_SHARED_M = 20;

/** How a zone's school was found. */
export type ZoneSchoolStatus = 'given' | 'inside' | 'none' | 'unknown';

export interface EvaluatedZone extends ZoneFigures {
  /** 'given': the zone file names it; 'inside': no school column, the one facility of the type inside the zone; 'none': no school; 'unknown': the named school is not a facility of the type. */
  schoolStatus: ZoneSchoolStatus;
  /** Neighbouring zones (sharing a boundary), by id. */
  neighbours: string[];
}

/** A zone over capacity beside zones whose schools have room. */
export interface CrowdedZone {
  zone: string;
  school: string;
  /** Pupils of the school's zones above its seats. */
  pupilsAboveSeats: number;
  neighboursWithRoom: { zone: string; school: string; freeSeats: number }[];
}

export interface ZoneSummary {
  zones: number;
  /** The columns the zones were read by. */
  fields: { id: string; school: string | null };
  /** Zone features left out by the filters. */
  filteredOut: number;
  residents: number;
  pupils: number;
  /** Residents and pupils living outside every zone. */
  outsideResidents: number;
  outsidePupils: number;
  /** Seats of the zones' schools (each school once). */
  seats: number;
  /** Pupils in zones whose school is full: for each school, its zones' pupils above its seats. */
  pupilsAboveSeats: number;
  /** Pupils living farther than the standard from their zone's school. */
  beyondRadiusPupils: number;
  /** Zones without a school, or naming a school that is not a facility of the type. */
  zonesWithoutSchool: number;
  /** Over-capacity zones that touch a zone with room, worst first. */
  overCapacityNextToRoom: CrowdedZone[];
}

export interface ZoneEvaluation {
  zones: EvaluatedZone[];
  summary: ZoneSummary;
  warnings: InputWarning[];
}

/** Zones as the village tagger takes them: the area share of each cell in each zone is its village share. */
function asTaggable(zones: readonly Zone[]): UrbanVillage[] {
  return zones.map((z) => ({ id: z.id, name: z.id, nameEn: z.id, migrantShare: 0, polygon: z.polygon }));
}

/** Each zone's school: named by the zone file, else the only facility of the type inside it. */
function schoolsOf(zones: readonly Zone[], facilities: readonly Facility[], hasSchoolField: boolean, source: string, warnings: InputWarning[]) {
  const byId = new Map<string, Facility>();
  for (const f of facilities) if (!byId.has(f.id)) byId.set(f.id, f);
  return zones.map((zone): { school: Facility | null; status: ZoneSchoolStatus } => {
    if (zone.schoolId !== null) {
      const school = byId.get(zone.schoolId);
      if (school) return { school, status: 'given' };
      warnings.push({ source, feature: zone.id, reason: `school '${zone.schoolId}' is not among the facilities of the type; the zone has no seats` });
      return { school: null, status: 'unknown' };
    }
    if (hasSchoolField) return { school: null, status: 'none' };
    const inside = facilities.filter((f) => booleanPointInPolygon([f.lngLat[0], f.lngLat[1]], zone.polygon));
    return inside.length === 1 ? { school: inside[0], status: 'inside' } : { school: null, status: 'none' };
  });
}

/**
 * Evaluates attendance zones against the Zhengzhou standard: each demand cell's residents and
 * pupils are shared between the zones by area (a point in the zone it lies in; a cell outside
 * every zone counts as outside), and each zone gets its school's seats, utilisation, the pupils
 * living beyond the walking standard from that school (by the evaluation's distance rule) and the
 * urban-village share of its pupils. The summary adds the pupils above seats, those beyond the
 * standard, and the over-capacity zones that touch a zone with room. Plain data.
 */
export function evaluateZones(input: ZoneEvaluationInput, options: ZoneEvaluationOptions): ZoneEvaluation {
  const prepared = prepareEvaluation(input, options, () => undefined);
  const zoneSource = input.sources?.zones ?? 'zones';
  const layer = readZones(input.zones, { ...options.zoneLayer, source: zoneSource });
  const { zones } = layer;
  // The other layers' warnings are the evaluation's; these are the zones' own.
  const warnings = [...layer.warnings];

  // The same cells as the evaluation's (same features, same split at the radius), tagged by zone.
  const population = readPopulationFeatures(input.population, input.sources?.population ?? 'population');
  const taggable = asTaggable(zones);
  const { standard, growthFactor } = prepared;
  const zoneCells = buildDemandCells(population.features, taggable, {
    usersPer1000: standard.usersPer1000,
    growthFactor,
    radiusM: standard.radiusM,
    villageShares: population.grid ? gridVillageShares(population.grid, taggable) : undefined,
  });
  const cells = prepared.cells;
  const cell: number[] = [];
  const zone: number[] = [];
  const share: number[] = [];
  let outsideResidents = 0;
  let outsidePupils = 0;
  zoneCells.forEach((zc, c) => {
    let inside = 0;
    for (const s of zc.villages) {
      cell.push(c);
      zone.push(s.village);
      share.push(s.share);
      inside += s.share;
    }
    const out = Math.max(0, 1 - inside);
    outsideResidents += cells[c].residents * out;
    outsidePupils += cells[c].users * out;
  });

  const schools = schoolsOf(zones, prepared.facilities, layer.fields.school !== null, zoneSource, warnings);
  const radiusM = standard.radiusM;
  const within = new Map<string, Uint8Array>();
  const withinOf = (school: Facility): Uint8Array => {
    let marks = within.get(school.id);
    if (!marks) {
      marks = new Uint8Array(cells.length);
      for (const i of prepared.rule.reach(school, radiusM).indices) marks[i] = 1;
      within.set(school.id, marks);
    }
    return marks;
  };
  const figureZones: FigureZone[] = zones.map((z, k) => ({ id: z.id, school: schools[k].school }));
  const figures = sumZoneFigures(figureZones, cells, { cell, zone, share }, (c, school) => withinOf(school)[c] === 0);

  const neighbourIndices = sharedBoundaryNeighbours(
    zones.map((z) => z.polygon),
    { toleranceM: options.adjacencyToleranceM ?? 5, minSharedM: ZONE_MIN_SHARED_M },
  );
  const evaluated: EvaluatedZone[] = figures.map((f, k) => ({ ...f, schoolStatus: schools[k].status, neighbours: neighbourIndices[k].map((j) => zones[j].id) }));

  // Seats and pupils per school, each school once however many zones it has.
  const schoolLoad = new Map<string, { seats: number; pupils: number }>();
  for (const z of evaluated) {
    if (z.school === null || z.seats === null) continue;
    const load = schoolLoad.get(z.school) ?? { seats: z.seats, pupils: 0 };
    load.pupils += z.pupils;
    schoolLoad.set(z.school, load);
  }
  const freeSeats = (z: EvaluatedZone) => {
    const load = z.school === null ? undefined : schoolLoad.get(z.school);
    return load ? load.seats - load.pupils : null;
  };
  const crowded: CrowdedZone[] = [];
  evaluated.forEach((z, k) => {
    const free = freeSeats(z);
    if (free === null || free >= 0 || z.school === null) return;
    const roomy = neighbourIndices[k]
      .map((j) => evaluated[j])
      .filter((n) => n.school !== null && n.school !== z.school && (freeSeats(n) ?? 0) > 0)
      .map((n) => ({ zone: n.id, school: n.school!, freeSeats: freeSeats(n)! }));
    if (roomy.length > 0) crowded.push({ zone: z.id, school: z.school, pupilsAboveSeats: -free, neighboursWithRoom: roomy });
  });
  crowded.sort((a, b) => b.pupilsAboveSeats - a.pupilsAboveSeats || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));

  let seats = 0;
  let pupilsAboveSeats = 0;
  for (const load of schoolLoad.values()) {
    seats += load.seats;
    pupilsAboveSeats += Math.max(0, load.pupils - load.seats);
  }
  const sum = (pick: (z: EvaluatedZone) => number | null) => evaluated.reduce((s, z) => s + (pick(z) ?? 0), 0);
  return {
    zones: evaluated,
    summary: {
      zones: evaluated.length,
      fields: layer.fields,
      filteredOut: layer.filteredOut,
      residents: sum((z) => z.residents),
      pupils: sum((z) => z.pupils),
      outsideResidents,
      outsidePupils,
      seats,
      pupilsAboveSeats,
      beyondRadiusPupils: sum((z) => z.beyondRadiusPupils),
      zonesWithoutSchool: evaluated.filter((z) => z.school === null).length,
      overCapacityNextToRoom: crowded,
    },
    warnings,
  };
}
