// Starts the encode worker from the TypeScript sources (tsx, vitest, the bench): tsx's loader is registered
// in this thread first, then the entry is imported.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
