import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, createWhatIfSession, evaluate, networkRule, type EvaluateOptions } from '../../../src/core/index.ts';
import { random } from './fixture.ts';
import { replayRandomEdits } from './replay.ts';

const GEO = join(import.meta.dirname, '..', '..', '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));

describe.runIf(existsSync(join(GEO, 'demo-population.geojson')))('what-if session on the demo district', () => {
  const input = { population: read('demo-population.geojson'), facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') };
  const area = { west: 113.567, south: 34.626, east: 113.668, north: 34.816, stepDeg: 0.002 };

  it('agrees with a full evaluate() every 10 of 220 random edits (primary schools)', () => {
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    expect(session.evaluation()).toStrictEqual(evaluate(input, options));
    const kinds = replayRandomEdits(session, input, options, area, random(6507), 220, 10);
    expect(Object.values(kinds).reduce((a, b) => a + b, 0)).toBe(220);
  });

  it('agrees on the walking network too (each site reached by its own network search)', () => {
    const graph = buildRoadGraph(read('demo-roads.geojson'));
    const options: EvaluateOptions = { type: 'junior', distanceRule: (points) => networkRule(graph, points) };
    const session = createWhatIfSession(input, options);
    replayRandomEdits(session, input, options, area, random(17), 60, 15);
  });
});
