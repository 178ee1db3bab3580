/**
 * SVG snapshot testing in the manner of Observable Plot's `test/plot-snapshot.js`: numbers cut to 3 decimals so
 * floating-point noise does not churn snapshots, then compared with `__snapshots__/<name>.svg`. On a mismatch the
 * new output is written beside it as `<name>-changed.svg`, so a change of look is reviewed as two images.
 */
import { writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Rounds every decimal with more than 3 fraction digits to 3. */
export function normalizeSvg(svg: string): string {
  return svg.replace(/\d+\.\d{4,}/g, (m) => String(+(+m).toFixed(3)));
}

/** Parses an SVG document strictly (any XML warning or error throws) and returns its root element. */
export function parseSvg(svg: string): Element {
  const fail = (msg: string) => {
    throw new Error(`invalid SVG XML: ${msg}`);
  };
  const doc = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.tagName !== 'svg') throw new Error(`root element is ${root?.tagName}, not svg`);
  if (root.getAttribute('xmlns') !== 'http://www.w3.org/2000/svg') throw new Error('root lacks the SVG namespace');
  return root;
}

/** Asserts `svg` is valid XML and matches `__snapshots__/<name>.svg`. */
export async function expectSvgSnapshot(name: string, svg: string): Promise<void> {
  parseSvg(svg);
  const normalized = normalizeSvg(svg);
  const changed = join(here, '__snapshots__', `${name}-changed.svg`);
  try {
    await expect(normalized).toMatchFileSnapshot(join(here, '__snapshots__', `${name}.svg`));
    if (existsSync(changed)) unlinkSync(changed);
  } catch (err) {
    writeFileSync(changed, normalized);
    throw err;
  }
}
