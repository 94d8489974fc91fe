import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLoaderApi } from '../../src/worker/loader-api.ts';

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
