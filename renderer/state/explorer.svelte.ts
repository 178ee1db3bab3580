/**
 * The explorer's state that outlives a view and a reload: run, split, hidden classes, zoom, probe, the two
 * interpolation samples, the compare pair. One exported object (Svelte: a module must not reassign exported
 * `$state`); `persistExplorer()` writes it to localStorage, debounced, while the explorer is mounted.
 */
import { STORAGE_KEY, nextPair, parseSaved, type SavedExplorer } from '../lib/explorer/persist.js';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export const explorer: SavedExplorer = $state(parseSaved(readStored()));

/** Start saving `explorer` on every change (250 ms debounce); returns the stop function. */
export function persistExplorer(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = $effect.root(() => {
    $effect(() => {
      const json = JSON.stringify(explorer);
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          localStorage.setItem(STORAGE_KEY, json);
        } catch {
          // Storage full or disabled: the explorer still works, it just forgets on reload.
        }
      }, 250);
    });
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

/** Toggle class `c` in the legend filter. */
export function toggleClass(c: number): void {
  explorer.hidden = explorer.hidden.includes(c) ? explorer.hidden.filter((h) => h !== c) : [...explorer.hidden, c].sort((a, b) => a - b);
}

/** Shift-click: pick `index` as the next interpolation sample. */
export function pickSample(index: number): void {
  explorer.pair = nextPair(explorer.pair, index);
}
