/**
 * Models exported from PyTorch (`torch.onnx.export`), run natively by onnxruntime-node: the only module that
 * imports it. An encoder graph and a decoder graph become one LatentModel with the run's input convention.
 */
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { LatentModel } from '../latent/latent-model.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { detectLayout, layoutShape, scaleIn, shapeText, toUnit, type Convention, type InputLayout } from '../pure/import/convention.js';

/** Images per encoder call: big enough for onnxruntime's GEMMs, small enough for the buffers to stay modest. */
const BATCH = 4_096;

/** A graph that cannot be this app's encoder or decoder; `message` names the expected and the found shapes. */
export class OnnxShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxShapeError';
  }
}

type Ort = typeof OrtModule;
let ort: Promise<Ort> | null = null;
/** Loaded on first use: the native addon costs ~100 ms and most sessions never open an ONNX model. */
const runtime = () => (ort ??= import('onnxruntime-node'));

async function session(bytes: Uint8Array, part: string): Promise<InferenceSession> {
  const { InferenceSession } = await runtime();
  try {
    // Two threads for one model's kernels: this machine kind has two cores, and one inference runs at a time.
    return await InferenceSession.create(bytes, { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new Error(
      `the ${part} is not an ONNX graph onnxruntime can load: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`,
      { cause: err },
    );
  }
}

/** The shape of a session's single input or output (batch axis first; unknown sizes as null). */
function ioShape(s: InferenceSession, io: 'input' | 'output', part: string): (number | null)[] {
  const meta = io === 'input' ? s.inputMetadata : s.outputMetadata;
  if (meta.length !== 1) throw new OnnxShapeError(`the ${part} has ${meta.length} ${io}s; expected one`);
  const m = meta[0]!;
  if (!m.isTensor || m.type !== 'float32') throw new OnnxShapeError(`the ${part}'s ${io} is not a float32 tensor`);
  return m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
}

const width = (shape: (number | null)[]) => shape.slice(1).reduce<number | null>((n, d) => (n === null || d === null ? null : n * d), 1);

/** What the import learns from the graphs alone. */
export interface OnnxPairInfo {
  layout: InputLayout;
  dims: number;
  encoderInput: string;
  decoderInput: string;
}

/** An open pair of ONNX graphs; `convention` may be changed until the first inference (the import detects it). */
export interface OnnxPair extends LatentModel {
  readonly info: OnnxPairInfo;
  /** Raw decoder outputs (before the convention maps them to 0..1), for the import's probe. */
  decodeRaw(codes: Float32Array): Promise<Float32Array>;
}

/**
 * Opens an encoder and a decoder graph and checks that they make an autoencoder of 28x28 images: the encoder
 * takes one image ([n, 784], [n, 28, 28, 1] or [n, 1, 28, 28]) and gives a code of d numbers, the decoder takes
 * d numbers and gives 784.
 * @throws OnnxShapeError naming the expected and the found shapes; Error when a graph does not load.
 */
export async function openOnnxPair(encoderBytes: Uint8Array, decoderBytes: Uint8Array, convention?: Convention): Promise<OnnxPair> {
  const enc = await session(encoderBytes, 'encoder');
  let dec: InferenceSession | null = null;
  try {
    dec = await session(decoderBytes, 'decoder');
    const info = checkPair(enc, dec, convention?.layout);
    return onnxPair(enc, dec, info, convention);
  } catch (err) {
    void enc.release();
    if (dec) void dec.release();
    throw err;
  }
}

function checkPair(enc: InferenceSession, dec: InferenceSession, layout?: InputLayout): OnnxPairInfo {
  const encIn = ioShape(enc, 'input', 'encoder');
  const encOut = ioShape(enc, 'output', 'encoder');
  const decIn = ioShape(dec, 'input', 'decoder');
  const decOut = ioShape(dec, 'output', 'decoder');
  const found = detectLayout(encIn) ?? (width(encIn) === IMAGE_PIXELS ? (layout ?? null) : null);
  if (!found) throw new OnnxShapeError(`the encoder takes ${shapeText(encIn)}; expected [n, 784], [n, 28, 28, 1] or [n, 1, 28, 28]`);
  if (layout && layout !== found && width(encIn) !== IMAGE_PIXELS)
    throw new OnnxShapeError(`the encoder takes ${shapeText(encIn)}, not the ${layout} input the import names`);
  const dims = encOut.length === 2 ? encOut[1] : null;
  if (dims === null || dims < 1 || dims > 64)
    throw new OnnxShapeError(`the encoder gives ${shapeText(encOut)}; expected [n, d] with d from 1 to 64`);
  if (decIn.length !== 2 || decIn[1] !== dims)
    throw new OnnxShapeError(`the decoder takes ${shapeText(decIn)}; expected [n, ${dims}] (the encoder's code)`);
  if (width(decOut) !== IMAGE_PIXELS)
    throw new OnnxShapeError(`the decoder gives ${shapeText(decOut)}; expected [n, 784] or [n, 1, 28, 28]`);
  return { layout: layout ?? found, dims, encoderInput: enc.inputNames[0]!, decoderInput: dec.inputNames[0]! };
}

function onnxPair(enc: InferenceSession, dec: InferenceSession, info: OnnxPairInfo, initial?: Convention): OnnxPair {
  const { dims } = info;
  const convention = () => initial ?? { layout: info.layout, range: '0..1' as const, output: 'probabilities' as const };
  const inShape = layoutShape(info.layout);
  const run = async (s: InferenceSession, input: string, data: Float32Array, shape: number[]): Promise<Float32Array> => {
    const { Tensor } = await runtime();
    const out = await s.run({ [input]: new Tensor('float32', data, shape) });
    const y = out[s.outputNames[0]!] as Tensor;
    try {
      return new Float32Array(y.data as Float32Array);
    } finally {
      for (const t of Object.values(out)) t.dispose();
    }
  };
  const decodeRaw = async (codes: Float32Array): Promise<Float32Array> => {
    const n = codes.length / dims;
    if (!Number.isInteger(n)) throw new RangeError(`codes length ${codes.length} is not a multiple of d = ${dims}`);
    const out = new Float32Array(n * IMAGE_PIXELS);
    for (let start = 0; start < n; start += BATCH) {
      const rows = Math.min(BATCH, n - start);
      out.set(await run(dec, info.decoderInput, codes.slice(start * dims, (start + rows) * dims), [rows, dims]), start * IMAGE_PIXELS);
    }
    return out;
  };
  return {
    runtime: 'onnx',
    dims,
    info,
    async encode(images, count) {
      const codes = new Float32Array(count * dims);
      const buffer = new Float32Array(Math.min(BATCH, count) * IMAGE_PIXELS);
      for (let start = 0; start < count; start += BATCH) {
        const rows = Math.min(BATCH, count - start);
        // onnxruntime reads the buffer during run(): each batch gets its own view, filled before the call.
        const x = scaleIn(
          images.subarray(start * IMAGE_PIXELS, (start + rows) * IMAGE_PIXELS),
          convention().range,
          buffer.subarray(0, rows * IMAGE_PIXELS),
        );
        codes.set(await run(enc, info.encoderInput, x, [rows, ...inShape]), start * dims);
      }
      return codes;
    },
    decodeRaw,
    decodeUnit: async (codes) => toUnit(await decodeRaw(codes), convention()),
    setConvention(c: Convention) {
      initial = c;
    },
    dispose() {
      void enc.release();
      void dec.release();
    },
  } as OnnxPair & { setConvention(c: Convention): void };
}
