/**
 * `Conv2DBackpropFilter` for wasm, which TF.js 4.22 lacks (so conv layers could not train there).
 *
 * dW[kh, kw, ci, co] = sum over (b, oh, ow) of xPad[b, oh*s + kh, ow*s + kw, ci] * dy[b, oh, ow, co].
 * x is moved to channels-first with the wasm Transpose kernel, the transposed im2col matrix
 * `[KH*KW*CI, N]` (N = B*OH*OW) is gathered from it, and one untransposed XNNPACK product with dy as
 * `[N, CO]` gives dW as `[KH*KW*CI, CO]`. The gather is plain JS over the wasm heap: the stock wasm
 * StridedSlice kernel, the obvious tool, measured ~75 ms per 3x3 tap on a `[32, 256, 15, 15]` input here,
 * against a few ms for the whole JS gather.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { free, matMul2d, reshape, transpose, type Info } from './kernel-utils.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

interface FilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** colsT[(kh*KW + kw)*CI + ci, (b*OH + oh)*OW + ow] = x[ci, b, oh*sh + kh - top, ow*sw + kw - left], 0 in the padding. */
export function im2colTransposed(xT: Float32Array, cols: Float32Array, c: tf.backend_util.Conv2DInfo): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const { top, left } = c.padInfo;
  const n = B * OH * OW;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      // Output columns whose tap lands inside the image: iw = ow*sw + kw - left in [0, W).
      const owStart = Math.max(0, Math.ceil((left - kw) / sw));
      const owEnd = Math.min(OW, Math.floor((W - 1 + left - kw) / sw) + 1);
      for (let ci = 0; ci < CI; ci++) {
        const row = ((kh * KW + kw) * CI + ci) * n;
        for (let b = 0; b < B; b++) {
          for (let oh = 0; oh < OH; oh++) {
            const dst = row + (b * OH + oh) * OW;
            const ih = oh * sh + kh - top;
            if (ih < 0 || ih >= H || owStart >= owEnd) {
              cols.fill(0, dst, dst + OW);
              continue;
            }
            const src = ((ci * B + b) * H + ih) * W + kw - left;
            for (let ow = 0; ow < owStart; ow++) cols[dst + ow] = 0;
            for (let ow = owStart; ow < owEnd; ow++) cols[dst + ow] = xT[src + ow * sw]!;
            for (let ow = owEnd; ow < OW; ow++) cols[dst + ow] = 0;
          }
        }
      }
    }
  }
}

function conv2DBackpropFilter({ inputs, backend, attrs }: Args): Info {
  const x = inputs.x!;
  const dy = inputs.dy!;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as FilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const c = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const n = c.batchSize * c.outHeight * c.outWidth;
  const k = c.filterHeight * c.filterWidth * c.inChannels;

  const xT = transpose(backend, x, [3, 0, 1, 2]);
  const colsT = backend.makeOutput([k, n], 'float32');
  // Views are taken after every allocation: a heap growth would detach earlier ones.
  im2colTransposed(backend.typedArrayFromHeap(xT) as Float32Array, backend.typedArrayFromHeap(colsT) as Float32Array, c);
  free(backend, xT);

  const dy2d = reshape(backend, dy, [n, c.outChannels]);
  const dw2d = matMul2d(backend, colsT, dy2d);
  free(backend, colsT, dy2d);
  const dw = reshape(backend, dw2d, [...filterShape]);
  free(backend, dw2d);
  return dw;
}

/** Kernel config for the missing wasm `Conv2DBackpropFilter`. */
export function conv2DBackpropFilterConfig(): tf.KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc,
  };
}
