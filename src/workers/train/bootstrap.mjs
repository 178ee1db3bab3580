// Starts the training worker from the TypeScript sources (tsx, vitest, the CLI): tsx's loader is registered
// in this thread first, then the entry is imported. The bundled app starts `train-worker.cjs` instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
