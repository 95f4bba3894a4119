/**
 * Functional ANOVA of one regression tree over the uniform measure on the unit cube (Hutter,
 * Hoos & Leyton-Brown 2014, "An efficient approach for assessing hyperparameter importance",
 * ICML): the tree's variance, and for each feature the variance of its main effect (the tree's
 * prediction averaged over all other features). Exact, since a tree is constant on its leaf boxes.
 */
import type { Leaf } from './forest';

/** Volume of a leaf's box, and of the box with feature `skip` left out. */
function volume(leaf: Leaf, skip = -1): number {
  let v = 1;
  for (let d = 0; d < leaf.lower.length; d++) if (d !== skip) v *= leaf.upper[d] - leaf.lower[d];
  return v;
}

/** Index of `value` in sorted `points` (it is one of them). */
function find(points: readonly number[], value: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Variance of the main effect of `feature` about the tree's mean `mean`. */
function mainEffectVariance(leaves: readonly Leaf[], feature: number, mean: number): number {
  const points = [...new Set(leaves.flatMap((l) => [l.lower[feature], l.upper[feature]]))].sort((a, b) => a - b);
  // The marginal on each interval between cut points is the sum over the leaves covering it of
  // value * volume of the rest of the box: added over index ranges with a difference array.
  const delta = new Float64Array(points.length);
  for (const leaf of leaves) {
    const c = leaf.value * volume(leaf, feature);
    delta[find(points, leaf.lower[feature])] += c;
    delta[find(points, leaf.upper[feature])] -= c;
  }
  let marginal = 0;
  let variance = 0;
  for (let i = 0; i < points.length - 1; i++) {
    marginal += delta[i];
    variance += (points[i + 1] - points[i]) * (marginal - mean) ** 2;
  }
  return variance;
}

/** Each feature's main-effect variance as a fraction of the tree's variance (zeros if it is flat). */
export function mainEffectFractions(leaves: readonly Leaf[], features: number): Float64Array {
  let mean = 0;
  for (const leaf of leaves) mean += leaf.value * volume(leaf);
  let total = 0;
  for (const leaf of leaves) total += volume(leaf) * (leaf.value - mean) ** 2;
  const fractions = new Float64Array(features);
  if (!(total > 0)) return fractions;
  for (let d = 0; d < features; d++) fractions[d] = mainEffectVariance(leaves, d, mean) / total;
  return fractions;
}
