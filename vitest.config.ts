import { availableParallelism } from 'node:os';
import { compileModule } from 'svelte/compiler';
import { transformWithEsbuild, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Compiles the page's rune modules (`*.svelte.ts`) for the client, so unit tests can drive page state
 * (renderer/state) in Node: TypeScript stripped by esbuild, then Svelte's module compiler.
 */
function svelteRuneModules(): Plugin {
  return {
    name: 'svelte-rune-modules',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.svelte\.ts$/.test(id.split('?')[0])) return null;
      const js = await transformWithEsbuild(code, id, { loader: 'ts', target: 'es2022' });
      const out = compileModule(js.code, { filename: id, generate: 'client', dev: false });
      return { code: out.js.code, map: out.js.map };
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [svelteRuneModules()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/figures/**/*.test.ts', 'tests/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
          // Two test files run at once on two cores: trainings that also took every core each (the engine's
          // default) made the unit tests 35 % slower. Data-parallel training has its own tests, which ask for
          // two threads, and the e2e tests run the app with its default.
          env: { LATENT_EXPLORER_TRAIN_THREADS: '1' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Vitest's default (one fewer than the cores) runs the files one at a time on two cores.
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
