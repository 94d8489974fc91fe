/**
 * Holds a map's new layers back while the answer to an edit they show is on its way, for at most
 * `maxMs`, so that a moved site and the figures it changes are drawn in one frame, not two. In
 * software WebGL a frame of a whole city costs hundreds of milliseconds of the GPU thread, and the
 * browser hands the next pointer move over only when it has drawn the frames before.
 */
export class LayerHold<T> {
  private latest: { layers: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly apply: (layers: T) => void,
    private readonly maxMs: number,
  ) {}

  /** New layers; `answerPending`: the edit they show awaits its answer (whose layers will follow). */
  offer(layers: T, answerPending: boolean): void {
    this.latest = { layers };
    if (!answerPending) this.flush();
    // The first held layers set the deadline: later ones within it do not push it back.
    else this.timer ??= setTimeout(() => this.flush(), this.maxMs);
  }

  /** Whether layers are being held. */
  get holding(): boolean {
    return this.latest !== null;
  }

  /** Applies the latest layers held, if any, now. */
  flush(): void {
    this.cancelTimer();
    const latest = this.latest;
    this.latest = null;
    if (latest) this.apply(latest.layers);
  }

  /** Drops what is held (the map is going away). */
  dispose(): void {
    this.cancelTimer();
    this.latest = null;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
