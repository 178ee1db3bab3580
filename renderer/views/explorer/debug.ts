/**
 * A small debug handle on `window.__explorer` so end-to-end tests and the browser benchmark can turn plot
 * pixels into latent coordinates and wait for frames, without scraping the DOM.
 */
export type DebugHandles = Record<string, unknown>;

/** Register (or with `undefined`, remove) handle `name`. */
export function exposeDebug(name: string, handle: unknown): void {
  const w = window as unknown as { __explorer?: DebugHandles };
  w.__explorer ??= {};
  if (handle === undefined) delete w.__explorer[name];
  else w.__explorer[name] = handle;
}
