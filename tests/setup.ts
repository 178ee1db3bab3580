// The backend is chosen once, at the edge (as the engine host and the CLI do): wasm here, as on users' machines without tfjs-node.
import { initBackend } from '../src/model/backend.js';

await initBackend({ prefer: (process.env.TEST_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' });
