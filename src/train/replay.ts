/**
 * Records the training replay: after every epoch (and once before the first) the encoder maps a fixed sample of
 * test images (5,000 by default, chosen with a fixed seed) to codes, which go onto the plane the explorer uses
 * (the codes themselves for d = 2, the first two principal components for d > 2, each axis's sign kept pointing
 * the way it did the epoch before so the animation does not flip), and are kept Int16-quantised in `replay.bin`.
 *
 * A training path calls {@link ReplayRecorder.open} once, {@link ReplayRecorder.record} per epoch, and passes
 * {@link ReplayRecorder.stamp} / {@link ReplayRecorder.files} to `saveRun` so the file is saved with the run.
 */
import type * as tf from '@tensorflow/tfjs';
import { encodeAll } from '../latent/encode-all.js';
import { seededPermutation } from '../pure/data/random.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { fitPlane } from '../latent/plane-fit.js';
import { encodeReplay, REPLAY_FILE, type Replay } from '../pure/latent/replay-format.js';
import type { RunRecord } from '../runs/record.js';
import { readReplayIfAny } from '../runs/replay.js';

export const REPLAY_POINTS = 5000;
const SAMPLE_SEED = 20261202;

export interface ReplaySource {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** The sample: `points` test indices, ascending, the same for every run on the same test set. */
export function replaySample(testCount: number, points = REPLAY_POINTS): Uint32Array {
  return seededPermutation(testCount, SAMPLE_SEED)
    .slice(0, Math.min(points, testCount))
    .sort((a, b) => a - b);
}

/** Plane coordinates of codes (`n * d`), each axis flipped where that agrees better with `previous`. */
export function toReplayPlane(codes: Float32Array, n: number, d: number, previous: Float32Array | null): Float32Array {
  const xy = fitPlane(codes, n, d).toPlane(codes);
  if (d <= 2 || !previous) return xy;
  for (const axis of [0, 1]) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += xy[2 * i + axis]! * previous[2 * i + axis]!;
    if (dot < 0) for (let i = 0; i < n; i++) xy[2 * i + axis] = -xy[2 * i + axis]!;
  }
  return xy;
}

export class ReplayRecorder {
  private constructor(
    private readonly replay: Replay,
    private readonly images: Uint8Array,
    private readonly d: number,
  ) {}

  /**
   * A recorder for the run at `dir`. Resuming continues the run's replay (keeping the epochs up to `keepUpTo`);
   * a run resumed from a checkpoint made before replays existed records from the resumed epoch on.
   */
  static async open(dir: string, test: ReplaySource, d: number, resume: { keepUpTo: number } | null = null): Promise<ReplayRecorder> {
    const indices = replaySample(test.count);
    const images = new Uint8Array(indices.length * IMAGE_PIXELS);
    indices.forEach((i, k) => images.set(test.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS));
    const labels = Uint8Array.from(indices, (i) => test.labels[i]!);
    const prior = resume ? await readReplayIfAny(dir) : null;
    const same = prior && prior.indices.length === indices.length && prior.indices.every((v, k) => v === indices[k]);
    const epochs = same ? prior.epochs.filter((e) => e.epoch <= resume!.keepUpTo) : [];
    return new ReplayRecorder({ indices, labels, projected: d > 2, epochs }, images, d);
  }

  /** Encodes the sample with the encoder as it is now and keeps it as `epoch` (replacing an earlier take of it). */
  record(epoch: number, encoder: tf.LayersModel): void {
    const n = this.replay.indices.length;
    const codes = encodeAll(encoder, this.images, n);
    const previous = this.replay.epochs.at(-1)?.xy ?? null;
    const xy = toReplayPlane(codes, n, this.d, previous);
    this.replay.epochs = [...this.replay.epochs.filter((e) => e.epoch < epoch), { epoch, xy }];
  }

  /** Has any epoch been recorded. */
  get recorded(): boolean {
    return this.replay.epochs.length > 0;
  }

  /** The record with its `replay` field. */
  stamp<R extends RunRecord>(record: R): R {
    if (!this.recorded) return record;
    return {
      ...record,
      replay: {
        file: REPLAY_FILE,
        points: this.replay.indices.length,
        epochs: this.replay.epochs.length,
        projected: this.replay.projected,
      },
    };
  }

  /** The files to save with the run. */
  files(): Record<string, Uint8Array> {
    return this.recorded ? { [REPLAY_FILE]: encodeReplay(this.replay) } : {};
  }
}
