/**
 * `npm run demo-data`: writes the synthetic demo district to data/geo/ and prints a summary.
 * See data/geo/README.md for what the files are and how they are made.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoData, serializeCollection } from './demo/generate.ts';
import { summarize } from './demo/summary.ts';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'geo');
mkdirSync(outDir, { recursive: true });
const files = generateDemoData();
for (const [name, collection] of Object.entries(files)) {
  const text = serializeCollection(collection);
  writeFileSync(join(outDir, name), text);
  console.log(`${name.padEnd(30)} ${String(collection.features.length).padStart(6)} features ${(text.length / 1e6).toFixed(2)} MB`);
}
const s = summarize(files);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
console.log(`population ${s.population} in ${s.cells} cells; area ${s.areaKm2} km²`);
console.log(`facilities ${JSON.stringify(s.facilities)}`);
console.log(`urban villages ${s.villages}, residents ${s.villageResidents}`);
console.log(
  `within 500 m of a primary school: village residents ${pct(s.coverage500.village)}, others ${pct(s.coverage500.other)} (growth area ${pct(s.coverage500.growth)})`,
);
console.log(`primary schools over capacity within 500 m: ${s.overCapacityPrimary}; with spare seats: ${s.spareCapacityPrimary}`);
console.log(`roads km ${JSON.stringify(s.roadKm)}, features ${JSON.stringify(s.roadFeatures)}`);
