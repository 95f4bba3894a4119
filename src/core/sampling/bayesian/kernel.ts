/**
 * The Matern 5/2 kernel with automatic relevance determination (one length scale per feature),
 * the default of Snoek, Larochelle & Adams 2012 ("Practical Bayesian Optimization of Machine
 * Learning Algorithms", NeurIPS): smooth enough to model, rough enough not to over-extrapolate;
 * plus a quadratic part, so that the prior also holds bowl-shaped trends.
 *
 * k(x, x') = s2 [m(r) + w q(x, x')], m(r) = (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r),
 * r^2 = sum_i (x_i - x'_i)^2 / l_i^2, and q(x, x') = (1 + sum_i a_i a'_i + sum_i a_i^2 a'_i^2) /
 * (1 + 2 D) with a = 2 x - 1: the covariance of a random quadratic c0 + sum_i (b_i a_i + c_i a_i^2)
 * with independent standard normal coefficients (a quadratic mean with a Gaussian prior on its
 * coefficients, integrated out; Rasmussen & Williams 2006, section 2.7), no cross terms, scaled to
 * at most 1. See QUADRATIC_WEIGHT for why.
 *
 * Hyperparameters travel as one vector theta = [log l_1 .. log l_D, log s2, log noise].
 */

export const SQRT5 = Math.sqrt(5);

/**
 * w, the quadratic part's weight against the Matern part. With a zero prior mean and the Matern
 * part alone, the model expects values far from every run to return to the average, so on noisy
 * objectives Expected Improvement kept spending runs on the cube's unexplored edges, and the runs
 * that did land in the good region were too few for a noisy value to single out a good one. A
 * quadratic trend expects a bowl to keep rising away from its bottom (most hyperparameters, e.g.
 * a log learning rate, behave so). Measured over 30 seeds at 100 runs against 1, 10 and a fitted
 * weight: 3 was the best on every noisy cell but one, and on the noise-free functions
 * (docs/sampling-log.md, "A quadratic trend").
 */
export const QUADRATIC_WEIGHT = 3;

/** q of rows `p` (from `po`) and `x` (from `xo`), both in the unit cube: see the module comment. */
export function quadratic(p: Float64Array, po: number, x: Float64Array, xo: number, features: number): number {
  let sum = 1;
  for (let i = 0; i < features; i++) {
    const a = 2 * (p[po + i] - 0.5);
    const b = 2 * (x[xo + i] - 0.5);
    sum += a * b + a * a * b * b;
  }
  return sum / (1 + 2 * features);
}

/** Hyperparameter vector layout helpers. */
export function signalIndex(features: number): number {
  return features;
}
export function noiseIndex(features: number): number {
  return features + 1;
}

/** 1 / l_i^2 for every feature. */
export function inverseSquaredLengths(theta: Float64Array, features: number): Float64Array {
  const out = new Float64Array(features);
  for (let i = 0; i < features; i++) out[i] = Math.exp(-2 * theta[i]);
  return out;
}

/** Matern 5/2 value for scaled distance r and signal variance s2. */
export function matern52(r: number, s2: number): number {
  const a = SQRT5 * r;
  return s2 * (1 + a + (a * a) / 3) * Math.exp(-a);
}

/**
 * The n x n covariance matrix of the rows of `x` (row-major, n x features) under theta, noise
 * added on the diagonal. With `from`, only rows `from` .. n - 1 (and their mirror in the upper
 * triangle) are filled: what extending a factor by those rows needs (linalg.ts, `choleskyRows`).
 */
export function covariance(x: Float64Array, n: number, features: number, theta: Float64Array, from = 0): Float64Array {
  const inv = inverseSquaredLengths(theta, features);
  const s2 = Math.exp(theta[signalIndex(features)]);
  const noise = Math.exp(theta[noiseIndex(features)]);
  const k = new Float64Array(n * n);
  for (let a = from; a < n; a++) {
    k[a * n + a] = s2 + noise + QUADRATIC_WEIGHT * s2 * quadratic(x, a * features, x, a * features, features);
    for (let b = 0; b < a; b++) {
      let r2 = 0;
      for (let i = 0; i < features; i++) {
        const d = x[a * features + i] - x[b * features + i];
        r2 += d * d * inv[i];
      }
      const v = matern52(Math.sqrt(r2), s2) + QUADRATIC_WEIGHT * s2 * quadratic(x, a * features, x, b * features, features);
      k[a * n + b] = v;
      k[b * n + a] = v;
    }
  }
  return k;
}

/**
 * Covariances between one point `p` (features long) and the rows of `x`, into `out` (n long).
 */
export function crossCovariance(
  p: Float64Array,
  x: Float64Array,
  n: number,
  features: number,
  inv: Float64Array,
  s2: number,
  out: Float64Array,
): void {
  for (let a = 0; a < n; a++) {
    let r2 = 0;
    const row = a * features;
    for (let i = 0; i < features; i++) {
      const d = p[i] - x[row + i];
      r2 += d * d * inv[i];
    }
    out[a] = matern52(Math.sqrt(r2), s2) + QUADRATIC_WEIGHT * s2 * quadratic(p, 0, x, row, features);
  }
}
