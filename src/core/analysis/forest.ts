/**
 * A random forest of regression trees (Breiman 2001) kept only as what fANOVA needs: each tree as
 * its leaves, every leaf a box of the unit cube with the mean target of its training rows. Trees
 * grow on bootstrap samples with every feature tried at every split, to full depth, as Optuna's
 * fANOVA evaluator configures scikit-learn (64 trees there; the caller picks the count).
 */
import type { Rng } from '../rng';

/** A leaf: the box [lower[d], upper[d]) per feature and the mean target of its rows. */
export interface Leaf {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly value: number;
}

/** Rows of features in [0, 1] (row-major, `features` per row) and their targets. */
export interface TrainingSet {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly features: number;
}

interface Split {
  readonly feature: number;
  readonly threshold: number;
  readonly gain: number;
}

/** The split of `rows` on `feature` that removes the most squared error, or null when none does. */
function bestSplitOn(data: TrainingSet, rows: number[], feature: number): Split | null {
  const { x, y, features } = data;
  const sorted = [...rows].sort((a, b) => x[a * features + feature] - x[b * features + feature]);
  let total = 0;
  for (const r of sorted) total += y[r];
  const n = sorted.length;
  let left = 0;
  let best: Split | null = null;
  for (let i = 0; i < n - 1; i++) {
    left += y[sorted[i]];
    const here = x[sorted[i] * features + feature];
    const next = x[sorted[i + 1] * features + feature];
    if (next <= here) continue;
    // SSE reduction of a split = nL * meanL^2 + nR * meanR^2 - n * mean^2 (the last is constant).
    const gain = (left * left) / (i + 1) + ((total - left) * (total - left)) / (n - i - 1) - (total * total) / n;
    if (gain > 1e-12 * Math.abs(total) && (!best || gain > best.gain)) best = { feature, threshold: (here + next) / 2, gain };
  }
  return best;
}

function bestSplit(data: TrainingSet, rows: number[]): Split | null {
  let best: Split | null = null;
  for (let f = 0; f < data.features; f++) {
    const split = bestSplitOn(data, rows, f);
    if (split && (!best || split.gain > best.gain)) best = split;
  }
  return best;
}

function grow(data: TrainingSet, rows: number[], lower: Float64Array, upper: Float64Array, leaves: Leaf[]): void {
  const split = rows.length >= 2 ? bestSplit(data, rows) : null;
  if (!split) {
    let sum = 0;
    for (const r of rows) sum += data.y[r];
    leaves.push({ lower, upper, value: sum / rows.length });
    return;
  }
  const { feature, threshold } = split;
  const leftRows = rows.filter((r) => data.x[r * data.features + feature] < threshold);
  const rightRows = rows.filter((r) => data.x[r * data.features + feature] >= threshold);
  const leftUpper = upper.slice();
  leftUpper[feature] = threshold;
  const rightLower = lower.slice();
  rightLower[feature] = threshold;
  grow(data, leftRows, lower, leftUpper, leaves);
  grow(data, rightRows, rightLower, upper, leaves);
}

/** One tree grown on a bootstrap sample of `data`, as its leaves (they tile the unit cube). */
export function growTree(data: TrainingSet, rng: Rng): Leaf[] {
  const n = data.y.length;
  const rows = Array.from({ length: n }, () => rng.int(n));
  const leaves: Leaf[] = [];
  grow(data, rows, new Float64Array(data.features), new Float64Array(data.features).fill(1), leaves);
  return leaves;
}
