import { KdTree } from './kd-tree.js';

/**
 * Majority label among neighbours given nearest first; a tie goes to the tied label met first, i.e. the one whose
 * member is nearest.
 */
export function vote(neighbours: Int32Array, labels: ArrayLike<number>, counts = new Map<number, number>()): number {
  counts.clear();
  let winner = -1;
  let top = 0;
  for (const i of neighbours) {
    const label = labels[i]!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  for (const i of neighbours) {
    const c = counts.get(labels[i]!)!;
    if (c > top) {
      top = c;
      winner = labels[i]!;
    }
  }
  return winner;
}

/**
 * k-nearest-neighbour classification accuracy of latent codes, the quality score of an embedding: each test
 * code takes the majority label of its k nearest train codes (Euclidean, exact, via a k-d tree).
 * @param trainCodes `nTrain * d` floats; @param testCodes `nTest * d` floats.
 * @returns the fraction of test codes classified correctly, 0..1.
 */
export function knnAccuracy(
  trainCodes: Float32Array,
  trainLabels: ArrayLike<number>,
  testCodes: Float32Array,
  testLabels: ArrayLike<number>,
  d: number,
  k = 5,
): number {
  const nTrain = trainLabels.length;
  const nTest = testLabels.length;
  if (nTest === 0) throw new RangeError('no test codes');
  if (trainCodes.length < nTrain * d || testCodes.length < nTest * d) throw new RangeError('codes shorter than labels * d');
  const tree = new KdTree(trainCodes, nTrain, d);
  const counts = new Map<number, number>();
  let correct = 0;
  for (let i = 0; i < nTest; i++) {
    const neighbours = tree.nearest(testCodes.subarray(i * d, i * d + d), k);
    if (vote(neighbours, trainLabels, counts) === testLabels[i]) correct++;
  }
  return correct / nTest;
}
