import { expect } from 'vitest';
import {
  evaluate,
  withProposedSites,
  type EvaluateInput,
  type EvaluateOptions,
  type Evaluation,
  type LngLat,
  type ProposedSite,
  type WhatIfSession,
  type WhatIfUpdate,
} from '../../../src/core/index.ts';

/** Where random sites may go: a lon/lat box, and how far one drag step moves a site. */
export interface EditArea {
  west: number;
  south: number;
  east: number;
  north: number;
  stepDeg: number;
}

/** What a client does with each update: patch the last full evaluation it holds. */
export function applyUpdate(view: Evaluation, update: WhatIfUpdate): void {
  view.summary = update.summary;
  view.facilities = update.facilities;
  for (const change of update.cells) view.cells[change.index] = change.cell;
  if (update.warnings) view.warnings = update.warnings;
  if (update.byRegistration) view.byRegistration = update.byRegistration;
}

/**
 * Replays `count` seeded random edits (add, drag, jump, remove, resize, reorder, undo to an earlier
 * set, clear) on `session`, patching a client-side copy with every update. Every `checkEvery`
 * edits, and after the last, the session's evaluation, the patched copy and a fresh `evaluate()`
 * with the sites added as facilities must all be deep-equal. Returns how many edits of each kind ran.
 */
export function replayRandomEdits(
  session: WhatIfSession,
  input: EvaluateInput,
  options: EvaluateOptions,
  area: EditArea,
  rand: () => number,
  count: number,
  checkEvery: number,
): Record<string, number> {
  const view = structuredClone(session.evaluation());
  const history: ProposedSite[][] = [];
  const kinds: Record<string, number> = {};
  let revision = session.summary().revision;
  let serial = 0;
  const point = (): LngLat => [area.west + rand() * (area.east - area.west), area.south + rand() * (area.north - area.south)];
  const seats = () => 45 * (1 + Math.floor(rand() * 30));
  const pick = (sites: ProposedSite[]) => sites[Math.floor(rand() * sites.length)];

  for (let edit = 1; edit <= count; edit++) {
    const sites = session.sites();
    history.push(sites);
    const r = rand();
    let kind: string;
    let update: WhatIfUpdate;
    if (sites.length === 0 || (r < 0.2 && sites.length < 6)) {
      kind = 'add';
      const classes = rand() < 0.5 ? Math.ceil(seats() / 45) : undefined;
      update = session.addSite({ id: `P${++serial}`, lngLat: point(), seats: seats(), ...(classes ? { classes } : {}), ...(rand() < 0.3 ? { name: `新校 ${serial}` } : {}) });
    } else if (r < 0.6) {
      kind = 'drag';
      const site = pick(sites);
      const [lng, lat] = site.lngLat;
      update = session.moveSite(site.id, [lng + (rand() - 0.5) * area.stepDeg, lat + (rand() - 0.5) * area.stepDeg]);
    } else if (r < 0.68) {
      kind = 'jump';
      update = session.moveSite(pick(sites).id, point());
    } else if (r < 0.76) {
      kind = 'remove';
      update = session.removeSite(pick(sites).id);
    } else if (r < 0.86) {
      kind = 'resize';
      update = session.resizeSite(pick(sites).id, rand() < 0.1 ? 1e-3 : seats(), rand() < 0.5 ? 10 : undefined);
    } else if (r < 0.92) {
      kind = 'undo';
      update = session.setSites(history[Math.floor(rand() * history.length)]);
    } else if (r < 0.97) {
      kind = 'reorder';
      update = session.setSites([...sites].reverse());
    } else {
      kind = 'clear';
      update = session.setSites([]);
    }
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    expect(update.revision).toBe(++revision);
    applyUpdate(view, update);
    if (edit % checkEvery === 0 || edit === count) {
      const full = evaluate(withProposedSites(input, options.type, session.sites()), options);
      const evaluation = session.evaluation();
      expect(evaluation, `after edit ${edit} (${kind})`).toStrictEqual(full);
      expect(view, `client copy after edit ${edit} (${kind})`).toStrictEqual(full);
    }
  }
  return kinds;
}
