/**
 * The one place the page's state is switched on, called by the entry point (renderer/main.ts) and by tests
 * with a fake link: importing a state module connects and subscribes to nothing.
 */
import type { ShellApi, Unsubscribe } from '../../src/pure/api/api.js';
import { startApp, type EngineLink } from './app.svelte.js';
import { handleMenuCommand } from './menu.js';
import { followTraining } from './studio.svelte.js';
import { followRuns } from './teach.svelte.js';

/** Wires app, studio and lesson state to `link` (and to the Electron menu when `shell` is given); returns the stop function. */
export function startState(link: EngineLink, shell?: ShellApi): Unsubscribe {
  const offs = [startApp(link), followTraining(), followRuns()];
  if (shell) offs.push(shell.onMenu(handleMenuCommand));
  return () => offs.forEach((off) => off());
}
