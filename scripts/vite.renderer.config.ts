import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Build tooling run by Node, kept out of renderer/ so that folder holds only code that runs in the page.
const root = fileURLToPath(new URL('../renderer/', import.meta.url));

// Relative base: the same build loads from file:// under Electron and from / in serve mode.
export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
