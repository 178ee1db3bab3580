/** How `train` reports progress: a redrawn bar on a terminal, plain lines otherwise (logs, CI, pipes). */
import type { TrainProgress } from '../pure/api/api.js';

const BAR = 24;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line without the bar: `epoch 2/10 batch 120/469 loss 0.1234 3,456 img/s ETA 1m20s`. */
export function progressText(p: TrainProgress): string {
  const rate = Math.round(p.samplesPerSec).toLocaleString('en-US');
  const test = p.testLoss !== undefined ? ` test ${p.testLoss.toFixed(4)}` : '';
  const where = p.kind === 'epoch' ? `epoch ${p.epoch}/${p.epochs}` : `epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches}`;
  return `${where} loss ${p.loss.toFixed(4)}${test} ${rate} img/s ETA ${duration(p.etaSec)}`;
}

export interface ProgressPrinter {
  batch(p: TrainProgress): void;
  epoch(p: TrainProgress): void;
  /** Clears a pending bar before other output. */
  flush(): void;
}

/** A printer for `out`: a bar when `tty`, else a line per batch event and per epoch. */
export function progressPrinter(out: NodeJS.WritableStream, tty: boolean): ProgressPrinter {
  let barShown = false;
  const clear = () => {
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
  };
  return {
    batch(p) {
      if (!tty) {
        out.write(progressText(p) + '\n');
        return;
      }
      const done = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
      const filled = Math.round(done * BAR);
      out.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${progressText(p)}`);
      barShown = true;
    },
    epoch(p) {
      clear();
      out.write(progressText(p) + '\n');
    },
    flush: clear,
  };
}
