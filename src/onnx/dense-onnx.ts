/**
 * A dense TF.js model (Dense layers with relu, tanh, sigmoid or linear activations, as the app's dense runs
 * are) written as an ONNX graph: Gemm + activation per layer, a dynamic batch axis. The bench runs the default
 * dense architecture on onnxruntime with it, and a test checks that onnxruntime gives what TF.js gives.
 * Only the few protobuf fields an ONNX model needs are written (field numbers from onnx.proto).
 */

/** One dense layer: `kernel` is `[inputs, units]` row-major (TF.js' layout), `bias` `[units]`. */
export interface DenseSpec {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
  activation: 'relu' | 'tanh' | 'sigmoid' | 'linear';
}

class Proto {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  private push(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }
  private varint(value: number): this {
    const out: number[] = [];
    let v = value;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
    return this.push(Uint8Array.from(out));
  }
  int(field: number, value: number): this {
    return this.varint(field * 8).varint(value);
  }
  bytes(field: number, value: Uint8Array): this {
    return this.varint(field * 8 + 2)
      .varint(value.length)
      .push(value);
  }
  str(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }
  msg(field: number, value: Proto): this {
    return this.bytes(field, value.finish());
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

const FLOAT = 1;

function tensor(name: string, dims: number[], data: Float32Array): Proto {
  const t = new Proto();
  for (const d of dims) t.int(1, d);
  return t
    .int(2, FLOAT)
    .str(8, name)
    .bytes(9, new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
}

function valueInfo(name: string, width: number): Proto {
  const shape = new Proto().msg(1, new Proto().str(2, 'n')).msg(1, new Proto().int(1, width));
  return new Proto().str(1, name).msg(2, new Proto().msg(1, new Proto().int(1, FLOAT).msg(2, shape)));
}

function node(op: string, inputs: string[], output: string): Proto {
  const n = new Proto();
  for (const i of inputs) n.str(1, i);
  return n.str(2, output).str(4, op);
}

const OPS = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' } as const;

/** The ONNX bytes of a chain of dense layers, input `input` `[n, inputs]`, output `output` `[n, units]`. */
export function denseOnnx(layers: DenseSpec[], input = 'input', output = 'output'): Uint8Array {
  if (layers.length === 0) throw new Error('denseOnnx: no layers');
  const graph = new Proto();
  let current = input;
  layers.forEach((l, i) => {
    if (l.kernel.length !== l.inputs * l.units || l.bias.length !== l.units)
      throw new Error(`denseOnnx: layer ${i} has inconsistent sizes`);
    const last = i === layers.length - 1;
    const gemmOut = last && l.activation === 'linear' ? output : `gemm${i}`;
    graph.msg(1, node('Gemm', [current, `w${i}`, `b${i}`], gemmOut));
    current = gemmOut;
    if (l.activation !== 'linear') {
      const actOut = last ? output : `act${i}`;
      graph.msg(1, node(OPS[l.activation], [current], actOut));
      current = actOut;
    }
  });
  graph.str(2, 'dense');
  layers.forEach((l, i) => {
    graph.msg(5, tensor(`w${i}`, [l.inputs, l.units], l.kernel));
    graph.msg(5, tensor(`b${i}`, [l.units], l.bias));
  });
  graph.msg(11, valueInfo(input, layers[0]!.inputs));
  graph.msg(12, valueInfo(output, layers.at(-1)!.units));
  // IR version 8, opset 13: what torch.onnx.export writes by default for these ops.
  return new Proto().int(1, 8).str(2, 'latent-explorer').msg(7, graph).msg(8, new Proto().str(1, '').int(2, 13)).finish();
}
