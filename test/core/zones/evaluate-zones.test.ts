import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateZones, InputError, readZones } from '../../../src/core/index.ts';

const IN = join(import.meta.dirname, '..', '..', 'fixtures', 'zones', 'evaluate');
const read = (name: string): unknown => JSON.parse(readFileSync(join(IN, `${name}.geojson`), 'utf8'));
const input = () => ({ population: read('population'), facilities: read('facilities'), villages: read('villages'), zones: read('zones'), sources: { zones: 'zones.geojson' } });

/*
 * The fixture, by hand (primary, zhengzhou-2035: 66 pupils per 1,000, radius 500 m):
 * zone A = lon 113.640–113.651, zone B = 113.651–113.670 (lat 34.745–34.755); C and D north of them.
 * P1 is a polygon over lon 113.650–113.654: between two meridians a band's area is proportional to
 * its width in longitude, so A holds (113.651 − 113.650) / 0.004 = ¼ of it and B ¾.
 *   A: residents ¼·1000 + 500 (P2) = 750; pupils 750 × 0.066 = 49.5
 *   B: residents ¾·1000 + 2000 (P3) = 2,750; pupils 181.5
 *   outside (P4): 300 residents, 19.8 pupils
 * Seats: SA 45, SB 200 → A 49.5 / 45 = 1.1 (4.5 above), B 181.5 / 200 = 0.9075 (18.5 free).
 * P1 stands at its centroid (113.652, 34.7505): 0.007° of longitude from SA = 0.007 × 111,195 m ×
 * cos 34.75° ≈ 640 m, and 0.008° ≈ 731 m from SB: beyond 500 m in both zones (A 16.5, B 49.5
 * pupils); P2 and P3 lie 111 m from their schools.
 * Village V1 holds P3: B's village share 132 / 181.5; A has none.
 */
