import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, noUsableFeatures } from '../../../src/core/errors.ts';
import { applyMapping, facilityTypeLookup, loadFile, type LoadResult } from '../../../src/core/io/index.ts';

const DIR = join(import.meta.dirname, '../../fixtures/io/mapping');
const load = (name: string) => loadFile(readFileSync(join(DIR, name)), name);
const text = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const point = (properties: Record<string, unknown>, coordinates = [113.65, 34.75]) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** The refusal's reason, or a failure when the call does not refuse. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err.reason;
    throw err;
  }
  throw new Error('expected an InputError');
}

const LEVEL = { capacity: 'OTGC2016', type: 'Level', name: 'Name' };
const LEVELS = { Elementary: 'primary', High: 'junior' } as const;

describe('applyMapping: chosen columns and type values', () => {
  it('maps OTGC2016 and Level: A primary 400, B junior 900, C (null capacity) skipped with a warning naming it', async () => {
    const loaded = await load('schools-level.geojson');
    const layer = applyMapping(loaded, 'facilities', LEVEL, { typeValues: LEVELS });
    expect(layer.collection.features.map((f) => [f.properties.Name, f.properties.type, f.properties.capacity])).toEqual([
      ['Alpha', 'primary', 400],
      ['Beta', 'junior', 900],
    ]);
    // No id column: the warning names the feature by its name and its place in the file.
    expect(layer.warnings.map((w) => `${w.source}: ${w.feature}: ${w.reason}`)).toEqual([
      'schools-level.geojson: Gamma (feature 3): no capacity (OTGC2016 is empty); skipped',
    ]);
    expect(layer.report).toEqual({ read: 3, used: 2, skipped: 1 });
    expect(layer.capacities).toEqual({ given: 2, fromClasses: 0, assumed: 0, none: 0, skipped: 1 });
  });

  it('names features by the chosen id column', async () => {
    const layer = applyMapping(await load('schools-level.geojson'), 'facilities', { ...LEVEL, id: 'SchoolID' }, { typeValues: LEVELS });
    expect(layer.collection.features.map((f) => f.properties.id)).toEqual(['A', 'B']);
    expect(layer.warnings.map((w) => w.feature)).toEqual(['C']);
  });

  it('skips a type value neither mapped nor known, naming the value', async () => {
    const layer = applyMapping(await load('schools-level.geojson'), 'facilities', LEVEL, { typeValues: { Elementary: 'primary' } });
    expect(layer.warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual([
      'Beta (feature 2): unknown facility type "High" (known: kindergarten, primary, junior, health_station, health_centre); skipped',
      'Gamma (feature 3): no capacity (OTGC2016 is empty); skipped',
    ]);
    expect(layer.collection.features).toHaveLength(1);
  });

  it('refuses a chosen column the file does not have, listing its columns', async () => {
    const loaded = await load('schools-level.geojson');
    expect(refusal(() => applyMapping(loaded, 'facilities', { ...LEVEL, capacity: 'OTGC2017' }))).toBe(
      'no column "OTGC2017" (chosen for capacity) in this file (the fields are: SchoolID, Name, Level, OTGC2016)',
    );
  });

  it('treats an empty column name as none', async () => {
    const loaded = await load('schools-level.geojson');
    const layer = applyMapping(loaded, 'facilities', { ...LEVEL, capacity: '' }, { typeValues: LEVELS });
    expect(layer.mapping).toEqual({ type: 'Level', name: 'Name' });
    expect(layer.collection.features.map((f) => f.properties.capacity)).toEqual([null, null, null]);
  });
});

describe('facilityTypeLookup', () => {
  it('tries the user table (exact, then trimmed and case-insensitive), then the built-in words', () => {
    const typeOf = facilityTypeLookup({ Elementary: 'primary', ' HIGH ': 'junior', '7': 'kindergarten' });
    expect(['Elementary', 'elementary ', 'high', '小学', 'Primary School', 7, 'Middle', null].map(typeOf)).toEqual([
      'primary',
      'primary',
      'junior',
      'primary',
      'primary',
      'kindergarten',
      null,
      null,
    ]);
  });

  it('matches no inherited key', () => {
    const typeOf = facilityTypeLookup({ Elementary: 'primary' });
    expect(['constructor', 'toString', '__proto__', 'hasOwnProperty'].map(typeOf)).toEqual([null, null, null, null]);
  });
});

describe('applyMapping: facilities without capacity', () => {
  it('classes only: kept with capacity null and the class count, for classes × class size', async () => {
    const layer = applyMapping(await load('schools-classes.geojson'), 'facilities');
    expect(layer.mapping.classes).toBe('classes');
    expect(layer.collection.features.map((f) => [f.properties.id, f.properties.capacity, f.properties.classes])).toEqual([
      ['K1', null, 3],
      ['K2', null, undefined],
    ]);
    expect(layer.capacities).toEqual({ given: 0, fromClasses: 1, assumed: 0, none: 1, skipped: 0 });
  });

  it('no capacity column: every facility kept for coverage, none refused', async () => {
    const layer = applyMapping(await load('schools-no-capacity.geojson'), 'facilities');
    expect(layer.collection.features.map((f) => f.properties.capacity)).toEqual([null, null]);
    expect(layer.capacities).toEqual({ given: 0, fromClasses: 0, assumed: 0, none: 2, skipped: 0 });
    expect(layer.warnings).toEqual([]);
  });

  it('assumeCapacity standard: the empty one is kept, flagged capacity_assumed', async () => {
    const layer = applyMapping(await load('schools-level.geojson'), 'facilities', LEVEL, { typeValues: LEVELS, assumeCapacity: 'standard' });
    expect(layer.collection.features.map((f) => [f.properties.Name, f.properties.capacity, f.properties.capacity_assumed])).toEqual([
      ['Alpha', 400, undefined],
      ['Beta', 900, undefined],
      ['Gamma', null, true],
    ]);
    expect(layer.warnings).toEqual([]);
    expect(layer.capacities).toEqual({ given: 2, fromClasses: 0, assumed: 1, none: 0, skipped: 0 });
  });

  it('a capacity column empty in every feature counts as none, with one warning', async () => {
    const result = await loadFile(text(collection(point({ id: 'a', type: 'primary', seats: null }), point({ id: 'b', type: 'primary', seats: '' }))), 'empty.geojson');
    const layer = applyMapping(result, 'facilities');
    expect(layer.mapping.capacity).toBe('seats');
    expect(layer.collection.features).toHaveLength(2);
    expect(layer.warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['all features: seats is empty in every feature: no capacities']);
    expect(layer.capacities?.none).toBe(2);
  });

  it('still refuses a capacity that is there but wrong', async () => {
    const result = await loadFile(text(collection(point({ id: 'a', type: 'primary', capacity: -3 }), point({ id: 'b', type: 'primary', capacity: 0 }))), 'bad.geojson');
    expect(refusal(() => applyMapping(result, 'facilities', undefined, { assumeCapacity: 'standard' }))).toBe(
      'no usable facility features (all 2 skipped): a: capacity is negative (-3); b: capacity is 0',
    );
  });
});

describe('refusals say why', () => {
  it('lists the first five reasons and how many more', async () => {
    const loaded = await load('population-all-bad.geojson');
    expect(refusal(() => applyMapping(loaded, 'population'))).toBe(
      'no usable population features (all 7 skipped): c1: population is negative (-5); c2: population is not a number ("many"); ' +
        'c3: population is missing; c4: no geometry; c5: unsupported geometry LineString (expected Point, Polygon or MultiPolygon); and 2 more',
    );
  });

  it('for facilities, urban villages and candidate sites too', async () => {
    const facilities = await loadFile(text(collection(point({ id: 'f1', type: 'mall', capacity: 5 }), point({ id: 'f2', capacity: 5 }))), 'f.geojson');
    expect(refusal(() => applyMapping(facilities, 'facilities', { type: 'type', capacity: 'capacity' }))).toBe(
      'no usable facility features (all 2 skipped): f1: unknown facility type "mall" (known: kindergarten, primary, junior, health_station, health_centre); f2: type is missing',
    );
    const villages = await loadFile(text(collection(point({ id: 'v1' }))), 'v.geojson');
    expect(refusal(() => applyMapping(villages, 'villages'))).toBe('no usable urban-village features (all 1 skipped): v1: geometry Point is not a polygon');
    const candidates = await loadFile(text(collection({ type: 'Feature', properties: { id: 's1' }, geometry: { type: 'LineString', coordinates: [[113.6, 34.7], [113.7, 34.7]] } })), 'c.geojson');
    expect(refusal(() => applyMapping(candidates, 'candidates'))).toBe('no usable candidate-site features (all 1 skipped): s1: geometry LineString is not a Point');
  });

  it('noUsableFeatures: without "and N more" when all fit', () => {
    const w = (feature: string, reason: string) => ({ source: 's', feature, reason });
    expect(noUsableFeatures('s', 'rows', [w('row 2', 'bad; skipped'), w('row 3', 'worse; skipped')], 2).reason).toBe('no usable rows (all 2 skipped): row 2: bad; row 3: worse');
    expect(noUsableFeatures('s', 'rows', [w('a', 'x'), w('b', 'y'), w('c', 'z')], 3, 2).reason).toBe('no usable rows (all 3 skipped): a: x; b: y; and 1 more');
  });
});

describe('applyMapping is given a LoadResult the caller may have built', () => {
  it('drops unsafe keys from properties and mapping alike', () => {
    const properties = JSON.parse('{"id":"a","population":5,"__proto__":{"polluted":1}}') as Record<string, unknown>;
    const result: LoadResult = {
      file: 'x',
      format: 'geojson',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [113.6, 34.7] }, properties }],
      labels: ['a'],
      fields: ['id', 'population'],
      suggestedRole: 'population',
      suggestedMapping: { population: 'population' },
      crs: { detected: 'EPSG:4326', source: 'assumed', converted: false },
      report: { read: 1, used: 1, skipped: 0 },
      warnings: [],
    };
    const layer = applyMapping(result, 'population', JSON.parse('{"population":"population","__proto__":{"id":"x"}}'));
    expect(layer.collection.features[0].properties).toEqual({ id: 'a', population: 5 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('applyMapping: attendance zones', () => {
  const square = (w: number) => ({ type: 'Polygon', coordinates: [[[w, 34.7], [w + 0.01, 34.7], [w + 0.01, 34.71], [w, 34.71], [w, 34.7]]] });
  const zonesFile = collection(
    { type: 'Feature', properties: { 学区: '一小学区', 学校编号: 'P001' }, geometry: square(113.6) },
    { type: 'Feature', properties: { 学区: 2016, 学校编号: '' }, geometry: square(113.61) },
    { type: 'Feature', properties: { 学区: ' ', 学校编号: 'P003' }, geometry: square(113.62) },
    point({ 学区: '点', 学校编号: 'P004' }),
  );
  it('is suggested for polygons with a zone column; zone ids and school ids become text, an empty school null', async () => {
    const loaded = await loadFile(text(zonesFile), 'districts.geojson');
    expect(loaded.suggestedRole).toBe('zones');
    expect(loaded.suggestedMapping).toMatchObject({ zone: '学区', school: '学校编号' });
    const layer = applyMapping(loaded, 'zones');
    expect(layer.collection.features.map((f) => [f.properties.zone, f.properties.school])).toEqual([
      ['一小学区', 'P001'],
      ['2016', null],
    ]);
    expect(layer.warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['feature 3: no zone id (学区 is empty); skipped', 'feature 4: geometry Point is not a polygon; skipped']);
  });
  it('is suggested by a file named for zones, and takes the feature id without a zone column', async () => {
    const loaded = await loadFile(text(collection({ type: 'Feature', properties: { id: 'Z7' }, geometry: square(113.6) })), 'school_catchments.geojson');
    expect(loaded.suggestedRole).toBe('zones');
    expect(applyMapping(loaded, 'zones').collection.features[0].properties).toMatchObject({ zone: 'Z7', school: null });
  });
  it('keeps only the zones a filter names (several years and levels in one file), counting the others in one line', async () => {
    const zone = (id: string, year: number, level: string) => ({ type: 'Feature', properties: { CID: id, Year: year, Level: level }, geometry: square(113.6) });
    const loaded = await loadFile(text(collection(zone('1', 2011, 'Elementary'), zone('2', 2016, 'Elementary'), zone('3', 2016, 'Secondary'), zone('4', 2016, 'Elementary'))), 'catchments.geojson');
    const layer = applyMapping(loaded, 'zones', { zone: 'CID' }, { zoneWhere: [{ field: 'Year', value: '2016' }, { field: 'Level', value: ' Elementary ' }] });
    expect(layer.collection.features.map((f) => f.properties.zone)).toEqual(['2', '4']);
    expect(layer.warnings.map((w) => w.reason)).toEqual(['2 zones without Year = 2016, Level = Elementary left out by the filter']);
    expect(refusal(() => applyMapping(loaded, 'zones', { zone: 'CID' }, { zoneWhere: [{ field: 'Year', value: '2020' }] }))).toBe('no zone has Year = 2020 (all 4 left out by the filter)');
    expect(refusal(() => applyMapping(loaded, 'zones', { zone: 'CID' }, { zoneWhere: [{ field: 'Jahr', value: '2016' }] }))).toBe('no column "Jahr" to filter the zones by (the fields are: CID, Year, Level)');
  });
});
