import { describe, expect, it } from 'vitest';
import { createWhatIfSession, evaluate, geodesicRule, withProposedSites, type EvaluateOptions } from '../../../src/core/index.ts';
import { CELL_LAT, CELL_LNG, random, SIDE, smallDistrict, SOUTH, WEST } from './fixture.ts';
import { replayRandomEdits } from './replay.ts';

const input = smallDistrict();
const area = {
  west: WEST - 2 * CELL_LNG,
  south: SOUTH - 2 * CELL_LAT,
  east: WEST + (SIDE + 2) * CELL_LNG,
  north: SOUTH + (SIDE + 2) * CELL_LAT,
  stepDeg: 0.002,
};

describe('what-if session on a small district', () => {
  it('agrees with a full evaluate() after every one of 250 random edits (primary schools)', () => {
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    expect(session.evaluation()).toStrictEqual(evaluate(input, options));
    const kinds = replayRandomEdits(session, input, options, area, random(2024), 250, 1);
    for (const kind of ['add', 'drag', 'jump', 'remove', 'resize', 'undo', 'reorder', 'clear']) expect(kinds[kind]).toBeGreaterThan(0);
  });

  it('agrees with other options too: no existing facility of the type, growth, Gaussian decay, a wider radius, a site-by-site rule', () => {
    // No junior school exists, so the "no usable facilities" warning comes and goes with the sites;
    // geodesicRule has no batch query, so reach is asked site by site on both paths.
    const options: EvaluateOptions = {
      type: 'junior',
      growthFactor: 1.3,
      decay: { kind: 'gaussian' },
      overrides: { radiusM: 700 },
      worstVillageCount: 1,
      distanceRule: geodesicRule,
    };
    const session = createWhatIfSession(input, options);
    expect(session.evaluation().warnings.map((w) => w.feature)).toEqual(['type junior']);
    replayRandomEdits(session, input, options, area, random(99), 200, 1);
  });

  it('carries the figures by registration through every edit, as a full evaluate() gives them', () => {
    // The villages' migrant shares inside them, 30 % stated for the rest: every resident's group is known.
    const options: EvaluateOptions = { type: 'primary', registration: { admission: 'proportional', migrantShareOutsideVillages: 0.3 } };
    const session = createWhatIfSession(input, options);
    const start = session.evaluation();
    expect(start.byRegistration?.available).toBe(true);
    expect(start).toStrictEqual(evaluate(input, options));
    replayRandomEdits(session, input, options, area, random(31), 120, 1);
    const update = session.addSite({ id: 'R', lngLat: [WEST + 7 * CELL_LNG, SOUTH + 7 * CELL_LAT], seats: 900 });
    const full = evaluate(withProposedSites(input, 'primary', session.sites()), options);
    expect(update.byRegistration).toStrictEqual(full.byRegistration);
    expect(session.summary().byRegistration).toStrictEqual(full.byRegistration);
    // The rows alone, as the worker diffs them, are the full evaluation's.
    expect(session.facilities()).toStrictEqual(full.facilities);
  });

  it('refuses registered-first admission, which allocates the whole district in two passes', () => {
    const options: EvaluateOptions = { type: 'primary', registration: { admission: 'registered-first', migrantShareOutsideVillages: 0.3 } };
    expect(() => createWhatIfSession(input, options)).toThrow(/set the admission to proportional to edit/);
  });

  it('reports only the cells an edit changed, and nothing for an edit that changes nothing', () => {
    const session = createWhatIfSession(input, { type: 'primary' });
    const site = { id: 'P', lngLat: [WEST + 12 * CELL_LNG, SOUTH + 2 * CELL_LAT] as [number, number], seats: 900 };
    const added = session.addSite(site);
    // Exactly the cells whose result differs between two full evaluations, without and with the site.
    const before = evaluate(input, { type: 'primary' }).cells;
    const after = evaluate(withProposedSites(input, 'primary', [site]), { type: 'primary' }).cells;
    const changed = after.flatMap((cell, i) => (JSON.stringify(cell) === JSON.stringify(before[i]) ? [] : [i]));
    expect(added.cells.map((c) => c.index).sort((a, b) => a - b)).toEqual(changed);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(SIDE * SIDE);
    const evaluation = session.evaluation();
    for (const { index, cell } of added.cells) expect(cell).toStrictEqual(evaluation.cells[index]);
    const same = session.moveSite('P', [WEST + 12 * CELL_LNG, SOUTH + 2 * CELL_LAT]);
    expect(same.cells).toEqual([]);
    expect(same.summary).toStrictEqual(added.summary);
    expect(same.warnings).toBeUndefined();
  });

  it('lists proposed sites after the existing facilities, with the ids, names and seats given', () => {
    const session = createWhatIfSession(input, { type: 'primary' });
    session.addSite({ id: 'new-1', lngLat: [WEST + 0.01, SOUTH + 0.01], seats: 540, classes: 12, name: '新一小', nameEn: 'New No. 1' });
    session.addSite({ id: 'new-2', lngLat: [WEST + 0.005, SOUTH + 0.015], seats: 270 });
    const { facilities, summary } = session.summary();
    expect(facilities.map((f) => [f.id, f.name, f.nameEn, f.capacity])).toEqual([
      ['S1', 'S1 school', 'S1 school', 400],
      ['S2', 'S2 school', 'S2 school', 250],
      ['S3', 'S3 school', 'S3 school', 600],
      ['new-1', '新一小', 'New No. 1', 540],
      ['new-2', 'new-2', 'new-2', 270],
    ]);
    expect(summary.facilities).toBe(5);
    expect(summary.seats).toBe(400 + 250 + 600 + 540 + 270);
    expect(session.sites()).toEqual([
      { id: 'new-1', lngLat: [WEST + 0.01, SOUTH + 0.01], seats: 540, classes: 12, name: '新一小', nameEn: 'New No. 1' },
      { id: 'new-2', lngLat: [WEST + 0.005, SOUTH + 0.015], seats: 270 },
    ]);
    session.resizeSite('new-1', 630);
    expect(session.sites()[0]).toEqual({ id: 'new-1', lngLat: [WEST + 0.01, SOUTH + 0.01], seats: 630, name: '新一小', nameEn: 'New No. 1' });
    expect(session.evaluation()).toStrictEqual(evaluate(withProposedSites(input, 'primary', session.sites()), { type: 'primary' }));
  });

  it('answers plain data that survives structured cloning and JSON', () => {
    const session = createWhatIfSession(input, { type: 'primary' });
    const update = session.addSite({ id: 'P', lngLat: [WEST + 0.012, SOUTH + 0.004], seats: 450, classes: 10 });
    for (const answer of [update, session.moveSite('P', [WEST + 0.013, SOUTH + 0.005]), session.summary(), session.evaluation(), session.sites()]) {
      expect(structuredClone(answer)).toStrictEqual(answer);
      expect(JSON.parse(JSON.stringify(answer))).toStrictEqual(answer);
    }
  });
});
