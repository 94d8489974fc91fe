/**
 * `npm run bench -- coverage`: catchment membership and capacity-aware allocation for 1,000,000
 * demand cells and 2,000 primary schools at 500 m over a synthetic city of about 30 × 30 km, against
 * the naive turf way (turf.circle + pointsWithinPolygon per school) timed on a few schools and
 * scaled to all of them. Flags: --cells=N --facilities=N --turf-sample=N --runs=N.
 */
import { circle, featureCollection, point, pointsWithinPolygon } from '@turf/turf';
import { allocate, catchmentStats, geodesicIndexRule, type SiteRef } from '../src/core/index.ts';
import { seededRandom as random } from '../src/core/siting/random.ts';

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}


const WEST = 113.48;
const SOUTH = 34.62;
const SPAN_LNG = 0.33; // ≈ 30 km at 34.7° N
const SPAN_LAT = 0.27; // ≈ 30 km

export async function coverageBench(flags: string[]): Promise<void> {
  const cellCount = flag(flags, 'cells', 1_000_000);
  const facilityCount = flag(flags, 'facilities', 2_000);
  const turfSample = flag(flags, 'turf-sample', 4);
  const runs = flag(flags, 'runs', 3);
  const radiusM = 500;
  const rand = random(42);

  // Jittered grid of cells; pupils per cell from residents × 66 per 1,000.
  const side = Math.ceil(Math.sqrt(cellCount));
  const lngs = new Float64Array(cellCount);
  const lats = new Float64Array(cellCount);
  const users = new Float64Array(cellCount);
  for (let i = 0; i < cellCount; i++) {
    lngs[i] = WEST + ((i % side) + rand()) * (SPAN_LNG / side);
    lats[i] = SOUTH + (Math.floor(i / side) + rand()) * (SPAN_LAT / side);
    users[i] = (Math.floor(rand() * 40) * 66) / 1000;
  }
  const sites: SiteRef[] = [];
  const capacity = new Float64Array(facilityCount);
  for (let s = 0; s < facilityCount; s++) {
    sites.push({ id: `S${s}`, lngLat: [WEST + rand() * SPAN_LNG, SOUTH + rand() * SPAN_LAT] });
    capacity[s] = 45 * (12 + Math.floor(rand() * 24));
  }
  console.log(`cells ${cellCount.toLocaleString('en-US')}, facilities ${facilityCount.toLocaleString('en-US')}, radius ${radiusM} m`);

  const timings: number[] = [];
  let summary = '';
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const rule = geodesicIndexRule(lngs, lats);
    const t1 = performance.now();
    const table = rule.reachAll(sites, radiusM);
    const t2 = performance.now();
    const stats = catchmentStats(table, users);
    const allocation = allocate(table, users, capacity);
    const t3 = performance.now();
    timings.push((t3 - t0) / 1000);
    let totalUsers = 0;
    let coveredUsers = 0;
    let served = 0;
    for (let i = 0; i < cellCount; i++) {
      totalUsers += users[i];
      if (stats.covered[i]) coveredUsers += users[i];
      served += allocation.served[i];
    }
    console.log(
      `run ${run + 1}: index ${(t1 - t0).toFixed(0)} ms, catchments ${(t2 - t1).toFixed(0)} ms ` +
        `(${table.indices.length.toLocaleString('en-US')} cell–school pairs), coverage + allocation ${(t3 - t2).toFixed(0)} ms, ` +
        `total ${(t3 - t0).toFixed(0)} ms`,
    );
    summary =
      `pupils ${Math.round(totalUsers).toLocaleString('en-US')}, covered ${((100 * coveredUsers) / totalUsers).toFixed(1)} %, ` +
      `served ${((100 * served) / totalUsers).toFixed(1)} %`;
  }
  console.log(summary);
  const seconds = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)];

  const points = featureCollection(Array.from(lngs, (lng, i) => point([lng, lats[i]])));
  const tTurf = performance.now();
  let turfHits = 0;
  for (let s = 0; s < turfSample; s++) {
    const [lng, lat] = sites[s].lngLat!;
    turfHits += pointsWithinPolygon(points, circle([lng, lat], radiusM, { units: 'meters', steps: 64 })).features.length;
  }
  const turfPerFacilityS = (performance.now() - tTurf) / 1000 / turfSample;
  const turfScaledS = turfPerFacilityS * facilityCount;
  console.log(
    `turf.circle + pointsWithinPolygon: ${(turfPerFacilityS * 1000).toFixed(0)} ms per school over ${turfSample} schools ` +
      `(${turfHits} hits) → ${turfScaledS.toFixed(1)} s scaled to ${facilityCount} schools, membership only, no allocation`,
  );
  console.log(`median of ${runs} runs: ${seconds.toFixed(3)} s for membership + allocation`);
  console.log(`RESULT coverage_1m_s=${seconds.toFixed(3)} turf_ratio=${Math.round(turfScaledS / seconds)}`);
}
