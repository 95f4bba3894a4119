/**
 * The Matern 5/2 kernel with automatic relevance determination (one length scale per feature),
 * the default of Snoek, Larochelle & Adams 2012 ("Practical Bayesian Optimization of Machine
 * Learning Algorithms", NeurIPS): smooth enough to model, rough enough not to over-extrapolate.
 *
 * k(x, x') = s2 (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r), r^2 = sum_i (x_i - x'_i)^2 / l_i^2.
 *
 * Hyperparameters travel as one vector theta = [log l_1 .. log l_D, log s2, log noise].
 */

export const SQRT5 = Math.sqrt(5);

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
 * added on the diagonal.
 */
export function covariance(x: Float64Array, n: number, features: number, theta: Float64Array): Float64Array {
  const inv = inverseSquaredLengths(theta, features);
  const s2 = Math.exp(theta[signalIndex(features)]);
  const noise = Math.exp(theta[noiseIndex(features)]);
  const k = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    k[a * n + a] = s2 + noise;
    for (let b = 0; b < a; b++) {
      let r2 = 0;
      for (let i = 0; i < features; i++) {
        const d = x[a * features + i] - x[b * features + i];
        r2 += d * d * inv[i];
      }
      const v = matern52(Math.sqrt(r2), s2);
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
    out[a] = matern52(Math.sqrt(r2), s2);
  }
}
