import { describe, expect, it } from 'vitest';
import { xlsxBytes } from '../fixtures/registration/xlsx.ts';
import { screenshot, withApp, type AppSession } from './harness.ts';

const count = (v: number) => v.toLocaleString('en');

/** An axis-aligned rectangle [west, south, east, north] as a GeoJSON polygon. */
const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

// Four communities: the demo district's extent (113.567–113.670, 34.625–34.818) cut into quarters.
const communities = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { 社区: '建设路社区', 代码: 'A' }, geometry: box(113.56, 34.72, 113.618, 34.82) },
    { type: 'Feature', properties: { 社区: '大学路社区', 代码: 'B' }, geometry: box(113.618, 34.72, 113.68, 34.82) },
    { type: 'Feature', properties: { 社区: '淮河路社区', 代码: 'C' }, geometry: box(113.56, 34.62, 113.618, 34.72) },
    { type: 'Feature', properties: { 社区: '航海路社区', 代码: 'D' }, geometry: box(113.618, 34.62, 113.68, 34.72) },
  ],
});

// As a statistics bureau sends it: a title row, Chinese headers, names with and without 社区 (one with a
// full-width space), a row naming a community the boundaries do not have, and none for 航海路.
const workbook = Buffer.from(
  xlsxBytes({
    社区人口: [
      ['2025年二七区社区人口统计'],
      ['社区名称', '常住人口', '户籍人口', '流动人口'],
      ['建设路', 300_000, 200_000, 100_000],
      ['大学路　社区', 250_000, 150_000, 100_000],
      ['淮河路社区', 200_000, 120_000, 80_000],
      ['不存在社区', 1_000, 500, 500],
    ],
  }),
);

describe('a statistics table joined to community boundaries in the load dialog (loader worker)', () => {
  let app: AppSession;
  withApp((opened) => (app = opened));

  it('joins the table, names the unmatched keys on both sides, and makes the population layer of the matched rows', async () => {
    const { page } = app;
    await page.getByTestId('data-file-input').setInputFiles({ name: '社区人口.xlsx', mimeType: 'application/octet-stream', buffer: workbook });
    await page.getByTestId('table-dialog').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('table-read').textContent()).resolves.toBe('XLSX · 4 rows · columns: 社区名称, 常住人口, 户籍人口, 流动人口');
    // Nothing to add before the boundaries are there.
    await expect(page.getByTestId('table-add').isDisabled()).resolves.toBe(true);

    await page.getByTestId('table-boundary-input').setInputFiles({ name: 'communities.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(communities) });
    await page.getByTestId('table-join').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('table-key').inputValue()).resolves.toBe('社区名称');
    await expect(page.getByTestId('table-spread').inputValue()).resolves.toBe('cells');
    await expect(page.getByTestId('table-matched').textContent()).resolves.toBe('Matched 3 of 4 rows on 社区名称 = 社区.');
    // 300,000 + 250,000 + 200,000; registered 200,000 + 150,000 + 120,000; migrants 100,000 + 100,000 + 80,000.
    await expect(page.getByTestId('table-totals').textContent()).resolves.toBe('Residents 750,000 · registered 470,000 · migrants 280,000');
    await expect(page.getByTestId('table-unmatched-rows').textContent()).resolves.toBe('1 table row matches no boundary: 不存在社区 (row 6)');
    await expect(page.getByTestId('table-unmatched-boundaries').textContent()).resolves.toBe('1 boundary matches no row: 航海路社区');
    // The demo's cells in 航海路 (the south-east quarter) have no figure to take.
    await expect(page.getByTestId('table-cells-outside').textContent()).resolves.toMatch(/^[\d,]+ population cells lie in no matched community and are left out\.$/);
    await screenshot(page, 'stats-table-join.png');

    await page.getByTestId('table-add').click();
    await page.getByTestId('table-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-residents"]')?.textContent === text, count(750_000), { timeout: 120_000 });
    await expect(page.getByTestId('workspace-population').textContent()).resolves.toContain('社区人口.xlsx');
    // The groups came with the figures: each group's pupils are its residents at the standard's rate.
    const rate = Number(await page.getByTestId('standard-usersPer1000').inputValue());
    await expect(page.getByTestId('registration-registered-pupils').textContent()).resolves.toBe(count((470_000 * rate) / 1000));
    await expect(page.getByTestId('registration-migrant-pupils').textContent()).resolves.toBe(count((280_000 * rate) / 1000));
    expect(app.errors).toEqual([]);
  });
});
