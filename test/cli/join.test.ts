import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xlsxBytes } from '../fixtures/registration/xlsx.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'catchmap-join-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

/** Four communities side by side along 34.70–34.71 N, 0.01° wide each. */
const boundaries = file(
  'communities.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'c1', 名称: '建设路社区' }, geometry: box(113.6, 34.7, 113.61, 34.71) },
      { type: 'Feature', properties: { id: 'c2', 名称: '第12社区' }, geometry: box(113.61, 34.7, 113.62, 34.71) },
      { type: 'Feature', properties: { id: 'c3', 名称: '幸福里社区居委会' }, geometry: box(113.62, 34.7, 113.63, 34.71) },
      { type: 'Feature', properties: { id: 'c4', 名称: '南湖社区' }, geometry: box(113.63, 34.7, 113.64, 34.71) },
    ],
  }),
);

/**
 * A workbook as a statistics office sends it: a title row, then 社区名称 / 常住人口 / 户籍人口 /
 * 流动人口; keys that match only after normalising (建设路, 第１２社区, 幸福里), two that match
 * nothing (东风, 合计), and a second sheet.
 */
const workbook = file(
  'community-population.xlsx',
  xlsxBytes({
    '2023年': [
      ['二七区社区人口 (2023)'],
      ['社区名称', '常住人口', '户籍人口', '流动人口'],
      ['建设路', 12000, 8000, 4000],
      ['第１２社区', 6000, null, 2500],
      ['幸福里', null, 3000, 1000],
      ['东风', 5000, 4000, 1000],
      ['合计', 27000, null, null],
    ],
    说明: [['a', 'b']],
  }),
);

describe('catchmap join', () => {
  it('joins an .xlsx with Chinese headers to community boundaries: the layer totals equal the matched rows, every unmatched key named', async () => {
    const out = join(dir, 'population.geojson');
    const r = await runCli(['join', '--table', workbook, '--boundaries', boundaries, '--key', '社区名称', '--out', out]);
    expect(r.code).toBe(0);
    // Matched: 建设路 12,000 (8,000 + 4,000), 第１２社区 6,000 (registered 6,000 − 2,500 = 3,500), 幸福里 3,000 + 1,000 = 4,000.
    // Totals: 12,000 + 6,000 + 4,000 = 22,000; registered 8,000 + 3,500 + 3,000 = 14,500; migrants 4,000 + 2,500 + 1,000 = 7,500.
    expect(r.stdout).toBe(
      [
        `joined ${workbook} (sheet 2023年) to ${boundaries} by 社区名称 = 名称: 3 of 5 rows matched, 4 boundaries`,
        'unmatched rows (2): 东风 (row 6), 合计 (row 7)',
        'unmatched boundaries (1): 南湖社区 (c4)',
        'population: 22,000 residents (registered 14,500, migrants 7,500) in 3 communities, 3 features',
        `population layer written to ${out}`,
        '',
      ].join('\n'),
    );
    const layer = JSON.parse(readFileSync(out, 'utf8'));
    const props = layer.features.map((f: { properties: Record<string, unknown> }) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants]);
    expect(props).toEqual([
      ['建设路社区', 12000, 8000, 4000],
      ['第12社区', 6000, 3500, 2500],
      ['幸福里社区居委会', 4000, 3000, 1000],
    ]);

    // The layer evaluates as a population, its groups found by name.
    const schools = file(
      'schools.geojson',
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 's', name: 's', type: 'primary', capacity: 10000 }, geometry: { type: 'Point', coordinates: [113.605, 34.705] } }] }),
    );
    const evaluated = JSON.parse((await runCli(['evaluate', '--type', 'primary', '--population', out, '--facilities', schools, '--json'])).stdout);
    expect(evaluated.residents).toBe(22000);
    expect(evaluated.byRegistration).toMatchObject({ available: true, registered: { residents: 14500 }, migrants: { residents: 7500 } });
  });

  it('--json lists the unmatched keys with their rows and features', async () => {
    const r = await runCli(['join', '--table', workbook, '--boundaries', boundaries, '--key', '社区名称', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      sheet: '2023年',
      keyColumn: '社区名称',
      boundaryField: '名称',
      columns: { population: '常住人口', registered: '户籍人口', migrants: '流动人口' },
      matched: 3,
      unmatchedRows: [
        { key: '东风', row: 6 },
        { key: '合计', row: 7 },
      ],
      unmatchedBoundaries: [{ key: '南湖社区', feature: 'c4' }],
      totals: { population: 22000, registered: 14500, migrants: 7500 },
      spread: 'boundaries',
      features: 3,
    });
  });

  it('spreads the communities over population cells inside them, by residents', async () => {
    // Two cells in 建设路 (residents 1 and 3) and one in 第12社区: 建设路's 8,000 / 4,000 → 2,000 / 1,000 and 6,000 / 3,000;
    // 第12社区's 3,500 / 2,500 all to its one cell; 幸福里 holds no cell and stays one feature.
    const cells = file(
      'cells.csv',
      'id,lng,lat,population\na,113.602,34.705,1\nb,113.607,34.705,3\nc,113.615,34.705,10\nd,113.9,34.9,5\n',
    );
    const out = join(dir, 'cells-out.geojson');
    const r = await runCli(['join', '--table', workbook, '--boundaries', boundaries, '--key', '社区名称', '--population', cells, '--out', out, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ spread: 'cells', cellsOutside: 1, communitiesWithoutCells: ['幸福里'], features: 4 });
    const layer = JSON.parse(readFileSync(out, 'utf8'));
    expect(layer.features.map((f: { properties: Record<string, unknown> }) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants])).toEqual([
      ['a', 3000, 2000, 1000],
      ['b', 9000, 6000, 3000],
      ['c', 6000, 3500, 2500],
      ['幸福里社区居委会', 4000, 3000, 1000],
    ]);
    expect(r.stderr).toContain('1 population cell lies in no matched community; left out');
  });

  it('refuses duplicate keys, a missing sheet and a missing --key with one line', async () => {
    const dup = file('dup.csv', '社区名称,常住人口\n建设路,100\n建设路社区,200\n');
    const r = await runCli(['join', '--table', dup, '--boundaries', boundaries, '--key', '社区名称']);
    expect([r.code, r.stderr]).toEqual([2, `error: ${dup}: duplicate keys in 社区名称: 建设路 (row 2), 建设路社区 (row 3)\n`]);
    const missing = await runCli(['join', '--table', workbook, '--sheet', '2022', '--boundaries', boundaries, '--key', '社区名称']);
    expect(missing.stderr).toBe(`error: ${workbook}: no sheet named "2022" (sheets: "2023年", "说明")\n`);
    expect((await runCli(['join', '--table', workbook, '--boundaries', boundaries])).stderr).toMatch(/^error: --key COLUMN is required/);
  });
});
