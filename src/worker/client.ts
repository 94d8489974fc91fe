import { proxy, transfer } from 'comlink';
import type {
  Evaluation,
  FieldMapping,
  LoadOptions,
  LoadProgressCallback,
  MappedLayer,
  ProgressCallback,
  Recommendation,
  RecommendOptions,
  Role,
} from '../core/index.ts';
import type { FeatureCollection } from 'geojson';
import type { FacilityType, LngLat, ProposedSite, WhatIfUpdate } from '../core/index.ts';
import type { DistanceMode, DistrictInput, EngineApi, EngineOptions } from './engine-api.ts';
import type { LoaderApi, LoadPreview } from './loader-api.ts';
import { RestartableWorker } from './restartable-worker.ts';

/** The app's handle on an engine worker holding one district. */
export class EngineClient {
  private district: DistrictInput | null = null;
  private readonly worker = new RestartableWorker<EngineApi>(
    () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'catchmap-engine' }),
    (api) => {
      if (this.district) void api.setDistrict(this.district);
    },
  );

  async setDistrict(input: DistrictInput): Promise<void> {
    this.district = input;
    await this.worker.api.setDistrict(input);
  }

  evaluate(options: EngineOptions, onProgress?: ProgressCallback): Promise<Evaluation> {
    return this.worker.api.evaluate(options, onProgress ? proxy(onProgress) : undefined);
  }

  evaluateWithSites(options: EngineOptions, sites: ProposedSite[]): Promise<Evaluation> {
    return this.worker.api.evaluateWithSites(options, sites);
  }

  recommend(evalOptions: EngineOptions, options: RecommendOptions, onProgress?: ProgressCallback): Promise<Recommendation> {
    return this.worker.api.recommend(evalOptions, options, onProgress ? proxy(onProgress) : undefined);
  }

  isochrones(type: FacilityType, radiusM: number, distance: Exclude<DistanceMode, 'straight'>, sites: { id: string; lngLat: LngLat }[]): Promise<FeatureCollection> {
    return this.worker.api.isochrones(type, radiusM, distance, sites);
  }

  startWhatIf(options: EngineOptions, sites: ProposedSite[], onProgress?: ProgressCallback): Promise<Evaluation> {
    return this.worker.api.startWhatIf(options, sites, onProgress ? proxy(onProgress) : undefined);
  }

  whatIfAdd(site: ProposedSite): Promise<WhatIfUpdate> {
    return this.worker.api.whatIfAdd(site);
  }

  whatIfMove(id: string, lngLat: LngLat): Promise<WhatIfUpdate> {
    return this.worker.api.whatIfMove(id, lngLat);
  }

  whatIfSetSites(sites: ProposedSite[]): Promise<WhatIfUpdate> {
    return this.worker.api.whatIfSetSites(sites);
  }

  /** Stops whatever is running; its promise never settles. */
  cancel(): void {
    this.worker.restart();
  }

  dispose(): void {
    this.worker.dispose();
  }
}

/** The app's handle on the file-loading worker. */
export class LoaderClient {
  private readonly worker = new RestartableWorker<LoaderApi>(
    () => new Worker(new URL('./loader.worker.ts', import.meta.url), { type: 'module', name: 'catchmap-loader' }),
  );

  /** The bytes move to the worker (transferred, not copied). */
  load(bytes: ArrayBuffer, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadPreview> {
    return this.worker.api.load(transfer(bytes, [bytes]), name, options, onProgress ? proxy(onProgress) : undefined);
  }

  map(id: number, role: Role, mapping: FieldMapping): Promise<MappedLayer> {
    return this.worker.api.map(id, role, mapping);
  }

  discard(id: number): Promise<void> {
    return this.worker.api.discard(id);
  }

  /** Stops a load at once; files waiting for confirmation are lost with it. */
  cancel(): void {
    this.worker.restart();
  }

  dispose(): void {
    this.worker.dispose();
  }
}
