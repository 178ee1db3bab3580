/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { ShellApi } from '../src/pure/api/api.js';

declare global {
  interface Window {
    /** Present under Electron (exposed by the preload); absent in serve mode. */
    explorerShell?: ShellApi;
  }
}
