/**
 * Time to a good map: train a configuration and, after every epoch, score the 5-NN accuracy of its 2-D test codes
 * among the training codes; the answer is the training's wall time up to the end of the first epoch that reaches
 * the target (0.80 by default). The scoring probe itself (encode 70,000 images, k-NN) is timed apart and not
 * counted: it is this measurement's, not the training's. RSS is sampled throughout (`peakRssMb`).
 */
import type { TrainConfig } from '../pure/api/api.js';
import type { Dataset } from '../pure/data/types.js';
import { knnAccuracyYielding } from '../latent/knn-yielding.js';
import { buildAutoencoder } from '../model/build.js';
import { TrainController } from '../train/controller.js';
import { train } from '../train/loop.js';
import { encodeDataset } from '../train/run.js';
import { parallelStepper } from '../workers/parallel/stepper.js';
import { resolveWorkerPath } from '../workers/train/client.js';

export interface GoodMapOptions {
  /** Threads training (data-parallel); default all cores. */
  threads?: number;
  /** 5-NN accuracy that counts as a good map. Default 0.8. */
  target?: number;
  /** Stop at the first epoch that reaches the target (default), or train every epoch. */
  stopAtTarget?: boolean;
  log?: (line: string) => void;
}

export interface GoodMapResult {
  /** Seconds from the start (model built, threads started) to the end of the first good epoch; null: never. */
  seconds: number | null;
  /** That epoch (1-based); null: never. */
  epoch: number | null;
  /** 5-NN accuracy after each epoch trained. */
  knn: number[];
  /** Wall seconds (probe excluded) at the end of each epoch. */
  elapsed: number[];
  samplesPerSec: number;
  peakRssMb: number;
}

export async function timeToGoodMap(dataset: Dataset, config: TrainConfig, opts: GoodMapOptions = {}): Promise<GoodMapResult> {
  const target = opts.target ?? 0.8;
  const controller = new TrainController();
  const knn: number[] = [];
  const elapsed: number[] = [];
  let probeMs = 0;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  const t0 = performance.now();
  const ae = buildAutoencoder(config, config.seed);
  try {
    const n = dataset.train.count;
    const result = await train(
      ae,
      dataset,
      {
        learningRate: config.learningRate,
        schedule: config.schedule,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
        limit: config.limit,
        controller,
        stepper: parallelStepper({ threads: opts.threads, workerPath: resolveWorkerPath() }),
      },
      {
        onCheckpoint: async (epoch) => {
          const end = performance.now();
          const seconds = (end - t0 - probeMs) / 1000;
          ae.sync();
          const codes = encodeDataset(ae.encoder, dataset);
          const d = config.latent;
          const score = await knnAccuracyYielding(
            codes.subarray(0, n * d),
            dataset.train.labels.subarray(0, n),
            codes.subarray(n * d),
            dataset.test.labels,
            d,
          );
          probeMs += performance.now() - end;
          knn.push(score);
          elapsed.push(seconds);
          opts.log?.(`epoch ${epoch}: 5-NN ${score.toFixed(4)} at ${elapsed.at(-1)!.toFixed(1)} s`);
          if (score >= target && (opts.stopAtTarget ?? true)) controller.cancel();
        },
      },
    );
    const first = knn.findIndex((k) => k >= target);
    return {
      seconds: first >= 0 ? elapsed[first]! : null,
      epoch: first >= 0 ? first + 1 : null,
      knn,
      elapsed,
      samplesPerSec: result.samplesPerSec,
      peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    ae.dispose();
  }
}
