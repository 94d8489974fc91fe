import { InputError } from '../errors.ts';
import { decimalNumber } from './numbers.ts';

/** An OR-Library uncapacitated p-median instance (pmed1 … pmed40, Beasley 1985). */
export interface OrlibPmed {
  n: number;
  p: number;
  /** Undirected edges after the "last duplicate wins" rule: [i, j, cost] with 0-based i < j. */
  edges: [number, number, number][];
}

/**
 * Largest n read: the instances are solved on their n × n shortest-path matrix (8 bytes a cell),
 * 5,000 nodes = 200 MB; OR-Library's largest (pmed40) has 900. A header beyond it is refused before
 * anything is allocated.
 */
export const ORLIB_MAX_NODES = 5000;

/**
 * Parses `n m p` then m lines `i j cost` (1-based). OR-Library's note of 1995: when an edge appears
 * more than once the LAST cost wins (not the minimum), so later lines overwrite earlier ones.
 */
export function parseOrlibPmed(text: string, source: string): OrlibPmed {
  const tok = text.trim().split(/\s+/);
  if (tok.length < 3 || tok[0] === '') throw new InputError(source, 'empty file; expected "n m p" on the first line');
  const num = (k: number, what: string): number => {
    const v = decimalNumber(tok[k] ?? '');
    if (!Number.isInteger(v)) throw new InputError(source, `${what}: expected an integer, got '${tok[k] ?? ''}'`);
    return v;
  };
  const n = num(0, 'n');
  const m = num(1, 'm');
  const p = num(2, 'p');
  if (n < 1) throw new InputError(source, `n must be positive, got ${n}`);
  if (n > ORLIB_MAX_NODES) {
    throw new InputError(source, `n = ${n} nodes is above the limit of ${ORLIB_MAX_NODES} (the n × n distance matrix would need ${Math.round((n * n * 8) / 1e6)} MB)`);
  }
  if (p < 1 || p > n) throw new InputError(source, `p must be in 1..${n}, got ${p}`);
  if (tok.length < 3 + 3 * m) throw new InputError(source, `header says ${m} edges but only ${Math.floor((tok.length - 3) / 3)} follow`);
  const byPair = new Map<number, [number, number, number]>();
  for (let e = 0; e < m; e++) {
    const k = 3 + 3 * e;
    const i = num(k, `edge ${e + 1} from`);
    const j = num(k + 1, `edge ${e + 1} to`);
    const c = decimalNumber(tok[k + 2] ?? '');
    if (i < 1 || i > n || j < 1 || j > n) throw new InputError(source, `edge ${e + 1}: vertex out of 1..${n} (${i} ${j})`);
    if (!Number.isFinite(c) || c < 0) throw new InputError(source, `edge ${e + 1}: cost must be a non-negative number, got '${tok[k + 2]}'`);
    // A self loop (`3 3 5`) is no route anywhere: ignored.
    if (i === j) continue;
    const a = Math.min(i, j) - 1;
    const b = Math.max(i, j) - 1;
    byPair.set(a * n + b, [a, b, c]);
  }
  return { n, p, edges: [...byPair.values()] };
}

/** All-pairs shortest paths (n × Dijkstra on the sparse graph); Infinity between components. */
export function shortestPathMatrix(inst: OrlibPmed): Float64Array {
  const { n, edges } = inst;
  const deg = new Int32Array(n + 1);
  for (const [a, b] of edges) {
    deg[a + 1]++;
    deg[b + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const adj = new Int32Array(deg[n]);
  const wt = new Float64Array(deg[n]);
  const fill = deg.slice(0, n);
  for (const [a, b, c] of edges) {
    adj[fill[a]] = b;
    wt[fill[a]++] = c;
    adj[fill[b]] = a;
    wt[fill[b]++] = c;
  }
  const out = new Float64Array(n * n);
  const heapNode = new Int32Array(deg[n] + n);
  const heapKey = new Float64Array(deg[n] + n);
  for (let s = 0; s < n; s++) {
    const dist = out.subarray(s * n, (s + 1) * n);
    dist.fill(Infinity);
    dist[s] = 0;
    // Lazy-deletion binary heap (stale entries are skipped when popped), inlined for speed.
    let size = 1;
    heapNode[0] = s;
    heapKey[0] = 0;
    while (size > 0) {
      const v = heapNode[0];
      const key = heapKey[0];
      const lastKey = heapKey[--size];
      const lastNode = heapNode[size];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && heapKey[child + 1] < heapKey[child]) child++;
        if (heapKey[child] >= lastKey) break;
        heapKey[i] = heapKey[child];
        heapNode[i] = heapNode[child];
        i = child;
      }
      heapKey[i] = lastKey;
      heapNode[i] = lastNode;
      if (key > dist[v]) continue;
      for (let k = deg[v]; k < deg[v + 1]; k++) {
        const to = adj[k];
        const nd = key + wt[k];
        if (nd >= dist[to]) continue;
        dist[to] = nd;
        let h = size++;
        while (h > 0) {
          const parent = (h - 1) >> 1;
          if (heapKey[parent] <= nd) break;
          heapKey[h] = heapKey[parent];
          heapNode[h] = heapNode[parent];
          h = parent;
        }
        heapKey[h] = nd;
        heapNode[h] = to;
      }
    }
  }
  return out;
}
