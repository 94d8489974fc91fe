import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageCurve, curveElbow, recommendSites, type EvaluateInput, type RecommendOptions } from '../../../src/core/index.ts';

const geo = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../data/geo', name), 'utf8')) as unknown;
const demo: EvaluateInput = { population: geo('demo-population.geojson'), facilities: geo('demo-facilities.geojson'), villages: geo('demo-urban-villages.geojson') };

describe('coverageCurve', () => {
  it('gives for each p = 0 … 10 exactly what ten separate recommendations give (p = 0: today)', async () => {
    const options: RecommendOptions = { model: 'mclp', candidateSpacingM: 400, seed: 1, iterations: 1 };
    const seen: number[] = [];
    const curve = await coverageCurve(demo, { type: 'primary' }, options, 10, (q) => seen.push(q.p));
    expect(curve.map((q) => q.p)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seen).toEqual(curve.map((q) => q.p));
    for (let p = 1; p <= 10; p++) {
      const alone = await recommendSites(demo, { type: 'primary' }, { ...options, p });
      expect(curve[p], `p = ${p}`).toEqual({
        p,
        coveragePct: alone.after.coveragePct,
        servedPct: alone.after.servedPct,
        villageServedPct: alone.after.equity.villageServedPct,
        otherServedPct: alone.after.equity.otherServedPct,
        unservedPupils: alone.after.unservedPupils,
        seatsAdded: alone.proposals.reduce((n, q) => n + q.seats, 0),
      });
      if (p === 1) {
        expect(curve[0].coveragePct).toBe(alone.before.coveragePct);
        expect(curve[0].seatsAdded).toBe(0);
      }
    }
  }, 120_000);

  it('stops between points when cancelled, keeping those made', async () => {
    const cancel = { cancelled: false };
    const curve = await coverageCurve(demo, { type: 'primary' }, { model: 'mclp', candidateSpacingM: 400 }, 5, (q) => {
      if (q.p === 2) cancel.cancelled = true;
    }, undefined, cancel);
    expect(curve.map((q) => q.p)).toEqual([0, 1, 2]);
  }, 60_000);

  it('refuses set cover (it picks its own number of sites) and a maximum outside 1 … 50', async () => {
    await expect(coverageCurve(demo, { type: 'primary' }, { model: 'lscp', candidateSpacingM: 400 }, 5)).rejects.toThrow('set-cover model chooses its own number of sites');
    await expect(coverageCurve(demo, { type: 'primary' }, { model: 'mclp', candidateSpacingM: 400 }, 0)).rejects.toThrow('from 1 to 50, got 0');
    await expect(coverageCurve(demo, { type: 'primary' }, { model: 'mclp', candidateSpacingM: 400 }, 51)).rejects.toThrow('got 51');
  });
});

describe('curveElbow', () => {
  const pts = (values: (number | null)[]) => values.map((value, p) => ({ p, value }));
  it('is the point farthest above the chord', () => {
    // Chord from (0, 50) to (4, 70): 5 a site. Heights above it: p1 60−55 = 5, p2 66−60 = 6, p3 68−65 = 3.
    expect(curveElbow(pts([50, 60, 66, 68, 70]))).toBe(2);
    expect(curveElbow(pts([10, 30, 40, 45, 47, 48]))).toBe(2);
  });

  it('has none for a straight line, a flat or falling curve, or under three points', () => {
    expect(curveElbow(pts([1, 2, 3, 4]))).toBeNull();
    expect(curveElbow(pts([5, 5, 5]))).toBeNull();
    expect(curveElbow(pts([5, 4, 3]))).toBeNull();
    expect(curveElbow(pts([1, 2]))).toBeNull();
    expect(curveElbow(pts([null, 1, null, 3]))).toBeNull();
  });
});
