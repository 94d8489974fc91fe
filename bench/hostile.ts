/**
 * `npm run bench -- hostile`: the heavy cases of the hostile corpus (scripts/hostile-corpus.ts) —
 * zip bombs, a 4-billion-record .dbf, a 50,000-column CSV, GeoJSON of 300 MB, 600 MB and 1 GB, a million
 * nested collections — plus a 3-million-cell evaluation written with --out cells.csv and the demo
 * with a 200,000-vertex urban village. Each runs through the CLI in a child process of its own
 * (heap up to 4 GB, so a case that needs more than the 2 GB target shows it rather than dying
 * early), and the case's peak memory (maxRSS) and time are printed with whether its outcome is the
 * expected one. Flags: --only=NAME (substring),
 * --timeout=S (default 120).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_CASES, type HostileCase } from '../scripts/hostile-corpus.ts';

const ROOT = join(import.meta.dirname, '..');
/** A case still running after this is reported as timed out (--timeout=S changes it). */
const TIMEOUT_S = 120;

/** Cases of this bench only: files too big (or too slow to make) for the corpus module. */
function benchCases(): HostileCase[] {
  const cells3m = (): Record<string, Uint8Array> => {
    // 3,000,000 points 25 m apart (2,000 × 1,500), population 1–9; one school in the middle.
    const lines: string[] = ['id,lon,lat,population'];
    const parts: Uint8Array[] = [];
    const enc = new TextEncoder();
    for (let i = 0; i < 3_000_000; i++) {
      lines.push(`c${i},${(113.5 + (i % 2000) * 0.00027).toFixed(6)},${(34.6 + Math.floor(i / 2000) * 0.000225).toFixed(6)},${1 + (i % 9)}`);
      if (lines.length === 100_000) {
        parts.push(enc.encode(lines.join('\n') + '\n'));
        lines.length = 0;
      }
    }
    parts.push(enc.encode(lines.join('\n') + '\n'));
    const csv = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      csv.set(p, at);
      at += p.length;
    }
    const fac = enc.encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'S1', type: 'primary', capacity: 2000 }, geometry: { type: 'Point', coordinates: [113.77, 34.77] } }] }));
    return { 'cells.csv': csv, 'fac.geojson': fac };
  };
  const village200k = (): Record<string, string> => {
    // One village round most of the demo district, digitised with 200,000 vertices (a wobbly circle).
    const ring = Array.from({ length: 200_000 }, (_, k) => {
      const a = (2 * Math.PI * k) / 200_000;
      const r = 0.02 * (1 + 0.05 * Math.sin(60 * a));
      return [113.63 + r * Math.cos(a), 34.775 + r * Math.sin(a)];
    });
    ring.push(ring[0]);
    return { 'v.geojson': JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'v', name: '大村', migrant_share: 0.6 }, geometry: { type: 'Polygon', coordinates: [ring] } }] }) };
  };
  const demo = (f: string) => join(ROOT, 'data/geo', f);
  return [
    {
      name: 'export-3m-cells-csv', format: 'csv', heavy: true, files: cells3m,
      argv: ['evaluate', '--population', '@cells.csv', '--facilities', '@fac.geojson', '--type', 'primary', '--limit', 'features=3000000', '--out', '@out.csv'],
      expect: { code: 0, stdout: ['per-cell results written to'] },
    },
    {
      name: 'demo-village-200k-vertices', format: 'geojson', heavy: true, files: village200k,
      argv: ['evaluate', '--population', demo('demo-population.geojson'), '--facilities', demo('demo-facilities.geojson'), '--villages', '@v.geojson', '--type', 'primary'],
      expect: { code: 0, stdout: ['urban villages'] },
    },
  ];
}

/**
 * This process's peak resident memory. Linux keeps the largest of a process's resident sizes across
 * exec, so a child forked while this bench held a 1 GB input it had just made reported the parent's
 * size (getrusage's maxRSS); the high-water mark of the process's own memory (VmHWM) is the child's.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure is the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Writes a case's files into `dir`, each on disk before it returns (a gigabyte still being written back competes with the case); prints their total bytes. */
export function makeFiles(name: string, dir: string): void {
  const c = [...HOSTILE_CASES, ...benchCases()].find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  let bytes = 0;
  for (const [file, content] of Object.entries(c.files())) {
    writeFileSync(join(dir, file), content);
    const fd = openSync(join(dir, file), 'r');
    fsyncSync(fd);
    closeSync(fd);
    bytes += statSync(join(dir, file)).size;
  }
  console.log(bytes);
}

