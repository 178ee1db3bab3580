/**
 * The About box's text: version, licence, the engine's backend (with the reason it fell back, if it did) and the
 * runtime versions, which are what a bug report needs.
 */

export interface AboutFacts {
  version: string;
  licence: string;
  /** The engine's backend as the page's `info` reports it; null when the engine has not answered. */
  backend: string | null;
  /** Why the engine is not on its first-choice backend, if it is not. */
  backendNote?: string | null;
  versions: { electron?: string; chrome?: string; node?: string };
}

export function aboutDetail(facts: AboutFacts): string {
  const backend = facts.backend ?? 'not known yet (the engine has not answered)';
  const runtime = [
    facts.versions.electron && `Electron ${facts.versions.electron}`,
    facts.versions.chrome && `Chromium ${facts.versions.chrome}`,
    facts.versions.node && `Node ${facts.versions.node}`,
  ].filter(Boolean);
  return [
    `Version ${facts.version}`,
    `Licence: ${facts.licence} (see the LICENSE file)`,
    `Engine backend: ${backend}${facts.backendNote ? ` (${facts.backendNote})` : ''}`,
    ...(runtime.length ? [runtime.join(', ')] : []),
  ].join('\n');
}

/** Script the main process runs in the page to ask the engine for its backend through the page's own API. */
export const BACKEND_QUERY = `window.explorer.info().then((i) => ({ backend: i.backend, note: i.backendNote ?? null }))`;

/** Parses what BACKEND_QUERY resolved to (anything else: unknown). */
export function parseBackendAnswer(value: unknown): { backend: string | null; note: string | null } {
  if (value && typeof value === 'object' && typeof (value as { backend?: unknown }).backend === 'string') {
    const note = (value as { note?: unknown }).note;
    return { backend: (value as { backend: string }).backend, note: typeof note === 'string' ? note : null };
  }
  return { backend: null, note: null };
}
