/** Registry of benchmarks: name → runner (one file each in this folder). */
export const benches: Record<string, (flags: string[]) => Promise<void>> = {};

import { coverageBench } from './coverage.ts';
benches.coverage = coverageBench;

import { sitingBench } from './siting.ts';
benches.siting = sitingBench;

import { loadBench } from './load.ts';
benches.load = loadBench;

import { whatifBench } from './whatif.ts';
benches.whatif = whatifBench;

import { networkBench } from './network.ts';
benches.network = networkBench;

import { accessBench } from './access.ts';
benches.access = accessBench;

import { cityAppBench } from './city-app.ts';
benches['city-app'] = cityAppBench;
import { hostileBench } from './hostile.ts'; benches.hostile = hostileBench;

import { cityBench } from './city.ts';
benches.city = cityBench;

import { zonesBench } from './zones.ts';
benches.zones = zonesBench;
