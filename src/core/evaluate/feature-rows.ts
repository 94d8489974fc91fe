import type { CellResult } from './evaluation.ts';

/**
 * One row per input feature: a polygon split into parts at the service radius has one cell result
 * per part (all with its `featureIndex`, ids `ID#k`); they are joined back here, in order of first
 * appearance. Cells that are whole features come back unchanged (the same objects). A joined row:
 * - `residents`, `users`, `served`, `unserved`, `migrants`: sums over the parts;
 * - `covered`: some part is within the radius of a facility, and `nearestDistanceM`,
 *   `nearestFacilityId` are those of the nearest part (so covered ⇔ nearest distance ≤ radius);
 *   the share of users covered is (users − users of uncovered parts) and shows in `unserved`;
 * - `servedById`: the facility of the part given the most places (null when none is served);
 * - `access2sfca`, `accessE2sfca`, `villageShare`: means over the parts weighted by users
 *   (residents for the village share); `villageId`/`villageName`: the village holding the most
 *   of the feature's residents;
 * - `lngLat`: the parts' points weighted by residents — the feature's area centroid, since
 *   residents are shared by area; `id`: the feature's, without `#k`.
 */
export function cellsByFeature(cells: readonly CellResult[]): CellResult[] {
  const groups = new Map<number, CellResult[]>();
  for (const c of cells) {
    const group = groups.get(c.featureIndex);
    if (group) group.push(c);
    else groups.set(c.featureIndex, [c]);
  }
  return [...groups.values()].map((parts) => (parts.length === 1 ? parts[0] : joined(parts)));
}

/**
 * `cellsByFeature` for cells whose parts are consecutive, as the engine lists them (a feature's
 * parts one after another, features in order), read one at a time: rows are joined as they come,
 * so millions of cells never need a map of them all.
 */
export function* featureRows(cells: Iterable<CellResult>): Generator<CellResult> {
  let run: CellResult[] = [];
  for (const c of cells) {
    if (run.length > 0 && c.featureIndex !== run[0].featureIndex) {
      yield run.length === 1 ? run[0] : joined(run);
      run = [];
    }
    run.push(c);
  }
  if (run.length > 0) yield run.length === 1 ? run[0] : joined(run);
}

function joined(parts: readonly CellResult[]): CellResult {
  let residents = 0;
  let users = 0;
  let served = 0;
  let unserved = 0;
  let migrants = 0;
  let a2 = 0;
  let ae2 = 0;
  let villageResidents = 0;
  let x = 0;
  let y = 0;
  let nearest: CellResult | null = null;
  let mostServed: CellResult | null = null;
  const byVillage = new Map<string, { name: string | null; residents: number }>();
  for (const p of parts) {
    residents += p.residents;
    users += p.users;
    served += p.served;
    unserved += p.unserved;
    migrants += p.migrants;
    a2 += p.access2sfca * p.users;
    ae2 += p.accessE2sfca * p.users;
    villageResidents += p.villageShare * p.residents;
    x += p.lngLat[0] * p.residents;
    y += p.lngLat[1] * p.residents;
    if (p.nearestDistanceM !== null && (nearest === null || p.nearestDistanceM < nearest.nearestDistanceM!)) nearest = p;
    if (p.servedById !== null && p.served > 0 && (mostServed === null || p.served > mostServed.served)) mostServed = p;
    if (p.villageId !== null) {
      const v = byVillage.get(p.villageId) ?? { name: p.villageName, residents: 0 };
      v.residents += p.villageShare * p.residents;
      byVillage.set(p.villageId, v);
    }
  }
  let village: [string, { name: string | null; residents: number }] | null = null;
  for (const entry of byVillage) if (village === null || entry[1].residents > village[1].residents) village = entry;
  const n = parts.length;
  const mean = (sum: number, weight: number, plain: (p: CellResult) => number) =>
    weight > 0 ? sum / weight : parts.reduce((s, p) => s + plain(p), 0) / n;
  const first = parts[0];
  return {
    id: first.id.replace(/#\d+$/, ''),
    featureIndex: first.featureIndex,
    lngLat: residents > 0 ? [x / residents, y / residents] : [mean(0, 0, (p) => p.lngLat[0]), mean(0, 0, (p) => p.lngLat[1])],
    residents,
    users,
    served,
    unserved,
    covered: parts.some((p) => p.covered),
    nearestFacilityId: nearest?.nearestFacilityId ?? null,
    nearestDistanceM: nearest?.nearestDistanceM ?? null,
    servedById: mostServed?.servedById ?? null,
    access2sfca: mean(a2, users, (p) => p.access2sfca),
    accessE2sfca: mean(ae2, users, (p) => p.accessE2sfca),
    villageId: village?.[0] ?? null,
    villageName: village?.[1].name ?? null,
    villageShare: mean(villageResidents, residents, (p) => p.villageShare),
    migrants,
  };
}
