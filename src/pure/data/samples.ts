/**
 * The one numbering of samples, shared by the page, the CLI, figures and CSV: a dataset's train images first
 * (0 .. trainCount-1), then its test images (trainCount .. trainCount+testCount-1). On MNIST and Fashion-MNIST
 * test image k is sample 60000 + k. The CLI also accepts `test:<k>` and `train:<k>`, which name the same samples.
 */

export interface SplitSizes {
  trainCount: number;
  /** Total samples, train + test. */
  count: number;
}

/** The sample index `text` names: `N`, `test:K` or `train:K`. @throws RangeError naming the valid forms and range. */
export function parseSample(text: string, sizes: SplitSizes): number {
  const m = /^(?:(train|test):)?(\d+)$/.exec(text.trim());
  if (!m) throw new RangeError(`'${text}' is not a sample: give a sample number, test:<k> or train:<k>`);
  const k = Number(m[2]);
  const testCount = sizes.count - sizes.trainCount;
  if (m[1] === 'test') {
    if (k >= testCount) throw new RangeError(`test:${k} is outside the test set (test:0..test:${testCount - 1})`);
    return sizes.trainCount + k;
  }
  if (m[1] === 'train' && k >= sizes.trainCount)
    throw new RangeError(`train:${k} is outside the train set (train:0..train:${sizes.trainCount - 1})`);
  if (k >= sizes.count) throw new RangeError(sampleRangeMessage(sizes, k));
  return k;
}

/** Why sample `i` does not exist. */
export function sampleRangeMessage(sizes: SplitSizes, i: number): string {
  return (
    `sample ${i} is outside the dataset (samples 0..${sizes.count - 1}: train 0..${sizes.trainCount - 1}, ` +
    `test ${sizes.trainCount}..${sizes.count - 1})`
  );
}

/** `test 3` / `train 12`: where sample `i` sits, for captions beside its number. */
export function sampleSplit(sizes: SplitSizes, i: number): string {
  return i < sizes.trainCount ? `train ${i}` : `test ${i - sizes.trainCount}`;
}
