import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'core');

/**
 * Reads `test/fixtures/core/<topic>/in/<name>` as JSON. Expected outputs are not stored next to
 * the inputs: each test states its expected values with their derivation (by hand, or by an
 * independent computation in the test), never as a file written from the engine's own output.
 */
export function readInput(topic: string, name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, topic, 'in', name), 'utf8'));
}
