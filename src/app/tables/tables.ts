import { bbox } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { createSelector } from 'reselect';
import type { FacilityResult, VillageEquity } from '../../core/index.ts';
import type { DistrictData, DistrictLayer } from '../data/district-data.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { SiteMarker } from '../map/layers/proposals-layer.ts';
import { selectMarkers, selectShownEvaluation } from '../store/selectors.ts';
import type { RootState } from '../store/root.ts';
import type { CellValue, RowPlace, Table, TableColumn, TableId, TableRow } from './table-model.ts';

const col = (key: string, kind: TableColumn['kind']): TableColumn => ({ key, kind, label: { key: `table.col.${key}` as MessageKey } });

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Existing facilities of the analysed type in the plan shown: their catchment and allocation. */
export function facilitiesTable(facilities: readonly FacilityResult[], proposed: ReadonlySet<string>): Table {
  return {
    id: 'facilities',
    columns: [col('name', 'text'), col('id', 'text'), col('capacity', 'number'), col('usersInCatchment', 'number'), col('allocated', 'number'), col('utilisation', 'percent'), col('catchmentUtilisation', 'percent'), col('status', 'status')],
    rows: facilities
      .filter((f) => !proposed.has(f.id))
      .map((f) => {
        const known = f.capacitySource !== 'none';
        return {
          id: f.id,
          values: {
            name: f.nameEn ? `${f.name} (${f.nameEn})` : f.name,
            id: f.id,
            capacity: known ? f.capacity : null,
            usersInCatchment: f.usersInCatchment,
            allocated: known ? f.allocated : null,
            utilisation: known ? num(f.utilisation * 100) : null,
            catchmentUtilisation: known ? num(f.catchmentUtilisation * 100) : null,
            status: known ? f.status : null,
          },
          place: { lngLat: [f.lngLat[0], f.lngLat[1]] },
        };
      }),
  };
}

/** Where a feature is: its point, or its bounds; null without coordinates. */
export function placeOf(geometry: Geometry | null | undefined): RowPlace | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return { lngLat: [geometry.coordinates[0], geometry.coordinates[1]] };
  const box = bbox(geometry);
  return box.every(Number.isFinite) ? { bounds: [box[0], box[1], box[2], box[3]] } : null;
}

/** Every urban village with pupils: coverage and service, as the equity card counts them. */
export function villagesTable(villages: readonly VillageEquity[], layer: DistrictData['villages']): Table {
  const shapes = new Map(layer.features.map((f) => [String(f.properties?.id ?? ''), f.geometry]));
  return {
    id: 'villages',
    columns: [col('name', 'text'), col('id', 'text'), col('residents', 'number'), col('migrants', 'number'), col('users', 'number'), col('unservedUsers', 'number'), col('coveragePct', 'percent'), col('servedPct', 'percent')],
    rows: villages.map((v) => ({
      id: v.id,
      values: {
        name: v.nameEn ? `${v.name} (${v.nameEn})` : v.name,
        id: v.id,
        residents: v.residents,
        migrants: v.migrants,
        users: v.users,
        unservedUsers: v.unservedUsers,
        coveragePct: v.coveragePct,
        servedPct: v.servedPct,
      },
      place: placeOf(shapes.get(v.id)),
      ...(shapes.get(v.id) ? { shape: shapes.get(v.id)! } : {}),
    })),
  };
}

export function proposalsTable(markers: readonly SiteMarker[]): Table {
  return {
    id: 'proposals',
    columns: [col('rank', 'number'), col('id', 'text'), col('seats', 'number'), col('classes', 'number'), col('pupilsServed', 'number'), col('pupilsInCatchment', 'number'), col('locked', 'boolean')],
    rows: markers.map((m) => ({
      id: m.id,
      values: { rank: m.rank, id: m.id, seats: m.seats, classes: m.classes, pupilsServed: m.pupilsServed, pupilsInCatchment: m.pupilsInCatchment, locked: m.locked },
      place: { lngLat: [m.lngLat[0], m.lngLat[1]] },
    })),
  };
}

/** How many features set the columns of a layer's table: enough for every key a real layer has. */
const SAMPLED = 1_000;

const cellValue = (v: unknown): CellValue => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A loaded layer's features with their own properties (text, never HTML). A feature's id is its
 * `id` property, else its number in the layer (1-based), so rows and map picks agree.
 */
export function featuresTable(features: readonly Feature<Geometry | null>[]): Table {
  const keys: string[] = [];
  const numeric = new Map<string, boolean>();
  for (const f of features.slice(0, SAMPLED)) {
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (!numeric.has(k)) {
        keys.push(k);
        numeric.set(k, true);
      }
      if (v !== null && v !== undefined && v !== '' && typeof v !== 'number') numeric.set(k, false);
    }
  }
  return {
    id: 'features',
    columns: keys.map((k) => ({ key: k, kind: numeric.get(k) ? 'number' : 'text', label: { text: k } })),
    rows: features.map((f, i) => {
      const values: Record<string, CellValue> = {};
      for (const k of keys) values[k] = cellValue(f.properties?.[k]);
      const shape = f.geometry && f.geometry.type !== 'Point' ? { shape: f.geometry } : {};
      return { id: featureRowId(f, i), values, place: placeOf(f.geometry), ...shape };
    }),
  };
}

export const featureRowId = (f: Feature<Geometry | null>, index: number): string => String(f.properties?.id ?? index + 1);

/** The layers a features table can show (land use holds the exclusion zones). */
export const FEATURE_LAYERS: readonly DistrictLayer[] = ['population', 'villages', 'facilities', 'roads', 'landuse', 'boundary'];

const selectLayerFeatures = (s: RootState) => {
  const d = s.data.district;
  return d ? (d[s.ui.tables.layer].features as Feature<Geometry | null>[]) : [];
};

const selectProposedIds = createSelector([selectMarkers], (markers) => new Set(markers.map((m) => m.id)));

const selectFacilitiesTable = createSelector([selectShownEvaluation, selectProposedIds], (e, proposed) => facilitiesTable(e?.facilities ?? [], proposed));
const selectVillagesTable = createSelector(
  [(s: RootState) => selectShownEvaluation(s)?.summary.equity.worstVillages, (s: RootState) => s.data.district?.villages],
  (villages, layer) => villagesTable(villages ?? [], layer ?? { type: 'FeatureCollection', features: [] }),
);
const selectProposalsTable = createSelector([selectMarkers], proposalsTable);
const selectFeaturesTable = createSelector([selectLayerFeatures], featuresTable);

/** The table of a tab, from the plan shown (facilities, villages, proposals) or the chosen layer. */
export function selectTable(s: RootState, id: TableId): Table {
  switch (id) {
    case 'facilities':
      return selectFacilitiesTable(s);
    case 'villages':
      return selectVillagesTable(s);
    case 'proposals':
      return selectProposalsTable(s);
    case 'features':
      return selectFeaturesTable(s);
  }
}

/** The row selected in the tables or on the map, wherever it is. */
export function selectSelectedRow(s: RootState): TableRow | null {
  const sel = s.ui.selection;
  if (!sel) return null;
  return selectTable(s, sel.table).rows.find((r) => r.id === sel.id) ?? null;
}
