/** `latent-explorer train`: trains one autoencoder on MNIST headlessly and saves it as a run folder. */
import { basename, resolve } from 'node:path';
import type { TrainConfig } from '../pure/api/api.js';
import type { Command } from './command.js';
import { FASHION_ID, loadFashionMnist } from '../data/fashion-mnist.js';
import { loadMnist } from '../data/mnist.js';
import { initBackend, type BackendName } from '../model/backend.js';
import { ARCHS } from '../pure/model/types.js';
import { hasTrainState, readRunRecord } from '../runs/index.js';
import { TrainController } from '../train/controller.js';
import type { ResumeInfo } from '../train/record.js';
import { runTraining } from '../train/run.js';
import { configFromFlags, parseTrainFlags, resumedConfig, threadsFromFlags } from './train-args.js';
import { parallelStepper, trainThreads } from '../workers/parallel/stepper.js';
import { resolveWorkerPath } from '../workers/train/client.js';
import { checkTrainRequest } from './train-checks.js';
import { progressPrinter } from './train-progress.js';
import { errorMessage } from '../pure/errors.js';

const KNN_K = 5;

const help = `Usage: latent-explorer train --out <run dir> [options]

Trains an autoencoder on MNIST or Fashion-MNIST (60,000 train images; test loss on the 10,000 test images)
and saves it as a run folder: encoder/ and decoder/ (TF.js model.json + weights.bin), run.json (settings, history, test loss,
${KNN_K}-NN accuracy of the test codes among the train codes). After every epoch the folder holds a checkpoint;
Ctrl+C stops after the current batch and keeps the last one, which --resume continues.

Model:
  --arch <a>              ${ARCHS.join(' | ')} (default dense)
  --latent <d>            latent size, 1..64 (default 2)
  --hidden <n,n,...>      encoder hidden layers, input side first; the decoder mirrors them (default 512,128)
  --filters <n,n,...>     conv: filters per stride-2 stage (default 32,64)
  --activation <f>        relu | tanh | sigmoid | linear (default relu)
  --code-activation <f>   activation of the code layer (default linear; contractive: --activation)
  --loss <l>              bce | mse (default bce)
  --noise <kind:level>    denoising: dropout:0.3 (pixels zeroed) or gaussian:0.2 (std dev)
  --beta <b>              vae: weight of the KL term (default 1)
  --contraction <c>       contractive: weight of the Jacobian penalty
Training:
  --epochs <n>            (default 10)       --batch <n>   images per step (default 128)
  --lr <rate>             Adam step size, the schedule's peak (default 0.001)
  --schedule <s>          constant | one-cycle | cosine: how the step size moves over the run (default constant)
  --threads <n>           training threads: each batch is split between n data-parallel threads whose gradients
                          are averaged (same results up to float32 rounding); default all cores (one
                          on tfjs-node, whose kernels use every core)
  --seed <n>              weights, noise and batch order (default 1)
  --limit <n>             train on the first n train images only
  --test-limit <n>        per-epoch test loss on the first n test images (the final one uses all)
  --weights <w>           float32 (default) or float16: how the finished run's weights are stored
Other:
  --name <text>           display name in the runs library
  --dataset <d>           mnist | fashion-mnist (default mnist)
  --preset <id>           start from a course preset (course-simple, course-stack, course-conv,
                          course-denoising, course-overcomplete, course-denoising-overcomplete,
                          explorer-dense-2d) or a lesson-pack model (lesson-<id>); flags override it
  --config <file.json>    start from a saved training configuration; flags override it
  --resume                continue the checkpoint in --out (its own settings; --epochs may extend it)
  --overwrite             replace the run already in --out (without it, an existing run is kept and
                          nothing but an empty or new folder is written to)
  --backend <b>           tfjs-node | wasm | cpu to try first (default: that order)
  --quiet                 only the final summary

Example:
  latent-explorer train --arch dense --hidden 512,128 --latent 2 --epochs 20 --out runs/dense-2d`;

