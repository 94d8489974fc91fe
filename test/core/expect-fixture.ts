import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'core');

/** Reads `test/fixtures/core/<topic>/in/<name>` as JSON. */
export function readInput(topic: string, name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, topic, 'in', name), 'utf8'));
}

/**
 * Compares `actual` with `test/fixtures/core/<topic>/out/<name>.json` (turf style); with REGEN=1
 * the file is rewritten instead, to be reviewed in the diff.
 */
export function expectFixture(topic: string, name: string, actual: unknown): void {
  const file = join(ROOT, topic, 'out', `${name}.json`);
  const plain = JSON.parse(JSON.stringify(actual)) as unknown;
  if (process.env.REGEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(plain, null, 2) + '\n');
  }
  expect(plain).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
