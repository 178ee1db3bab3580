/**
 * Imported first by the page's entry: zod's JIT probes `new Function('')` on the first object parse, which the
 * page's Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation. Jitless parsing is the same
 * parsing without the probe and without eval.
 */
import { z } from 'zod';

z.config({ jitless: true });
