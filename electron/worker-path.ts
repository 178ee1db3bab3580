/**
 * Which training-worker script the engine host starts. In development `LATENT_EXPLORER_TRAIN_WORKER` may point at
 * another build; an installed app always runs the worker bundled beside its engine host, so a variable inherited
 * from a developer's shell (or set by anyone who can set the user's environment) cannot swap in other code.
 */
import { TRAIN_WORKER_ENV } from '../src/workers/train/client.js';

/** Whether `bundlePath` lies inside an installed app's archive (`…/resources/app.asar/…`). */
export function isPackagedPath(bundlePath: string): boolean {
  return /[\\/]app\.asar[\\/]/.test(bundlePath);
}

/**
 * A worker's entry (the training worker's unless `envName` names another, e.g. the encode worker's): always the
 * bundled one when packaged, else the environment's override if any.
 */
export function trainWorkerEntry(env: Record<string, string | undefined>, bundled: string, envName = TRAIN_WORKER_ENV): string {
  if (isPackagedPath(bundled)) return bundled;
  return env[envName] ?? bundled;
}
