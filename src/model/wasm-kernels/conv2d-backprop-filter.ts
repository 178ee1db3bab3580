/**
 * `Conv2DBackpropFilter` for wasm, which TF.js 4.22 lacks (so conv layers could not train there).
 *
 * dW[kh, kw, ci, co] = sum over (b, oh, ow) of xPad[b, oh*s + kh, ow*s + kw, ci] * dy[b, oh, ow, co].
 * With x moved to channels-first once, each filter tap (kh, kw) is one strided slice `[CI, N]`
 * (N = B*OH*OW); stacking the taps gives the transposed im2col matrix `[KH*KW*CI, N]`, and a single
 * untransposed XNNPACK product with `dy` as `[N, CO]` yields dW as `[KH*KW*CI, CO]`.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { free, matMul2d, reshape, run, transpose, type Info } from './kernel-utils.js';

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

function conv2DBackpropFilter({ inputs, backend, attrs }: Args): Info {
  const x = inputs.x!;
  const dy = inputs.dy!;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as FilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast',
  );
  const { batchSize, inChannels, outChannels, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
  const { filterHeight, filterWidth } = info;
  const n = batchSize * outHeight * outWidth;

  // Channels first, so each tap's slice is already the [CI, N] block of the transposed im2col matrix.
  const xT = transpose(backend, x, [3, 0, 1, 2]);
  const needsPad = padInfo.top > 0 || padInfo.bottom > 0 || padInfo.left > 0 || padInfo.right > 0;
  const paddings = [[0, 0], [0, 0], [padInfo.top, Math.max(0, padInfo.bottom)], [padInfo.left, Math.max(0, padInfo.right)]];
  const xP = needsPad ? run('PadV2', backend, { x: xT }, { paddings, constantValue: 0 }) : xT;
  if (needsPad) free(backend, xT);

  const taps: Info[] = [];
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const sliced = run('StridedSlice', backend, { x: xP }, {
        begin: [0, 0, kh, kw],
        end: [inChannels, batchSize, kh + (outHeight - 1) * strideHeight + 1, kw + (outWidth - 1) * strideWidth + 1],
        strides: [1, 1, strideHeight, strideWidth],
        beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      });
      taps.push(reshape(backend, sliced, [inChannels, n]));
      free(backend, sliced);
    }
  }
  free(backend, xP);
  const colsT = taps.length === 1 ? taps[0]! : run('Concat', backend, taps as unknown as tf.NamedTensorInfoMap, { axis: 0 });
  if (taps.length > 1) free(backend, ...taps);

  const dy2d = reshape(backend, dy, [n, outChannels]);
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
