import { wrap, type Remote } from 'comlink';

/**
 * A Comlink worker that can be stopped at once: terminating is the only way to interrupt a
 * synchronous computation, so `restart` kills it and starts a fresh one (whose promises then
 * never settle: callers track their own run ids).
 */
export class RestartableWorker<Api> {
  private worker: Worker;
  api: Remote<Api>;

  constructor(
    private readonly create: () => Worker,
    private readonly onStart: (api: Remote<Api>) => void = () => undefined,
  ) {
    this.worker = create();
    this.api = wrap<Api>(this.worker);
  }

  restart(): void {
    this.worker.terminate();
    this.worker = this.create();
    this.api = wrap<Api>(this.worker);
    this.onStart(this.api);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
