/**
 * The Gaussian-process posterior for fixed hyperparameters: zero prior mean on standardised
 * outputs, Matern 5/2 ARD plus quadratic covariance (kernel.ts), Gaussian noise. Prediction
 * returns the latent (noise-free) mean and variance, which is what Expected Improvement needs.
 */
import { covariance, crossCovariance, inverseSquaredLengths, noiseIndex, QUADRATIC_WEIGHT, quadratic, signalIndex } from './kernel';
import { choleskySolve, choleskyWithJitter } from './linalg';

/** A fitted posterior over n training points. */
export interface Posterior {
  readonly n: number;
  readonly features: number;
  /**
   * Mean and variance at feature vector `p`, written to `out[0]` and `out[1]`. Costs n D + n^2 / 2
   * multiply-adds.
   */
  predict(p: Float64Array, out: Float64Array): void;
  /**
   * The latent mean at each training point, y - noise alpha: what the model believes a run scored
   * once its observation noise is taken out (equal to y for a noise-free fit).
   */
  readonly trainingMeans: Float64Array;
}

/** The posterior of training rows `x` (n x features) with targets `y` under `theta`. */
export function createPosterior(
  x: Float64Array,
  y: Float64Array,
  n: number,
  features: number,
  theta: Float64Array,
): Posterior {
  const l = choleskyWithJitter(covariance(x, n, features, theta), n);
  const alpha = choleskySolve(l, n, y);
  const packed = packLower(l, n);
  const inv = inverseSquaredLengths(theta, features);
  const s2 = Math.exp(theta[signalIndex(features)]);
  const k = new Float64Array(n);
  const v = new Float64Array(n);
  const noise = Math.exp(theta[noiseIndex(features)]);
  return {
    n,
    features,
    trainingMeans: Float64Array.from(y, (yi, i) => yi - noise * alpha[i]),
    predict(p, out) {
      crossCovariance(p, x, n, features, inv, s2, k);
      let mean = 0;
      for (let a = 0; a < n; a++) mean += k[a] * alpha[a];
      out[0] = mean;
      const prior = s2 * (1 + QUADRATIC_WEIGHT * quadratic(p, 0, p, 0, features));
      out[1] = Math.max(prior - forwardSquaredNorm(packed, n, k, v), 1e-12 * s2);
    },
  };
}

/** The lower triangle of L packed row after row: row i starts at i (i + 1) / 2. */
function packLower(l: Float64Array, n: number): Float64Array {
  const packed = new Float64Array((n * (n + 1)) / 2);
  for (let i = 0, o = 0; i < n; i++) for (let j = 0; j <= i; j++) packed[o++] = l[i * n + j];
  return packed;
}

/**
 * |L^-1 k|^2 by forward substitution on the packed factor, writing L^-1 k into `v`. Four partial
 * sums break the dependency chain of the inner product, which is what bounds its speed.
 */
function forwardSquaredNorm(packed: Float64Array, n: number, k: Float64Array, v: Float64Array): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const row = (i * (i + 1)) / 2;
    let s0 = k[i];
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < i; j += 4) {
      s0 -= packed[row + j] * v[j];
      s1 -= packed[row + j + 1] * v[j + 1];
      s2 -= packed[row + j + 2] * v[j + 2];
      s3 -= packed[row + j + 3] * v[j + 3];
    }
    for (; j < i; j++) s0 -= packed[row + j] * v[j];
    const vi = (s0 + s1 + s2 + s3) / packed[row + i];
    v[i] = vi;
    norm += vi * vi;
  }
  return norm;
}
