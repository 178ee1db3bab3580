// Starts a scaling probe thread from the TypeScript sources (the bench runs under tsx): tsx's loader is
// registered in this thread first, then the entry is imported.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
