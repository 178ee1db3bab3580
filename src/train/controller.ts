/**
 * Pause, resume and cancel for a training in progress. The loop checks the controller between batches, so a
 * request takes effect within one batch.
 */

export type TrainState = 'idle' | 'running' | 'paused' | 'cancelled' | 'finished';

export class TrainController {
  private current: TrainState = 'idle';
  private wake: (() => void) | null = null;
  private readonly listeners = new Set<(state: TrainState) => void>();

  get state(): TrainState {
    return this.current;
  }

  /** True once `cancel()` was called. */
  get cancelled(): boolean {
    return this.current === 'cancelled';
  }

  /** Asks the loop to stop after the current batch. No effect unless running. Returns whether it paused. */
  pause(): boolean {
    if (this.current !== 'running') return false;
    this.set('paused');
    return true;
  }

  /** Lets a paused loop go on. Returns whether it was paused. */
  resume(): boolean {
    if (this.current !== 'paused') return false;
    this.set('running');
    this.release();
    return true;
  }

  /** Stops the loop after the current batch (also when paused); the loop ends with outcome `cancelled`. */
  cancel(): boolean {
    if (this.current === 'cancelled' || this.current === 'finished') return false;
    this.set('cancelled');
    this.release();
    return true;
  }

  /** Called with every state change. Returns an unsubscribe function. */
  onChange(listener: (state: TrainState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @internal The loop marks its start and end. */
  begin(): void {
    if (this.current === 'idle') this.set('running');
  }

  /** @internal */
  finish(): void {
    if (this.current !== 'cancelled') this.set('finished');
  }

  /** @internal Resolves at once unless paused; then when resumed or cancelled. */
  async waitWhilePaused(): Promise<void> {
    while (this.current === 'paused') await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private set(state: TrainState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