/** Reports expected failures (bad files, unwritable folders) as one line instead of a stack trace. */
async function run(argv: string[]): Promise<number> {
  try {
    return await trainCommand(argv);
  } catch (err) {
    console.error(`train: ${errorMessage(err)}`);
    return 1;
  }
}

async function trainCommand(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parseTrainFlags>;
  let config: TrainConfig;
  let threads: number | undefined;
  try {
    flags = parseTrainFlags(argv);
    threads = threadsFromFlags(flags);
    if (!flags.out) throw new Error('--out <run dir> is required (the folder the run is saved to)');
    config = flags.resume ? (await readRunRecord(flags.out)).config : await configFromFlags(flags);
    if (flags.resume && flags.epochs) config = resumedConfig(config, flags.epochs);
    if (flags.weights !== undefined && flags.weights !== 'float32' && flags.weights !== 'float16')
      throw new Error(`--weights must be float32 or float16, got '${flags.weights}'`);
    await checkTrainRequest(flags, config, resolve(flags.out));
  } catch (err) {
    console.error(`train: ${errorMessage(err)}`);
    return 2;
  }
  const out = resolve(flags.out);
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  let resume: ResumeInfo | null = null;
  if (flags.resume) {
    const saved = await readRunRecord(out);
    if (saved.status !== 'checkpoint' || !(await hasTrainState(out))) {
      console.error(`train: ${out} is not a resumable checkpoint (status ${saved.status})`);
      return 2;
    }
    resume = { name: saved.name, createdAt: saved.createdAt, durationMs: saved.durationMs, history: saved.history };
  }
  const backend = await initBackend({ prefer: flags.backend as BackendName | undefined });
  const mnist = await (config.dataset === FASHION_ID ? loadFashionMnist() : loadMnist());
  if (resume) log(`resuming ${out} after epoch ${resume.history.length}`);
  log(
    `training ${config.arch} d=${config.latent} on ${mnist.name} (${config.limit ?? mnist.train.count} images), ${config.epochs} epochs, ${backend} backend, ${trainThreads(backend, threads)} thread(s)`,
  );

  const controller = new TrainController();
  const onSignal = () => {
    if (controller.state === 'cancelled') process.exit(130);
    controller.cancel();
  };
  process.on('SIGINT', onSignal);
  const printer = progressPrinter(process.stdout, Boolean(process.stdout.isTTY));
  const batches = Math.ceil(Math.min(config.limit ?? Infinity, mnist.train.count) / config.batchSize);
  try {
    const end = await runTraining(
      {
        runId: basename(out),
        dir: out,
        config,
        dataset: mnist,
        backend,
        createdAt: resume?.createdAt ?? new Date().toISOString(),
        resume,
        controller,
        testLimit: flags['test-limit'] ? Number(flags['test-limit']) : undefined,
        progressEvery: Math.max(1, Math.round(batches / (process.stdout.isTTY ? 100 : 5))),
        weights: flags.weights === 'float16' ? 'float16' : 'float32',
        stepper: parallelStepper({ threads, workerPath: resolveWorkerPath() }),
      },
      { onBatch: flags.quiet ? undefined : printer.batch, onEpoch: flags.quiet ? undefined : printer.epoch },
    );
    printer.flush();
    if (end.outcome !== 'complete') {
      if (end.outcome === 'diverged') {
        console.error(`train: ${end.message}`);
        return 1;
      }
      const done = end.epochsDone;
      console.error(
        `train: cancelled. ${done ? `The checkpoint of epoch ${done} is in ${out}; --resume continues it.` : 'No epoch finished; nothing saved.'}`,
      );
      return 130;
    }
    const { metrics, durationMs, samplesPerSec = 0 } = end.record;
    console.log(
      `saved ${out}: test ${config.loss} ${(metrics.testLoss ?? NaN).toFixed(4)}, ${KNN_K}-NN accuracy ${(metrics.knn ?? NaN).toFixed(3)}, ` +
        `${(durationMs / 1000).toFixed(1)} s, ${Math.round(samplesPerSec)} img/s`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export const command: Command = {
  summary: 'train an autoencoder on MNIST and save it as a run folder',
  help,
  run,
};
