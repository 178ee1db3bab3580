/**
 * Inpainting by search on the shipped model: on 100 masked test digits, gradient steps on z end with a lower
 * error on the hidden pixels than the one-pass encode-decode, on average; the visible-pixel loss falls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { inpaintSearch, maskedError, nearestOnVisible, onePass } from '../../../src/latent/inpaint.js';
import { loadRun, type LoadedRun } from '../../../src/runs/index.js';
import { halfMask } from '../../../src/pure/latent/masks.js';

let run: LoadedRun;
beforeAll(async () => {
  run = await loadRun(DEFAULT_RUN_DIR);
}, 60_000);
afterAll(() => {
  run?.encoder.dispose();
  run?.decoder.dispose();
});

describe('inpainting by search', () => {
  it('beats the one-pass method on the hidden pixels of 100 test digits, its visible loss falling', async () => {
    const mnist = await loadMnist();
    const n = 100;
    const images = mnist.test.images.slice(0, n * 784);
    const one = halfMask('bottom');
    const masks = new Uint8Array(n * 784);
    for (let i = 0; i < n; i++) masks.set(one, i * 784);
    const d = run.record.config.latent;
    const base = onePass(run.encoder, run.decoder, d, images, masks);
    const search = inpaintSearch(run.encoder, run.decoder, d, images, masks, { steps: 60, snapshotAt: [1, 10, 30] }, base.codes);
    const nearest = nearestOnVisible(images, masks, mnist.train.images.subarray(0, 10_000 * 784));
    const library = new Uint8Array(n * 784);
    nearest.forEach((k, i) => library.set(mnist.train.images.subarray(k * 784, (k + 1) * 784), i * 784));
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const hidden = {
      onePass: mean(maskedError(base.images, images, masks)),
      search: mean(maskedError(search.images, images, masks)),
      nearest: mean(maskedError(library, images, masks)),
    };
    const inverse = Uint8Array.from(masks, (m) => 1 - m);
    const visible = { onePass: mean(maskedError(base.images, images, inverse)), search: mean(maskedError(search.images, images, inverse)) };
    console.log(
      `inpainting, 100 MNIST test digits, bottom half hidden, ${d}-D default model: hidden-pixel MSE`,
      hidden,
      'visible MSE',
      visible,
    );
    expect(hidden.search).toBeLessThan(hidden.onePass);
    expect(search.visibleLoss[60]!).toBeLessThan(search.visibleLoss[0]!);
    expect(search.visibleLoss[30]!).toBeLessThan(search.visibleLoss[1]!);
    expect(visible.search).toBeLessThan(visible.onePass);
  }, 120_000);
});