/** Runs one case in this process: the child side. Prints one JSON line. */
export async function child(name: string, dir: string): Promise<void> {
  const c = [...HOSTILE_CASES, ...benchCases()].find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  const { main } = await import('../src/cli/cli.ts');
  const argv = (c.argv ?? []).map((a) => (a.startsWith('@') ? join(dir, a.slice(1)) : a));
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time beside the wall clock: on two shared cores the wall clock also counts other work's turns.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ code, seconds, cpuSeconds, maxRssMb: peakRssMb(), stdout: stdout.slice(0, 4000), stderr: stderr.slice(0, 2000) }));
}

interface ChildResult {
  code: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

function verdict(c: HostileCase, r: ChildResult): string {
  const e = c.expect;
  if (!e) return 'no expectation';
  const missing = [...(e.stderr ?? []).filter((w) => !r.stderr.includes(w)), ...(e.stdout ?? []).filter((w) => !r.stdout.includes(w))];
  if (r.code !== e.code) return `FAIL exit ${r.code}, expected ${e.code}`;
  if (missing.length > 0) return `FAIL missing ${JSON.stringify(missing)}`;
  if (r.seconds > 30 || r.maxRssMb > 2048) return 'FAIL over 30 s or 2 GB';
  return 'ok';
}

export async function hostileBench(flags: string[]): Promise<void> {
  const only = flags.find((f) => f.startsWith('--only='))?.slice(7);
  const timeoutS = Number(flags.find((f) => f.startsWith('--timeout='))?.slice(10) ?? TIMEOUT_S);
  const all = [...HOSTILE_CASES.filter((c) => c.heavy), ...benchCases()];
  const chosen = all.filter((c) => !only || c.name.includes(only));
  const root = mkdtempSync(join(tmpdir(), 'catchmap-hostile-bench-'));
  const rows: string[] = [];
  try {
    for (const c of chosen) {
      const dir = join(root, c.name);
      mkdirSync(dir, { recursive: true });
      const t0 = performance.now();
      // Made by a process of its own: gigabytes this one held while the case ran made the case's
      // page faults several times dearer (the 1 GB GeoJSON: 5 s more system time).
      const making = spawnSync(process.execPath, ['--max-old-space-size=8192', join(ROOT, 'bench', 'hostile-child.js'), '--make', c.name, dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (making.status !== 0) throw new Error(`${c.name}: its files could not be made`);
      const bytes = Number(making.stdout.trim());
      const made = (performance.now() - t0) / 1000;
      // The young generation as bin/catchmap.js sets it.
      const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--max-semi-space-size=64', join(ROOT, 'bench', 'hostile-child.js'), c.name, dir], {
        cwd: ROOT,
        env: { ...process.env, ...c.env },
        encoding: 'utf8',
        timeout: timeoutS * 1000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = run.stdout.trim().split('\n').pop() ?? '';
      let result: ChildResult | null = null;
      try {
        result = JSON.parse(line) as ChildResult;
      } catch {
        result = null;
      }
      const out = c.argv?.includes('--out') ? join(dir, 'out.csv') : null;
      const outMb = out ? (() => { try { return statSync(out).size / 1e6; } catch { return 0; } })() : 0;
      const text = result
        ? `${c.name.padEnd(34)} exit ${result.code}  ${result.seconds.toFixed(1).padStart(6)} s (${result.cpuSeconds.toFixed(1)} s CPU)  ${Math.round(result.maxRssMb).toString().padStart(5)} MB peak  input ${(bytes / 1e6).toFixed(1)} MB (made in ${made.toFixed(0)} s)${outMb ? `, output ${outMb.toFixed(0)} MB` : ''}  ${verdict(c, result)}\n    ${(result.stderr.split('\n').find((l) => l.startsWith('error:')) ?? result.stdout.split('\n').find((l) => /used|written|residents/.test(l)) ?? '').slice(0, 200)}`
        : `${c.name.padEnd(34)} CRASHED or timed out (signal ${run.signal ?? 'none'}, status ${run.status}): ${(run.stderr ?? '').split('\n').slice(-3).join(' | ').slice(0, 300)}`;
      console.log(text);
      rows.push(text);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const failed = rows.filter((r) => / FAIL |CRASHED/.test(r)).length;
  console.log(`RESULT hostile_cases=${rows.length} failed=${failed}`);
  if (failed > 0) process.exitCode = 1;
}

