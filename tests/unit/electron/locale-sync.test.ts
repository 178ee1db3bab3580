import { describe, expect, it } from 'vitest';
import { followPageLocale, nextLangScript, type ScriptRunner } from '../../../electron/locale-sync.js';

/** A page stand-in that runs the follower's script for real against a fake `document` with a MutationObserver. */
class FakePage implements ScriptRunner {
  lang = 'en';
  private observers: (() => void)[] = [];
  gone = false;
  executeJavaScript(code: string): Promise<unknown> {
    if (this.gone) return Promise.reject(new Error('page gone'));
    const document = { documentElement: this };
    const observers = this.observers;
    class MutationObserver {
      constructor(private readonly cb: () => void) {}
      observe() {
        observers.push(() => this.cb());
      }
      disconnect() {
        observers.splice(observers.indexOf(this.notify), 1);
      }
      notify = () => this.cb();
    }
    return new Function('document', 'MutationObserver', `return ${code}`)(document, MutationObserver) as Promise<unknown>;
  }
  setLang(lang: string) {
    this.lang = lang;
    for (const o of [...this.observers]) o();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('followPageLocale', () => {
  it("reports the page's language at once, then each change, and stops when told", async () => {
    const page = new FakePage();
    page.lang = 'es';
    const seen: string[] = [];
    const stop = followPageLocale(page, (l) => seen.push(l));
    await tick();
    expect(seen).toEqual(['es']);
    page.setLang('en');
    await tick();
    page.setLang('es');
    await tick();
    expect(seen).toEqual(['es', 'en', 'es']);
    stop();
    page.setLang('en');
    await tick();
    expect(seen).toEqual(['es', 'en', 'es']);
  });

  it('ends quietly when the page goes away', async () => {
    const page = new FakePage();
    const seen: string[] = [];
    followPageLocale(page, (l) => seen.push(l));
    await tick();
    page.gone = true;
    page.setLang('es');
    await tick();
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('the script resolves at once when the language already differs from the known one', async () => {
    const page = new FakePage();
    await expect(page.executeJavaScript(nextLangScript(null))).resolves.toBe('en');
    await expect(page.executeJavaScript(nextLangScript('es'))).resolves.toBe('en');
  });
});
