/**
 * What the Electron preload tells the page about the engine, by `window.postMessage` inside the page (the
 * engine's MessagePort travels as the message's transferred port, so requests and answers never cross the
 * context bridge). Shared by the preload, which builds these notes, and the page, which reads them.
 * Pure module: no Node, no DOM.
 */

export const ENGINE_LINK_TAG = 'latent-explorer:engine-link';

export type EngineLinkNote =
  /** A new port to the engine is attached; `restartReason` is set when the engine was restarted. */
  | { tag: typeof ENGINE_LINK_TAG; kind: 'port'; restartReason?: string }
  /** The engine process died: it is being restarted (`final` false) or will not be again (`final` true). */
  | { tag: typeof ENGINE_LINK_TAG; kind: 'down'; reason: string; final: boolean };

/** Reads a note, or null for anything else posted to the window (other tags, malformed values). */
export function parseEngineLinkNote(data: unknown): EngineLinkNote | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.tag !== ENGINE_LINK_TAG) return null;
  if (d.kind === 'port') {
    return typeof d.restartReason === 'string'
      ? { tag: ENGINE_LINK_TAG, kind: 'port', restartReason: d.restartReason }
      : { tag: ENGINE_LINK_TAG, kind: 'port' };
  }
  if (d.kind === 'down' && typeof d.reason === 'string' && typeof d.final === 'boolean') {
    return { tag: ENGINE_LINK_TAG, kind: 'down', reason: d.reason, final: d.final };
  }
  return null;
}
