import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { applyMapping, loadFile } from '../../../src/core/io/index.ts';
import { completeRegistration } from '../../../src/core/registration/registration-figures.ts';

const csv = (text: string) => new TextEncoder().encode(text);

/** The refusal's reason, or a failure when the call does not refuse. */
async function refusal(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
  } catch (err) {
    if (err instanceof InputError) return `${err.source}: ${err.reason}`;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('completeRegistration: the split rules', () => {
  it('total from both groups: 700 + 300 = 1000', () => {
    expect(completeRegistration({ population: null, registered: 700, migrants: 300 })).toEqual({ population: 1000, registered: 700, migrants: 300 });
  });
  it('the other group as the difference: 1000 − 650 = 350 migrants; 1000 − 200 = 800 registered', () => {
    expect(completeRegistration({ population: 1000, registered: 650, migrants: null })).toEqual({ population: 1000, registered: 650, migrants: 350 });
    expect(completeRegistration({ population: 1000, registered: null, migrants: 200 })).toEqual({ population: 1000, registered: 800, migrants: 200 });
  });
  it('a total alone: the groups are not known (null), never invented', () => {
    expect(completeRegistration({ population: 1000, registered: null, migrants: null })).toEqual({ population: 1000, registered: null, migrants: null });
  });
  it('refuses a negative difference, and groups that do not add up beyond max(1, 0.1 %) of the total', () => {
    expect(completeRegistration({ population: 1000, registered: null, migrants: 1200 })).toEqual({
      error: 'migrants 1200 are above the population 1000 (registered would be -200)',
    });
    // 1000 total: tolerance max(1, 1) = 1 person; 700 + 302 is 2 off.
    expect(completeRegistration({ population: 1000, registered: 700, migrants: 302 })).toHaveProperty('error');
    expect(completeRegistration({ population: 1000, registered: 700, migrants: 301 })).toEqual({ population: 1000, registered: 700, migrants: 301 });
    // 100,000 total: tolerance 100; 60,050 + 40,000 is 50 off: kept.
    expect(completeRegistration({ population: 100_000, registered: 60_050, migrants: 40_000 })).toEqual({ population: 100_000, registered: 60_050, migrants: 40_000 });
  });
});

describe('mapping registration columns (户籍人口, 流动人口) onto population features', () => {
  const header = 'id,lng,lat,常住人口,户籍人口,流动人口\n';

  it('finds the Chinese columns by themselves and completes each row (object and table paths alike)', async () => {
    // c1: total and both → as given; c2: total and 户籍 → 流动 = 1000 − 600 = 400; c3: both → total 250 + 50 = 300; c4: total only → no groups.
    const text = header + 'c1,113.65,34.75,1000,700,300\nc2,113.65,34.751,1000,600,\nc3,113.65,34.752,,250,50\nc4,113.65,34.753,800,,\n';
    const loaded = await loadFile(csv(text), 'pop.csv');
    expect(loaded.suggestedMapping).toMatchObject({ population: '常住人口', registered: '户籍人口', migrants: '流动人口' });
    const layer = applyMapping(loaded, 'population');
    expect(layer.collection.features.map((f) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants])).toEqual([
      ['c1', 1000, 700, 300],
      ['c2', 1000, 600, 400],
      ['c3', 300, 250, 50],
      ['c4', 800, undefined, undefined],
    ]);
    const tabled = applyMapping(await loadFile(csv(text), 'pop.csv', { role: 'population' }), 'population');
    expect(tabled.table).toBeDefined();
    const table = tabled.table!;
    expect(Array.from(table.population)).toEqual([1000, 1000, 300, 800]);
    expect(Array.from(table.registered!)).toEqual([700, 600, 250, NaN]);
    expect(Array.from(table.migrants!)).toEqual([300, 400, 50, NaN]);
    expect(table.properties(1)).toMatchObject({ population: 1000, registered: 600, migrants: 400 });
  });

  it('takes both groups without a total column: population = registered + migrants', async () => {
    const loaded = await loadFile(csv('id,lng,lat,hukou,migrants\na,113.65,34.75,120,80\n'), 'groups.csv');
    const layer = applyMapping(loaded, 'population', { id: 'id', registered: 'hukou', migrants: 'migrants' });
    expect(layer.collection.features[0].properties).toMatchObject({ population: 200, registered: 120, migrants: 80 });
  });

  it('refuses a row whose migrants exceed its total, naming the file and the row, on both paths', async () => {
    const text = header + 'c1,113.65,34.75,1000,,300\nc2,113.65,34.751,1000,,1200\n';
    const expected = 'pop.csv: c2: migrants 1200 are above the population 1000 (registered would be -200)';
    expect(await refusal(async () => applyMapping(await loadFile(csv(text), 'pop.csv'), 'population'))).toBe(expected);
    expect(await refusal(async () => applyMapping(await loadFile(csv(text), 'pop.csv', { role: 'population' }), 'population'))).toBe(expected);
  });

  it('skips a row whose group is not a number, with a warning naming it', async () => {
    const text = header + 'c1,113.65,34.75,1000,700,300\nc2,113.65,34.751,1000,many,\n';
    const layer = applyMapping(await loadFile(csv(text), 'pop.csv'), 'population');
    expect(layer.collection.features.map((f) => f.properties.id)).toEqual(['c1']);
    expect(layer.warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['c2: 户籍人口 is not a number ("many"); skipped']);
  });
});
