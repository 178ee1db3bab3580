/**
 * One training run inside the worker thread: `runTraining` (src/train/run.ts) with the worker's I/O around it:
 * progress, weight snapshots and codes posted to the host, and a cancelled or diverged run removed from the
 * library. It runs on its own thread, so nothing here needs to yield for the engine's sake.
 */
import { seededPermutation } from '../../pure/data/random.js';
import { encodeAll } from '../../latent/encode-all.js';
import type { Autoencoder } from '../../model/types.js';
import { deleteRun } from '../../runs/index.js';
import type { TrainController } from '../../train/controller.js';
import { runTraining } from '../../train/run.js';
import { indexDataset } from '../../data/dataset-index.js';
import type { FromWorker, TrainJob, WorkerEnd } from './protocol.js';
import { snapshotWeights } from '../weights.js';
import { errorMessage } from '../../pure/errors.js';
import { parallelStepper } from '../parallel/stepper.js';

/** Sends a message to the host, transferring the listed buffers. */
export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

/** Runs `job` to its end; never throws (a failure ends as `failed`, keeping the checkpoints already saved). */
export async function runJob(job: TrainJob, controller: TrainController, post: Post): Promise<WorkerEnd> {
  let timer: ReturnType<typeof setInterval> | null = null;
  try {
    const { config } = job;
    const data = indexDataset(job.dataset);
    const subset = seededPermutation(data.count, config.seed).slice(0, Math.min(job.subsetSize, data.count));
    const subsetImages = data.gather(subset);
    let model: Autoencoder | null = null;
    const snapshot = () => {
      if (!model) return;
      model.sync();
      const encoder = snapshotWeights(model.encoder);
      const decoder = snapshotWeights(model.decoder);
      post(
        { type: 'weights', encoder, decoder },
        [...encoder, ...decoder].map((w) => w.buffer as ArrayBuffer),
      );
    };
    const encodeSubset = () => {
      const codes = encodeAll(model!.encoder, subsetImages, subset.length);
      post({ type: 'subsetCodes', codes }, [codes.buffer as ArrayBuffer]);
    };
    let lastSubset = 0;
    const end = await runTraining(
      {
        runId: job.runId,
        dir: job.dir,
        config,
        dataset: job.dataset,
        backend: job.backend,
        createdAt: job.createdAt,
        resume: job.resume,
        controller,
        progressEvery: job.progressEvery,
        stepper: parallelStepper({ threads: job.threads, workerPath: job.peerPath }),
      },
      {
        onModel: (built) => {
          model = built;
          snapshot();
          // Timers fire between batches (the loop yields after each), when the weights hold still.
          timer = setInterval(snapshot, job.snapshotMs);
        },
        onBatch: (progress) => {
          post({ type: 'progress', progress });
          const global = (progress.epoch - 1) * progress.batches + progress.batch;
          if (global - lastSubset < job.subsetEvery) return;
          lastSubset = global;
          encodeSubset();
        },
        // The snapshot first: whoever reacts to the epoch's event already decodes with the epoch's weights.
        onEpoch: (progress) => {
          snapshot();
          post({ type: 'progress', progress });
        },
        onEpochEnd: ({ epoch, codes }) => {
          const copy = codes().slice();
          post({ type: 'epochCodes', epoch, codes: copy }, [copy.buffer as ArrayBuffer]);
        },
        onTrained: (result) => {
          if (timer) clearInterval(timer);
          timer = null;
          if (result.outcome === 'complete') snapshot();
        },
      },
    );
    if (end.outcome === 'complete') return end;
    // Nothing half-done stays in the library: the checkpoints of a cancelled or diverged run go too. A resumed
    // run keeps its last checkpoint on cancel (it was the user's before this session).
    if (!(job.resume && end.outcome === 'cancelled')) await deleteRun(job.dir).catch(() => {});
    return { outcome: end.outcome, message: end.message };
  } catch (err) {
    console.error(`latent-explorer: training ${job.runId} failed:`, err);
    return { outcome: 'failed', message: errorMessage(err) };
  } finally {
    if (timer) clearInterval(timer);
  }
}
