/**
 * Request coalescing for drags: at most one request in flight, and when it returns, only the newest
 * argument pushed meanwhile is sent. A drag that outruns the engine skips stale points instead of queueing.
 */
export class LatestOnly<A, R> {
  #inFlight = false;
  #pending: { arg: A } | null = null;

  /**
   * @param request - the call to coalesce
   * @param onResult - called with each result and the argument that produced it, in order
   * @param onError - called when a request fails (the next push still goes out)
   */
  constructor(
    private readonly request: (arg: A) => Promise<R>,
    private readonly onResult: (result: R, arg: A) => void,
    private readonly onError: (error: unknown, arg: A) => void = () => {},
  ) {}

  /** True while a request is out. */
  get busy(): boolean {
    return this.#inFlight;
  }

  /** Send `arg` now if idle, else remember it as the next one (replacing any older pending argument). */
  push(arg: A): void {
    if (this.#inFlight) {
      this.#pending = { arg };
      return;
    }
    this.#send(arg);
  }

  #send(arg: A): void {
    this.#inFlight = true;
    this.request(arg)
      .then(
        (r) => this.onResult(r, arg),
        (e) => this.onError(e, arg),
      )
      .finally(() => {
        this.#inFlight = false;
        const next = this.#pending;
        this.#pending = null;
        if (next) this.#send(next.arg);
      });
  }
}
