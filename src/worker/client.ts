import { proxy, wrap, type Remote } from 'comlink';
import type { EvaluateOptions, Evaluation, ProgressCallback, Recommendation, RecommendOptions } from '../core/index.ts';
import type { DistrictInput, EngineApi } from './engine-api.ts';

/**
 * The app's handle on the engine worker. Cancelling terminates the worker (the only way to stop
 * a synchronous computation at once) and starts a fresh one with the same district.
 */
export class EngineClient {
  private worker!: Worker;
  private api!: Remote<EngineApi>;
  private district: DistrictInput | null = null;

  constructor() {
    this.start();
  }

  private start() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'catchmap-engine' });
    this.api = wrap<EngineApi>(this.worker);
    if (this.district) void this.api.setDistrict(this.district);
  }

  async setDistrict(input: DistrictInput): Promise<void> {
    this.district = input;
    await this.api.setDistrict(input);
  }

  evaluate(options: EvaluateOptions, onProgress?: ProgressCallback): Promise<Evaluation> {
    return this.api.evaluate(options, onProgress ? proxy(onProgress) : undefined);
  }

  recommend(evalOptions: EvaluateOptions, options: RecommendOptions, onProgress?: ProgressCallback): Promise<Recommendation> {
    return this.api.recommend(evalOptions, options, onProgress ? proxy(onProgress) : undefined);
  }

  /** Stops whatever is running; its promise never settles, so callers track their own run ids. */
  cancel(): void {
    this.worker.terminate();
    this.start();
  }

  dispose(): void {
    this.worker.terminate();
  }
}
