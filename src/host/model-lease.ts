/**
 * Leases on open models: a model stays alive while a request holds it. Every request the host runs gets a lease
 * scope (async context), every model the request takes from the cache is leased to that scope, and a model the
 * cache lets go (a deleted, evicted or retrained run) is disposed only when the last lease on it is returned.
 * Before this, deleting a run while its embedding was being computed answered "Container 'encoder' is already
 * disposed".
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Reference count of one open model, and what to do when it is no longer wanted nor held. */
export class ModelLease {
  private holders = 0;
  private retired = false;
  private disposed = false;

  constructor(private readonly free: () => void) {}

  /** Requests holding the model now. */
  get held(): number {
    return this.holders;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  acquire(): void {
    this.holders += 1;
  }

  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    this.maybeFree();
  }

  /** The cache no longer offers the model: dispose it as soon as no request holds it. */
  retire(): void {
    this.retired = true;
    this.maybeFree();
  }

  /** Holds the model while `work` runs (e.g. an embedding computed in the background). */
  async during<T>(work: Promise<T>): Promise<T> {
    this.acquire();
    try {
      return await work;
    } finally {
      this.release();
    }
  }

  private maybeFree(): void {
    if (!this.retired || this.holders > 0 || this.disposed) return;
    this.disposed = true;
    this.free();
  }
}

const scopes = new AsyncLocalStorage<Set<ModelLease>>();

/** Runs `work` (one request) in a lease scope; every lease taken inside is returned when it settles. */
export async function withLeases<T>(work: () => Promise<T> | T): Promise<T> {
  const held = new Set<ModelLease>();
  try {
    return await scopes.run(held, work);
  } finally {
    for (const lease of held) lease.release();
  }
}

/** Leases `lease` to the request running now (once per request). Returns false outside any request scope. */
export function leaseToCurrentRequest(lease: ModelLease): boolean {
  const held = scopes.getStore();
  if (!held) return false;
  if (!held.has(lease)) {
    held.add(lease);
    lease.acquire();
  }
  return true;
}
