import { describe, expect, it } from 'vitest';
import { classColor } from '../../../src/pure/figures/palette.js';
import {
  gridFigure,
  interpolationFigure,
  legendNames,
  lossFigure,
  lossHistory,
  scatterFigure,
  scatterFigureSpec,
  scatterSize,
  type ScatterViewState,
} from '../../../renderer/lib/explorer/export-figures.js';
import { axisDomain, embeddedPngSizes } from './figure-axes.js';
import { readMnistSlice } from './mnist-slice.js';

const N = 600;
const TRAIN = 400;
const { images, labels } = readMnistSlice(N);

/** Real 2-D codes of real digits: ink mass in the left half and in the top half of each MNIST image. */
function inkCodes(): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(N),
    y = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    let left = 0,
      top = 0,
      all = 1;
    for (let p = 0; p < 784; p++) {
      const v = images[i * 784 + p]!;
      all += v;
      if (p % 28 < 14) left += v;
      if (p < 392) top += v;
    }
    x[i] = left / all;
    y[i] = top / all;
  }
  return { x, y };
}

const codes = inkCodes();
const base: ScatterViewState = {
  embedding: { ...codes, labels, trainCount: TRAIN },
  split: 'all',
  hidden: [],
  domain: { x0: 0.3, x1: 0.7, y0: 0.35, y1: 0.6 },
};

describe('explorer export figures', () => {
  it('scatterFigureSpec keeps exactly the points of the shown split minus the hidden classes', () => {
    const { data } = scatterFigureSpec({ ...base, split: 'test', hidden: [1, 7] });
    const expected = Array.from({ length: N - TRAIN }, (_, k) => TRAIN + k).filter((i) => labels[i] !== 1 && labels[i] !== 7);
    expect(data.labels.length).toBe(expected.length);
    expect(Array.from(data.x)).toEqual(expected.map((i) => codes.x[i]));
    expect(Array.from(data.labels)).toEqual(expected.map((i) => labels[i]));
  });

  it('scatterFigure leaves a hidden class out of the marks and the legend', () => {
    const shown = scatterFigure(base);
    const hidden = scatterFigure({ ...base, hidden: [3] });
    expect(shown).toContain(`fill="${classColor(3)}"`);
    expect(hidden).not.toContain(classColor(3));
    expect(hidden).not.toContain('aria-label="legend 3"');
    expect(hidden).toContain('aria-label="legend 4"');
  });

  it('scatterFigure axes span the view domain, with equal units on both axes as the view has', () => {
    const domain = { x0: 0.3125, x1: 0.6875, y0: 0.371, y1: 0.6 };
    const svg = scatterFigure({ ...base, domain });
    const [x0, x1] = axisDomain(svg, 'x');
    const [y0, y1] = axisDomain(svg, 'y');
    expect(x0).toBeCloseTo(domain.x0, 3);
    expect(x1).toBeCloseTo(domain.x1, 3);
    expect(y0).toBeCloseTo(domain.y0, 3);
    expect(y1).toBeCloseTo(domain.y1, 3);
    const xLine = /aria-label="x-axis domain" d="M([\d.]+),0H([\d.]+)"/.exec(svg)!;
    const yLine = /aria-label="y-axis domain" d="M0,([\d.]+)V([\d.]+)"/.exec(svg)!;
    const pxPerUnitX = (Number(xLine[2]) - Number(xLine[1])) / (domain.x1 - domain.x0);
    const pxPerUnitY = (Number(yLine[1]) - Number(yLine[2])) / (domain.y1 - domain.y0);
    expect(Math.abs(pxPerUnitX / pxPerUnitY - 1)).toBeLessThan(0.01);
  });

  it('scatterSize sizes the figure by the view aspect and the legend of the classes not hidden', () => {
    const wide = scatterSize({ x0: 0, x1: 4, y0: 0, y1: 1 }, legendNames(undefined, []));
    const tall = scatterSize({ x0: 0, x1: 1, y0: 0, y1: 1 }, legendNames(undefined, []));
    expect(wide.width).toBe(960);
    expect(tall.height).toBeGreaterThan(wide.height);
    expect(legendNames(['a', 'b', 'c'], [1])).toEqual(['a', 'c']);
    const { options } = scatterFigureSpec(base);
    expect(new RegExp(`<svg[^>]* width="${options.width}" height="${options.height}"`).test(scatterFigure(base))).toBe(true);
    // A titled figure (the compare view names its model) keeps the plot's aspect: the title band adds height.
    const titled = scatterFigureSpec({ ...base, title: 'Dense 2-D' }).options;
    expect(titled.height! - options.height!).toBe(24);
    const svg = scatterFigure({ ...base, title: 'Dense 2-D' });
    const xLine = /aria-label="x-axis domain" d="M([\d.]+),0H([\d.]+)"/.exec(svg)!;
    const yLine = /aria-label="y-axis domain" d="M0,([\d.]+)V([\d.]+)"/.exec(svg)!;
    const aspect = (Number(yLine[1]) - Number(yLine[2])) / (Number(xLine[2]) - Number(xLine[1]));
    expect(aspect).toBeCloseTo((base.domain.y1 - base.domain.y0) / (base.domain.x1 - base.domain.x0), 2);
  });

  it('scatterFigure draws the interpolation path, A and B, and the decode crosshair; markers outside the zoom are left out', () => {
    const [a, b] = [TRAIN + 2, TRAIN + 9];
    const path = [codes.x[a]!, codes.y[a]!, codes.x[b]!, codes.y[b]!];
    const svg = scatterFigure({ ...base, domain: { x0: 0, x1: 1, y0: 0, y1: 1 }, pair: [a, b], path, probe: [0.5, 0.5], mark: [5, 5] });
    expect(svg).toContain('aria-label="path"');
    expect(svg).toContain('aria-label="marker A"');
    expect(svg).toContain('aria-label="marker B"');
    expect(svg).toContain('aria-label="marker cross"');
    expect(svg).not.toContain('aria-label="marker ring"');
    expect(scatterFigure({ ...base, highlight: a })).toContain('aria-label="marker ring"');
    expect(scatterFigure(base)).not.toContain('aria-label="markers"');
  });

  it('gridFigure embeds the n x n decoded images as one mosaic over the latent box they were decoded on', () => {
    const n = 4;
    const svg = gridFigure(images.subarray(0, n * n * 784), n, { x0: -2, x1: 1, y0: -0.5, y1: 2.5 });
    expect(embeddedPngSizes(svg)).toEqual([{ width: n * 28, height: n * 28 }]);
    expect(svg).toContain(`decoded grid ${n}x${n}`);
    const [x0, x1] = axisDomain(svg, 'x');
    expect([x0, x1].map((v) => +v.toFixed(3))).toEqual([-2, 1]);
    expect(axisDomain(svg, 'y').map((v) => +v.toFixed(3))).toEqual([-0.5, 2.5]);
  });

  it('interpolationFigure shows the latent row over the pixel row and names A and B', () => {
    const steps = 5;
    const strip = {
      latent: images.subarray(0, steps * 784),
      pixel: images.subarray(steps * 784, 2 * steps * 784),
      mode: 'linear' as const,
      path: new Float32Array(0),
    };
    const svg = interpolationFigure(strip as never, [12, 40], { latent: 'latent', pixel: 'pixels' });
    expect(svg).toContain('#12');
    expect(svg).toContain('#40');
    expect(svg.indexOf('latent')).toBeLessThan(svg.indexOf('pixels'));
    expect(embeddedPngSizes(svg).reduce((s, p) => s + (p.width / 28) * (p.height / 28), 0)).toBe(2 * steps);
  });
});