describe('evaluateZones', () => {
  const result = evaluateZones(input(), { type: 'primary' });
  const zone = (id: string) => result.zones.find((z) => z.id === id)!;

  it('splits a polygon straddling two zones by area, and points by where they lie', () => {
    expect(zone('A').residents).toBeCloseTo(750, 6);
    expect(zone('B').residents).toBeCloseTo(2750, 6);
    expect(zone('A').pupils).toBeCloseTo(49.5, 6);
    expect(zone('B').pupils).toBeCloseTo(181.5, 6);
    expect(result.summary.outsideResidents).toBeCloseTo(300, 6);
    expect(result.summary.outsidePupils).toBeCloseTo(19.8, 6);
    expect(result.summary.residents + result.summary.outsideResidents).toBeCloseTo(3800, 6);
  });

  it('gives each zone its school, seats, utilisation, pupils beyond the radius and village share', () => {
    expect(zone('A')).toMatchObject({ school: 'SA', schoolStatus: 'given', seats: 45 });
    expect(zone('A').utilisation).toBeCloseTo(1.1, 9);
    expect(zone('B').utilisation).toBeCloseTo(0.9075, 9);
    expect(zone('A').beyondRadiusPupils).toBeCloseTo(16.5, 6);
    expect(zone('B').beyondRadiusPupils).toBeCloseTo(49.5, 6);
    expect(zone('A').villageShare).toBe(0);
    expect(zone('B').villageShare).toBeCloseTo(132 / 181.5, 9);
    expect(result.summary.beyondRadiusPupils).toBeCloseTo(66, 6);
    expect(result.summary.pupilsAboveSeats).toBeCloseTo(4.5, 6);
    expect(result.summary.seats).toBe(245);
  });

  it('reports zones without a school or with an unknown one, without failing', () => {
    expect(zone('C')).toMatchObject({ school: null, schoolStatus: 'none', seats: null, utilisation: null, beyondRadiusPupils: null, pupils: 0, villageShare: null });
    expect(zone('D')).toMatchObject({ school: null, schoolStatus: 'unknown', seats: null });
    expect(result.summary.zonesWithoutSchool).toBe(2);
    expect(result.warnings).toContainEqual({ source: 'zones.geojson', feature: 'D', reason: "school 'S9' is not among the facilities of the type; the zone has no seats" });
  });

  it('finds neighbours by shared boundary (a corner is not enough) and the crowded zone next to room', () => {
    // A touches B (east), C (north) and D only at the corner (113.651, 34.755).
    expect(zone('A').neighbours).toEqual(['B', 'C']);
    expect(zone('C').neighbours).toEqual(['A', 'D']);
    expect(zone('D').neighbours).toEqual(['B', 'C']);
    expect(result.summary.overCapacityNextToRoom).toHaveLength(1);
    const [crowded] = result.summary.overCapacityNextToRoom;
    expect(crowded).toMatchObject({ zone: 'A', school: 'SA' });
    expect(crowded.pupilsAboveSeats).toBeCloseTo(4.5, 6);
    expect(crowded.neighboursWithRoom.map((n) => n.zone)).toEqual(['B']);
    expect(crowded.neighboursWithRoom[0].freeSeats).toBeCloseTo(18.5, 6);
  });

  it('skips a point, a zone without an id and a duplicate id, each with its reason', () => {
    const warnings = result.warnings.map((w) => `${w.feature}: ${w.reason}`);
    expect(warnings).toContain('E: geometry Point is not a polygon (a zone is an area); skipped');
    expect(warnings).toContain('feature 6: zone id is missing (zone is empty); skipped');
    expect(warnings).toContain('B: duplicate zone id: feature 2 has the same id; skipped');
    expect(result.zones.map((z) => z.id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('without a school column takes the one facility of the type inside the zone', () => {
    const zones = read('zones') as { features: { properties: Record<string, unknown> }[] };
    for (const f of zones.features) delete f.properties.school;
    const r = evaluateZones({ ...input(), zones }, { type: 'primary' });
    expect(r.zones.find((z) => z.id === 'A')).toMatchObject({ school: 'SA', schoolStatus: 'inside' });
    expect(r.zones.find((z) => z.id === 'C')).toMatchObject({ school: null, schoolStatus: 'none' });
  });
});

describe('readZones', () => {
  it('filters by --zone-where values and names the columns when a filter matches nothing', () => {
    const layer = readZones(read('zones'), { where: [{ field: 'school', value: 'SB' }] });
    expect(layer.zones.map((z) => z.id)).toEqual(['B']);
    // 7 features, 2 of them with school SB (the second a duplicate id, skipped).
    expect(layer.filteredOut).toBe(5);
    expect(() => readZones(read('zones'), { where: [{ field: 'school', value: 'nope' }] })).toThrow(/no zone matches school=nope/);
    expect(() => readZones(read('zones'), { idField: 'CID' })).toThrow(InputError);
    expect(() => readZones(read('zones'), { idField: 'CID' })).toThrow("no column 'CID' for the zone id; its columns are: zone, school");
  });
});

describe('evaluateZones with overlapping zones', () => {
  it('counts the residents of an overlap once, in the zone listed first', () => {
    // Z1 spans lon 113.640–113.652 and Z2 113.651–113.670: both cover P1's strip 113.651–113.652
    // (¼ of it). Z1 holds ½ of P1 (113.650–113.652), Z2 the rest of P1 not already counted: ½.
    const zones = read('zones') as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[] };
    const z1 = zones.features[0];
    z1.properties.zone = 'Z1';
    z1.geometry.coordinates[0] = [[113.64, 34.745], [113.652, 34.745], [113.652, 34.755], [113.64, 34.755], [113.64, 34.745]];
    zones.features[1].properties.zone = 'Z2';
    zones.features.splice(2);
    const r = evaluateZones({ ...input(), zones }, { type: 'primary' });
    expect(r.zones.find((z) => z.id === 'Z1')!.residents).toBeCloseTo(500 + 500, 6);
    expect(r.zones.find((z) => z.id === 'Z2')!.residents).toBeCloseTo(500 + 2000, 6);
    expect(r.summary.residents + r.summary.outsideResidents).toBeCloseTo(3800, 6);
  });
});
