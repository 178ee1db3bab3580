/**
 * Keeps the menu's language radio on the page's language. The page (not main) owns the choice: it stores it and
 * sets `<html lang>` from it, both when the user picks a language in the page and when the menu asks. Main reads
 * that attribute after each load and then waits, inside the page, for its next change; no extra IPC channel is
 * needed, so the sandboxed preload stays as small as it is.
 */

/** The part of WebContents this needs (a test stands in for it). */
export interface ScriptRunner {
  executeJavaScript(code: string): Promise<unknown>;
}

/** Script resolving to `<html lang>` as soon as it differs from `known` (at once if it already does). */
export function nextLangScript(known: string | null): string {
  return `new Promise((resolve) => {
  const el = document.documentElement;
  const known = ${JSON.stringify(known)};
  if (el.lang !== known) return resolve(el.lang);
  const observer = new MutationObserver(() => {
    if (el.lang !== known) { observer.disconnect(); resolve(el.lang); }
  });
  observer.observe(el, { attributes: true, attributeFilter: ['lang'] });
})`;
}

/**
 * Follows the page's language: calls `onLocale` with the current one, then with every change, until the page
 * goes away (the pending script rejects or never settles) or the returned stop function is called. Call it again
 * after every load; the previous follower ends by itself.
 */
export function followPageLocale(contents: ScriptRunner, onLocale: (locale: string) => void): () => void {
  let stopped = false;
  void (async () => {
    let known: string | null = null;
    while (!stopped) {
      let lang: unknown;
      try {
        lang = await contents.executeJavaScript(nextLangScript(known));
      } catch {
        return; // the page navigated, reloaded or closed: the next load starts a new follower
      }
      if (stopped || typeof lang !== 'string') return;
      known = lang;
      onLocale(lang);
    }
  })();
  return () => {
    stopped = true;
  };
}
