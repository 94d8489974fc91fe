import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationSummary } from '../../../src/core/index.ts';
import { BeforeAfterTable } from '../../../src/app/components/BeforeAfterTable.tsx';
import { PrintReport } from '../../../src/app/components/PrintReport.tsx';

const EVAL = join(import.meta.dirname, '../../fixtures/core/evaluate/in');
const read = (name: string) => JSON.parse(readFileSync(join(EVAL, name), 'utf8')) as unknown;
const input = {
  population: read('worked-example-population.geojson'),
  facilities: read('worked-example-facilities.geojson'),
  villages: read('worked-example-villages.geojson'),
};
const today = evaluate(input, { type: 'primary' }).summary;
/** The same district with more seats: a plan's numbers differ from today's. */
const planned: EvaluationSummary = { ...today, coveragePct: 80, servedPct: 70, unservedPupils: 12, schoolsNeeded: 0 };
/** A clinic analysis: the same figures, worded for visits and facilities. */
const clinic = evaluate(input, { type: 'health_station' }).summary;

/** The text a reader sees (tags and attributes such as test ids removed), lower case. */
const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').toLowerCase();

/** Rows of the table `testid` as lists of cells: [tag, text, data-testid]. */
function rows(html: string, testid: string): { head: string[][][]; body: string[][][] } {
  const table = new RegExp(`<table[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  expect(table, `table ${testid}`).not.toBeNull();
  const section = (tag: string) => {
    const inner = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(table![1])?.[1] ?? '';
    return [...inner.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
      [...tr[1].matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => [c[1], c[3].replace(/<[^>]+>/g, ''), /data-testid="([^"]*)"/.exec(c[2])?.[1] ?? '']),
    );
  };
  return { head: section('thead'), body: section('tbody') };
}

describe('before/after table', () => {
  it('has one header cell per column, in the order of every row’s cells (today, then the plan)', () => {
    const { head, body } = rows(renderToStaticMarkup(<BeforeAfterTable before={today} after={planned} testIdPrefix="x" />), 'x-before-after');
    expect(head).toHaveLength(1);
    expect(head[0].map((c) => c[1])).toEqual(['Measure', 'Today', 'Proposed']);
    // Every row, with today's figures of the README's worked example (coverage 66.7 %, served
    // 45.5 %, 162 unserved, 1 school, villages 40.0 % covered and 20.9 % served, the rest 76.1 %
    // served, ratio 0.27) and the plan's own figures where it differs.
    expect(body.map((r) => [r[1][2], r[1][1], r[2][1]])).toEqual([
      ['x-before-coverage', '66.7 %', '80.0 %'],
      ['x-before-served', '45.5 %', '70.0 %'],
      ['x-before-unserved', '162', '12'],
      ['x-before-schools', '1', '0'],
      ['x-before-village-coverage', '40.0 %', '40.0 %'],
      ['x-before-village-served', '20.9 %', '20.9 %'],
      ['x-before-other-served', '76.1 %', '76.1 %'],
      ['x-before-ratio', '0.27', '0.27'],
    ]);
    for (const row of body) {
      expect(row.map((c) => c[0])).toEqual(['th', 'td', 'td']);
      expect(row[1][2]).toMatch(/^x-before-/);
      expect(row[2][2]).toMatch(/^x-after-/);
    }
    const coverage = body.find((r) => r[1][2] === 'x-before-coverage')!;
    expect(coverage.slice(1).map((c) => c[1])).toEqual([`${today.coveragePct!.toFixed(1)} %`, '80.0 %']);
  });

  it('with a difference column, and without a plan (one "Today" column)', () => {
    const withDelta = rows(renderToStaticMarkup(<BeforeAfterTable before={today} after={planned} difference testIdPrefix="d" />), 'd-before-after');
    expect(withDelta.head[0]).toHaveLength(4);
    for (const row of withDelta.body) expect(row).toHaveLength(4);
    const alone = rows(renderToStaticMarkup(<BeforeAfterTable before={today} after={null} difference testIdPrefix="t" />), 't-before-after');
    expect(alone.head[0].map((c) => c[1])).toEqual(['Measure', 'Today']);
    for (const row of alone.body) expect(row.map((c) => c[0])).toEqual(['th', 'td']);
  });

  it('in the print report: today and the plan under their own headers; today alone without a plan', () => {
    const report = (proposed: EvaluationSummary | null) =>
      rows(renderToStaticMarkup(<PrintReport title="T" subtitle="S" image={null} today={today} proposed={proposed} sites={[]} evaluation={null} curve={[]} />), 'print-before-after');
    const withPlan = report(planned);
    expect(withPlan.head[0].map((c) => c[1])).toEqual(['Measure', 'Today', 'Proposed']);
    for (const row of withPlan.body) expect(row.map((c) => c[2])).toEqual(['', expect.stringMatching(/^print-before-/), expect.stringMatching(/^print-after-/)]);
    const noPlan = report(null);
    expect(noPlan.head[0].map((c) => c[1])).toEqual(['Measure', 'Today']);
    for (const row of noPlan.body) expect(row).toHaveLength(2);
  });

  it('speaks of facilities, not schools, for clinics', () => {
    const text = visible(renderToStaticMarkup(<BeforeAfterTable before={clinic} after={clinic} />));
    expect(text).toContain('new facilities still needed');
    expect(text).not.toContain('school');
    expect(text).not.toContain('pupil');
    expect(renderToStaticMarkup(<BeforeAfterTable before={today} after={null} />)).toContain('New schools still needed');
  });

  it('heads the print report’s site size column "Capacity" for clinics', () => {
    const site = { id: 'n1', rank: 1, lngLat: [113.65, 34.75] as [number, number], seats: 300, classes: null, pupilsServed: 120, pupilsInCatchment: 150, locked: false, selected: false };
    const html = renderToStaticMarkup(<PrintReport title="T" subtitle="S" image={null} today={clinic} proposed={clinic} sites={[site]} evaluation={null} curve={[]} />);
    const header = /<table data-testid="print-sites">[\s\S]*?<thead>([\s\S]*?)<\/thead>/.exec(html)![1];
    expect(header).toContain('Capacity');
    expect(header).not.toContain('Size');
    expect(visible(html)).not.toContain('school');
  });
});
