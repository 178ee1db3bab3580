/** `latent-explorer codes`: the latent codes of a dataset split under a saved run, as CSV for analysis elsewhere. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runDatasetIndex } from './run-data.js';
import { encodeAll } from '../latent/encode-all.js';
import { initBackend, type BackendName } from '../model/backend.js';
import { loadRun } from '../runs/index.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer codes --run <run dir> --split <train|test> --out <file.csv> [--limit <n>]

Encodes every image of one split of the run's own dataset (MNIST, Fashion-MNIST or an imported set; for a VAE,
the mean of q(z|x)) and writes one CSV line per image: index,label,class,z1,...,zd. index is the sample number
the app, figures and CSV share (train images first, then test: on MNIST test image k is sample 60000 + k);
class is the label's class name. --out - writes to standard output.

Options:
  --run <dir>       a run folder (made by \`train\` or the app)
  --split <s>       train or test (MNIST: 60,000 and 10,000 images)
  --out <file>      CSV file to write, or - for standard output
  --limit <n>       only the first n images of the split
  --backend <b>     tfjs-node | wasm | cpu to try first`;

/** Rows per write: keeps memory flat and lets the stream drain. */
const ROWS_PER_CHUNK = 2000;

/** The shortest decimal that reads back as the same float32 (at most 9 significant digits). */
export function float32Text(v: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = Number(v.toPrecision(digits));
    if (Math.fround(text) === v) return String(text);
  }
  return String(Number(v.toPrecision(9)));
}

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        run: { type: 'string' },
        split: { type: 'string' },
        out: { type: 'string' },
        limit: { type: 'string' },
        backend: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
    if (!values.run) throw new Error('--run <run dir> is required');
    if (values.split !== 'train' && values.split !== 'test') throw new Error(`--split must be train or test, got '${values.split ?? ''}'`);
    if (!values.out) throw new Error('--out <file.csv> is required (- for standard output)');
    if (values.limit !== undefined && !(Number.isInteger(Number(values.limit)) && Number(values.limit) > 0)) {
      throw new Error(`--limit must be a positive integer, got '${values.limit}'`);
    }
  } catch (err) {
    console.error(`codes: ${errorMessage(err)}`);
    return 2;
  }
  await initBackend({ prefer: values.backend as BackendName | undefined });
  let loaded;
  try {
    loaded = await loadRun(values.run);
  } catch (err) {
    console.error(`codes: ${errorMessage(err)}`);
    return 1;
  }
  const { record, encoder, decoder } = loaded;
  decoder.dispose();
  try {
    let data;
    try {
      data = await runDatasetIndex(values.run, record.dataset);
    } catch (err) {
      console.error(`codes: ${errorMessage(err)}`);
      return 1;
    }
    const set = data.dataset[values.split];
    const first = values.split === 'train' ? 0 : data.trainCount;
    const classNames = data.dataset.classNames;
    const csvText = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    const count = Math.min(set.count, values.limit ? Number(values.limit) : Infinity);
    const d = record.config.latent;
    const codes = encodeAll(encoder, set.images, count);
    const stream = values.out === '-' ? process.stdout : createWriteStream(values.out);
    const write = async (text: string) => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    await write(['index', 'label', 'class', ...Array.from({ length: d }, (_, j) => `z${j + 1}`)].join(',') + '\n');
    for (let start = 0; start < count; start += ROWS_PER_CHUNK) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(count, start + ROWS_PER_CHUNK); i++) {
        const label = set.labels[i]!;
        const row = [String(first + i), String(label), csvText(classNames[label] ?? String(label))];
        for (let j = 0; j < d; j++) row.push(float32Text(codes[i * d + j]!));
        lines.push(row.join(','));
      }
      await write(lines.join('\n') + '\n');
    }
    if (stream !== process.stdout) {
      stream.end();
      await once(stream, 'finish');
      console.error(`codes: wrote ${count} rows of ${d} codes to ${values.out}`);
    }
    return 0;
  } finally {
    encoder.dispose();
  }
}

export const command: Command = {
  summary: 'write the latent codes of a dataset split under a run as CSV',
  help,
  run,
};