describe('studio loss export', () => {
  const train = Array.from({ length: 12 }, (_, k) => ({ x: (k + 1) / 4, y: 0.3 - k * 0.01 }));
  const test = [
    { x: 1, y: 0.27 },
    { x: 2.1, y: 0.23 },
    { x: 3, y: 0.2 },
  ];

  it('lossHistory joins each test point to the train curve at its epoch without bending the train line', () => {
    const h = lossHistory(train, test);
    expect(h.map((p) => p.epoch)).toEqual([...train.map((p) => p.x), 2.1].sort((a, b) => a - b));
    expect(h.find((p) => p.epoch === 1)).toEqual({ epoch: 1, loss: train[3]!.y, testLoss: 0.27 });
    const inserted = h.find((p) => p.epoch === 2.1)!;
    expect(inserted.testLoss).toBe(0.23);
    // 2.1 lies between train points at 2 and 2.25: the inserted train loss is on that segment.
    expect(inserted.loss).toBeCloseTo(train[7]!.y + ((train[8]!.y - train[7]!.y) * 0.1) / 0.25, 9);
  });

  it('lossFigure spans 0..planned epochs, as the live chart does', () => {
    const svg = lossFigure(train, test, 5, { train: 'train', test: 'test', epoch: 'epoch' });
    expect(axisDomain(svg, 'x').map((v) => +v.toFixed(6))).toEqual([0, 5]);
    expect(svg).toContain('aria-label="train loss"');
    expect(svg).toContain('aria-label="test loss"');
  });
});
