import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { evaluate, type Evaluation } from '../../../src/core/index.ts';
import type { DistrictData } from '../../../src/app/data/district-data.ts';
import { createAppStore, type AppStore } from '../../../src/app/store/store.ts';
import { initialUi } from '../../../src/app/state/ui-state.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/core/evaluate/in', name), 'utf8')) as FeatureCollection;

const empty = { type: 'FeatureCollection', features: [] } as const;

/** The README's worked example (three cells on 113.65° E, two schools, one village) as a district; its boundary is a box drawn around it by hand. */
export function workedDistrict(): DistrictData {
  return {
    demoLayers: [],
    layerFiles: {},
    files: { population: 'population.geojson', facilities: 'facilities.geojson', villages: 'villages.geojson' },
    boundary: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [[[113.64, 34.74], [113.66, 34.74], [113.66, 34.78], [113.64, 34.78], [113.64, 34.74]]] },
        },
      ],
    },
    population: fixture('worked-example-population.geojson') as DistrictData['population'],
    villages: fixture('worked-example-villages.geojson') as DistrictData['villages'],
    facilities: fixture('worked-example-facilities.geojson') as DistrictData['facilities'],
    roads: empty as unknown as DistrictData['roads'],
    landuse: empty as unknown as DistrictData['landuse'],
    zones: empty as unknown as DistrictData['zones'],
  };
}

export const workedEvaluation = (overrides = {}): Evaluation => {
  const d = workedDistrict();
  return evaluate({ population: d.population, facilities: d.facilities, villages: d.villages }, { type: 'primary', overrides });
};

export const newStore = (): AppStore => createAppStore(initialUi('en', false, false));

/** A store whose workers hold the worked example and whose analysis has answered. */
export function analysedStore(): AppStore {
  const store = newStore();
  store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
  store.dispatch({ type: 'data', action: { type: 'district-ready', version: 1 } });
  store.dispatch({ type: 'analysis', action: { type: 'started', runId: 1 } });
  store.dispatch({ type: 'analysis', action: { type: 'finished', runId: 1, result: workedEvaluation(), districtVersion: 1 } });
  return store;
}
