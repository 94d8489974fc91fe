import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from '../../scripts/hostile-corpus.ts';
import { applyMapping, loadFile } from '../../src/core/io/index.ts';
import { loadGeojson } from '../../src/core/io/geojson.ts';
import { bytesSource } from '../../src/core/io/geojson-stream.ts';
import { tableFeatures, type PopulationTable } from '../../src/core/demand/population-table.ts';
import type { MappedLayer } from '../../src/core/io/types.ts';

const enc = new TextEncoder();

/** UTF-8 text: the streamed reader, for files over 256 MiB, takes UTF-8 (or a stated encoding) only, as it always has. */
function isUtf8(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The outcome of reading a population file: its features, warnings and report, or the error's message. */
async function outcome(read: () => Promise<MappedLayer>) {
  try {
    const layer = await read();
    const features = layer.table ? [...tableFeatures(layer.table as PopulationTable)] : layer.collection.features;
    return { features, warnings: layer.warnings, report: layer.report };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * Every GeoJSON file of the hostile corpus read as a population twice: parsed whole, as a file
 * under 256 MiB is, and streamed, as a larger one is, its plain features read without JSON.parse.
 * The two must agree on every file the streamed reader takes (a FeatureCollection).
 */
describe('the hostile corpus read unparsed', () => {
  const all = HOSTILE_CASES.filter((c) => c.format === 'geojson' && !c.heavy).flatMap((c) =>
    Object.entries(c.files())
      .filter(([name]) => /\.(geo)?json$/.test(name))
      .map(([name, content]) => ({ name: `${c.name}/${name}`, bytes: typeof content === 'string' ? enc.encode(content) : content })),
  );
  const files = all.filter(({ bytes }) => isUtf8(bytes));
  const whole = (bytes: Uint8Array, name: string) => outcome(async () => applyMapping(await loadGeojson(bytesSource(bytes), name, { role: 'population' }, undefined, 'whole'), 'population'));

  it('gives what parsing the file whole gives, or refuses it too', async () => {
    expect(files.length).toBeGreaterThan(30);
    let compared = 0;
    for (const { name, bytes } of files) {
      const parsed = await whole(bytes, name);
      const streamed = await outcome(async () => applyMapping(await loadGeojson(bytesSource(bytes), name, { role: 'population' }, undefined, 'stream'), 'population'));
      if (streamed.error !== undefined && /is read only as a FeatureCollection/.test(streamed.error)) continue;
      if (parsed.error !== undefined) expect(streamed.error, `${name}: ${parsed.error}`).toBeDefined();
      else {
        expect(streamed, name).toEqual(parsed);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(15);
  });

  it('loads every file as a population as it loaded it before: streamed where it can be, else whole, with the same messages', async () => {
    expect(all.length - files.length).toBeGreaterThan(0);
    for (const { name, bytes } of all) {
      const loaded = await outcome(async () => applyMapping(await loadFile(bytes, name, { role: 'population' }), 'population'));
      expect(loaded, name).toEqual(await whole(bytes, name));
    }
  });
});
