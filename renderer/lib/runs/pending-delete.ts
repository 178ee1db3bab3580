/**
 * Delete with undo: a deleted run disappears from the list at once, and is deleted in the engine only when
 * the undo window closes (or the view goes away), so "Undo" never has to rebuild a folder. Pure apart from
 * the timer functions it is given.
 */

export interface PendingDelete<T> {
  /** The item waiting to be deleted, if any. */
  readonly current: T | null;
  /** Hides `item`; an earlier pending item is committed first. */
  schedule(item: T): void;
  /** Brings the pending item back. Returns it. */
  undo(): T | null;
  /** Deletes the pending item now (e.g. the view is closing). */
  flush(): Promise<void>;
}

export interface PendingDeleteOptions<T> {
  commit: (item: T) => Promise<void>;
  /** Called whenever `current` changes. */
  onChange?: (current: T | null) => void;
  /** Undo window, ms. Default 6,000. */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function pendingDelete<T>(opts: PendingDeleteOptions<T>): PendingDelete<T> {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let current: T | null = null;
  let timer: unknown = null;
  const set = (next: T | null) => {
    current = next;
    opts.onChange?.(next);
  };
  const flush = async () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    const item = current;
    if (item === null) return;
    set(null);
    await opts.commit(item);
  };
  return {
    get current() {
      return current;
    },
    schedule(item) {
      void flush();
      set(item);
      timer = setTimer(() => void flush(), opts.delayMs ?? 6_000);
    },
    undo() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      const item = current;
      set(null);
      return item;
    },
    flush,
  };
}
