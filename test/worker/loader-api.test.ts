import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLoaderApi } from '../../src/worker/loader-api.ts';
import { xlsxBytes } from '../fixtures/registration/xlsx.ts';

describe('loader API behind the worker', () => {
  it('lists each field’s distinct values, most frequent first, so type words can be mapped', async () => {
    const csv = 'name,lon,lat,Level,seats\nA,-79.9,43.3,Elementary,300\nB,-79.8,43.2,High,900\nC,-79.7,43.25,Elementary,\nD,-79.85,43.22,Elementary,450\n';
    const preview = await createLoaderApi().load(new TextEncoder().encode(csv).buffer as ArrayBuffer, 'schools.csv', {});
    if (preview.kind !== 'layer') throw new Error('a table of places read as a matrix');
    // Elementary three times, High once; an empty cell is not a value.
    expect(preview.values.Level).toEqual(['Elementary', 'High']);
    expect(preview.values.seats).toEqual(['300', '450', '900']);
    expect(preview.values.name).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('loader API refusals', () => {
  it('name the limit a file passes, without the command-line option the app has no use for', async () => {
    const tif = readFileSync(join(import.meta.dirname, '../fixtures/io/corpus/pop.tif'));
    const bytes = tif.buffer.slice(tif.byteOffset, tif.byteOffset + tif.byteLength) as ArrayBuffer;
    await expect(createLoaderApi().load(bytes, 'pop.tif', { limits: { rasterPixels: 4 } })).rejects.toThrow(
      /^pop\.tif: the window has 6 pixels; read it within the district \(a boundary or a bbox\) \(limit raster-pixels = 4\)$/,
    );
  });
});

describe('loader API: travel-time matrices', () => {
  const bytesOf = (data: string | Uint8Array) => {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const csv = 'from_id,to_id,travel_time\nh1,S1,12.5\nh1,S2,30\nh2,S1,7\n';

  it('reads a table of pairs as a matrix by its header: columns found, pairs counted, the range of costs', async () => {
    const api = createLoaderApi();
    const preview = await api.load(bytesOf(csv), 'times.csv', {});
    expect(preview).toMatchObject({
      kind: 'matrix',
      file: 'times.csv',
      fields: ['from_id', 'to_id', 'travel_time'],
      columns: { origin: 'from_id', destination: 'to_id', cost: 'travel_time' },
      read: { pairs: 3, origins: 2, destinations: 2, minCost: 7, maxCost: 30 },
      error: null,
    });
    const m = api.takeMatrix(preview.id);
    expect(m.originIds).toEqual(['h1', 'h2']);
    expect(Array.from(m.matrix.costs)).toEqual([12.5, 30, 7]);
    expect(() => api.takeMatrix(preview.id)).toThrow('no travel-cost table has been read');
  });

  it('reads a gzipped table, and lets the user name the columns when the header does not', async () => {
    const api = createLoaderApi();
    const gz = gzipSync(Buffer.from('a;b;c;note\nh1;S1;4;x\nh2;S1;9;y\n'));
    const preview = await api.load(bytesOf(gz), 'od.csv.gz', {});
    expect(preview).toMatchObject({ kind: 'matrix', fields: ['a', 'b', 'c', 'note'], columns: null, read: null });
    const chosen = api.matrixColumns(preview.id, { origin: 'a', destination: 'b', cost: 'c' });
    expect(chosen.read).toMatchObject({ pairs: 2, origins: 2, destinations: 1, minCost: 4, maxCost: 9 });
  });

  it('says which line is wrong, and keeps the file so other columns can be tried', async () => {
    const api = createLoaderApi();
    const preview = await api.load(bytesOf('origin,destination,cost,minutes\nh1,S1,abc,3\n'), 'bad.csv', {});
    expect(preview).toMatchObject({ kind: 'matrix', read: null, error: "line 2: cost 'abc' is not a number" });
    const retried = api.matrixColumns(preview.id, { origin: 'origin', destination: 'destination', cost: 'minutes' });
    expect(retried).toMatchObject({ read: { pairs: 1, minCost: 3 }, error: null });
  });

  it('reads a table with coordinates as places, not as a matrix', async () => {
    const preview = await createLoaderApi().load(bytesOf('from,to,lon,lat\nA,B,113.6,34.7\n'), 'trips.csv', {});
    expect(preview.kind).toBe('layer');
  });
});

describe('loader API: statistics tables joined to community boundaries', () => {
  const bytesOf = (data: string | Uint8Array) => {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const square = (w: number, s: number, size: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]] });
  // 建设路 (113.60–113.61), 大学路 (113.61–113.62), 淮河路 (113.62–113.63), all from 34.70 on.
  const communities = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { 社区: '建设路社区', 代码: 'A' }, geometry: square(113.6, 34.7, 0.01) },
      { type: 'Feature', properties: { 社区: '大学路社区', 代码: 'B' }, geometry: square(113.61, 34.7, 0.01) },
      { type: 'Feature', properties: { 社区: '淮河路社区', 代码: 'C' }, geometry: square(113.62, 34.7, 0.01) },
      { type: 'Feature', properties: { 社区: '广场' }, geometry: { type: 'Point', coordinates: [113.6, 34.7] } },
    ],
  });
  // A title row above the header; 建设路 written without its suffix, 大学路 with a full-width space; one row matching nothing.
  const workbook = xlsxBytes({
    人口: [
      ['2025年社区人口统计'],
      ['社区名称', '常住人口', '户籍人口', '流动人口'],
      ['建设路', 1000, 700, 300],
      ['大学路　社区', 501, 400, 101],
      ['不存在社区', 50, 30, 20],
    ],
    说明: [['备注', '无']],
    分区: [['社区名称', '常住人口'], ['建设路', 80]],
  });
  const cells = [
    // In 建设路: residents 10 : 30 : 60.
    { geometry: { type: 'Point' as const, coordinates: [113.601, 34.701] }, properties: { id: 'c1', population: 10 } },
    { geometry: { type: 'Point' as const, coordinates: [113.602, 34.701] }, properties: { id: 'c2', population: 30 } },
    { geometry: { type: 'Point' as const, coordinates: [113.603, 34.701] }, properties: { id: 'c3', population: 60 } },
    // In 大学路.
    { geometry: { type: 'Point' as const, coordinates: [113.615, 34.705] }, properties: { id: 'c4', population: 5 } },
    // In no community.
    { geometry: { type: 'Point' as const, coordinates: [113.7, 34.705] }, properties: { id: 'c5', population: 7 } },
  ];

  it('reads a workbook as a table, joins it once the boundaries come, spreads it over the cells and hands over a population layer', async () => {
    const api = createLoaderApi();
    const preview = await api.load(bytesOf(workbook), '人口.xlsx', {});
    if (preview.kind !== 'table') throw new Error(`a workbook read as ${preview.kind}`);
    expect(preview).toMatchObject({ format: 'xlsx', sheet: '人口', sheets: ['人口', '说明', '分区'], columns: ['社区名称', '常住人口', '户籍人口', '流动人口'], rowCount: 3, key: '社区名称' });
    expect(preview.figures).toEqual({ population: '常住人口', registered: '户籍人口', migrants: '流动人口' });
    expect(preview.sample[1]).toEqual(['大学路　社区', '501', '400', '101']);

    const withBoundaries = await api.tableBoundaries(preview.id, bytesOf(communities), 'communities.geojson');
    // The point is not a boundary.
    expect(withBoundaries.boundaries).toEqual({ file: 'communities.geojson', features: 3, fields: ['社区', '代码'] });
    const joined = api.tableJoin(preview.id, { key: '社区名称', figures: preview.figures, cells });
    expect(joined.error).toBeNull();
    // 建设路: registered 700 by 10:30:60 → 70, 210, 420; migrants 300 → 30, 90, 180. 大学路: its one cell takes 400 + 101.
    expect(joined.join).toEqual({
      keyColumn: '社区名称',
      boundaryField: '社区',
      matched: 2,
      unmatchedRows: [{ key: '不存在社区', row: 5 }],
      unmatchedRowCount: 1,
      unmatchedBoundaries: [{ key: '淮河路社区', feature: 'feature 3' }],
      unmatchedBoundaryCount: 1,
      totals: { population: 1501, registered: 1100, migrants: 401 },
      spread: 'cells',
      features: 4,
      cellsOutside: 1,
      communitiesWithoutCells: [],
    });
    const layer = api.takeTableLayer(preview.id);
    expect(layer.role).toBe('population');
    expect(layer.collection.features.map((f) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants])).toEqual([
      ['c1', 100, 70, 30],
      ['c2', 300, 210, 90],
      ['c3', 600, 420, 180],
      ['c4', 501, 400, 101],
    ]);
    // Taken: the table is let go.
    expect(() => api.takeTableLayer(preview.id)).toThrow(/no longer available/);
  });

  it('without cells, each matched community is one feature; another sheet can be read', async () => {
    const api = createLoaderApi();
    const preview = await api.load(bytesOf(workbook), '人口.xlsx', {});
    await api.tableBoundaries(preview.id, bytesOf(communities), 'communities.geojson');
    const joined = api.tableJoin(preview.id, { key: '社区名称', figures: { population: '常住人口' }, cells: null });
    expect(joined.join).toMatchObject({ matched: 2, spread: 'boundaries', features: 2, totals: { population: 1501, registered: null, migrants: null } });
    // A sheet with a header and no rows is refused by name; the sheet read before stays.
    const empty = await api.tableSheet(preview.id, '说明');
    expect(empty).toMatchObject({ sheet: '人口', rowCount: 3 });
    expect(empty.error).toMatch(/^人口\.xlsx: .*说明/);
    const other = await api.tableSheet(preview.id, '分区');
    expect(other).toMatchObject({ sheet: '分区', rowCount: 1, error: null });
    expect(api.tableJoin(preview.id, { key: '社区名称', figures: { population: '常住人口' }, cells: null }).join).toMatchObject({ matched: 1, totals: { population: 80 } });
  });

  it('says why a join cannot be made, and keeps the table to try again', async () => {
    const api = createLoaderApi();
    const csv = '社区名称,常住人口\n建设路,100\n';
    const preview = await api.load(bytesOf(csv), 'pop.csv', {});
    if (preview.kind !== 'table') throw new Error(`a CSV without coordinates read as ${preview.kind}`);
    expect(api.tableJoin(preview.id, { key: '社区名称', figures: { population: '常住人口' }, cells: null }).error).toBe('choose the community boundaries first');
    const points = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.6, 34.7] } }] });
    expect((await api.tableBoundaries(preview.id, bytesOf(points), 'pts.geojson')).error).toBe(
      'pts.geojson: no polygons: community boundaries must be polygons (the file holds 1 features of other kinds)',
    );
    await api.tableBoundaries(preview.id, bytesOf(communities), 'communities.geojson');
    expect(api.tableJoin(preview.id, { key: '社区名称', figures: {}, cells: null }).error).toMatch(/^pop\.csv: no population column/);
    expect(api.tableJoin(preview.id, { key: '社区名称', figures: { population: '常住人口' }, cells: null }).join).toMatchObject({ matched: 1, totals: { population: 100 } });
  });

  it('a CSV with a longitude but no latitude is still refused as places, not taken for a table', async () => {
    await expect(createLoaderApi().load(bytesOf('name,lon,population\nA,113.6,10\n'), 'half.csv', {})).rejects.toThrow(/a longitude column \(lon\) but no latitude column/);
  });
});
