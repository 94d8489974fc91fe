import { proxy, transfer } from 'comlink';
import { unpackEvaluation, type CostColumns, type SparseCostMatrix, type FieldMapping, type LoadOptions, type LoadProgressCallback, type MappedLayer, type MappingOptions, type ProgressCallback, type Role } from '../core/index.ts';
import type { DistrictInput, EngineApi } from './engine-api.ts';
import type { JoinChoice, LoaderApi, LoadPreview, MatrixPreview, TablePreview } from './loader-api.ts';
import type { PackedEngineApi } from './packed-engine.ts';
import { RestartableWorker } from './restartable-worker.ts';

/** The engine API's parameter and result types, so the client never restates them. */
type Api = EngineApi;
type Settings = Parameters<Api['evaluate']>[0];
type Result<K extends keyof Api> = Promise<Awaited<ReturnType<Api[K]>>>;

/** The app's handle on an engine worker holding one district. */
export class EngineClient {
  private district: DistrictInput | null = null;
  private travelTimes: SparseCostMatrix | null = null;
  private readonly worker = new RestartableWorker<PackedEngineApi>(
    () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'catchmap-engine' }),
    (api) => {
      if (this.district) void api.setDistrict(this.district);
      if (this.travelTimes) void api.setTravelTimes(this.travelTimes);
    },
  );

  async setDistrict(input: DistrictInput): Promise<void> {
    this.district = input;
    await this.worker.api.setDistrict(input);
  }

  async setTravelTimes(matrix: SparseCostMatrix | null): Promise<void> {
    this.travelTimes = matrix;
    await this.worker.api.setTravelTimes(matrix);
  }

  access(...args: Parameters<Api['access']>): Result<'access'> {
    return this.worker.api.access(...args);
  }

  evaluate(settings: Settings, onProgress?: ProgressCallback): Result<'evaluate'> {
    return this.worker.api.evaluate(settings, onProgress ? proxy(onProgress) : undefined).then(unpackEvaluation);
  }

  evaluateWithSites(settings: Parameters<Api['evaluateWithSites']>[0], sites: Parameters<Api['evaluateWithSites']>[1]): Result<'evaluateWithSites'> {
    return this.worker.api.evaluateWithSites(settings, sites).then(unpackEvaluation);
  }

  recommend(
    settings: Parameters<Api['recommend']>[0],
    recommend: Parameters<Api['recommend']>[1],
    onProgress?: ProgressCallback,
  ): Result<'recommend'> {
    return this.worker.api.recommend(settings, recommend, onProgress ? proxy(onProgress) : undefined).then((r) => ({ ...r, afterEvaluation: unpackEvaluation(r.afterEvaluation) }));
  }

  hukouPlan(settings: Parameters<Api['hukouPlan']>[0], recommend: Parameters<Api['hukouPlan']>[1], onProgress?: ProgressCallback): Result<'hukouPlan'> {
    return this.worker.api.hukouPlan(settings, recommend, onProgress ? proxy(onProgress) : undefined);
  }

  coverageCurve(
    settings: Parameters<Api['coverageCurve']>[0],
    recommend: Parameters<Api['coverageCurve']>[1],
    maxP: number,
    onPoint?: Parameters<Api['coverageCurve']>[3],
    onProgress?: ProgressCallback,
  ): Result<'coverageCurve'> {
    return this.worker.api.coverageCurve(settings, recommend, maxP, onPoint ? proxy(onPoint) : undefined, onProgress ? proxy(onProgress) : undefined);
  }

  isochrones(...args: Parameters<Api['isochrones']>): Result<'isochrones'> {
    return this.worker.api.isochrones(...args);
  }

  startWhatIf(
    settings: Parameters<Api['startWhatIf']>[0],
    sites: Parameters<Api['startWhatIf']>[1],
    onProgress?: ProgressCallback,
  ): Result<'startWhatIf'> {
    return this.worker.api.startWhatIf(settings, sites, onProgress ? proxy(onProgress) : undefined).then(unpackEvaluation);
  }

  zoneEvaluation(...args: Parameters<Api['zoneEvaluation']>): Result<'zoneEvaluation'> {
    return this.worker.api.zoneEvaluation(...args);
  }

  designZones(settings: Parameters<Api['designZones']>[0], request: Parameters<Api['designZones']>[1], onProgress?: ProgressCallback): Result<'designZones'> {
    return this.worker.api.designZones(settings, request, onProgress ? proxy(onProgress) : undefined);
  }

  zoneMoveBlock(...args: Parameters<Api['zoneMoveBlock']>): Result<'zoneMoveBlock'> {
    return this.worker.api.zoneMoveBlock(...args);
  }

  zoneUndo(): Result<'zoneUndo'> {
    return this.worker.api.zoneUndo();
  }

  whatIfAdd(...args: Parameters<Api['whatIfAdd']>): Result<'whatIfAdd'> {
    return this.worker.api.whatIfAdd(...args);
  }

  whatIfMove(...args: Parameters<Api['whatIfMove']>): Result<'whatIfMove'> {
    return this.worker.api.whatIfMove(...args);
  }

  whatIfSetSites(...args: Parameters<Api['whatIfSetSites']>): Result<'whatIfSetSites'> {
    return this.worker.api.whatIfSetSites(...args);
  }

  whatIfSync(...args: Parameters<Api['whatIfSync']>): Result<'whatIfSync'> {
    return this.worker.api.whatIfSync(...args);
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
  load(bytes: ArrayBuffer, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadPreview | MatrixPreview | TablePreview> {
    return this.worker.api.load(transfer(bytes, [bytes]), name, options, onProgress ? proxy(onProgress) : undefined);
  }

  tableSheet(id: number, sheet: string): Promise<TablePreview> {
    return this.worker.api.tableSheet(id, sheet);
  }

  /** The boundary file's bytes move to the worker. */
  tableBoundaries(id: number, bytes: ArrayBuffer, name: string): Promise<TablePreview> {
    return this.worker.api.tableBoundaries(id, transfer(bytes, [bytes]), name);
  }

  tableJoin(id: number, choice: JoinChoice): Promise<TablePreview> {
    return this.worker.api.tableJoin(id, choice);
  }

  takeTableLayer(id: number): Promise<MappedLayer> {
    return this.worker.api.takeTableLayer(id);
  }

  matrixColumns(id: number, columns: CostColumns): Promise<MatrixPreview> {
    return this.worker.api.matrixColumns(id, columns);
  }

  takeMatrix(id: number): Promise<SparseCostMatrix> {
    return this.worker.api.takeMatrix(id);
  }

  map(id: number, role: Role, mapping: FieldMapping, options?: MappingOptions): Promise<MappedLayer> {
    return this.worker.api.map(id, role, mapping, options);
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
