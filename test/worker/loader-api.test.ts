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
