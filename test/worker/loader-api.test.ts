import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoaderApi } from '../../src/worker/loader-api.ts';

describe('loader API behind the worker', () => {
  it('lists each field’s distinct values, most frequent first, so type words can be mapped', async () => {
    const csv = 'name,lon,lat,Level,seats\nA,-79.9,43.3,Elementary,300\nB,-79.8,43.2,High,900\nC,-79.7,43.25,Elementary,\nD,-79.85,43.22,Elementary,450\n';
    const preview = await createLoaderApi().load(new TextEncoder().encode(csv).buffer as ArrayBuffer, 'schools.csv', {});
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
