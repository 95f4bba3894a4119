/**
 * The Gaussian-process posterior for fixed hyperparameters: zero prior mean on standardised
 * outputs, Matern 5/2 ARD covariance, Gaussian noise. Prediction returns the latent (noise-free)
 * mean and variance, which is what Expected Improvement needs.
 */
import { covariance, crossCovariance, inverseSquaredLengths, signalIndex } from './kernel';
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
  const inv = inverseSquaredLengths(theta, features);
  const s2 = Math.exp(theta[signalIndex(features)]);
  const k = new Float64Array(n);
  const v = new Float64Array(n);
  return {
    n,
    features,
    predict(p, out) {
      crossCovariance(p, x, n, features, inv, s2, k);
      let mean = 0;
      for (let a = 0; a < n; a++) mean += k[a] * alpha[a];
      // v = L^-1 k by forward substitution; variance = s2 - |v|^2.
      let explained = 0;
      for (let i = 0; i < n; i++) {
        const row = i * n;
        let sum = k[i];
        for (let j = 0; j < i; j++) sum -= l[row + j] * v[j];
        const vi = sum / l[row + i];
        v[i] = vi;
        explained += vi * vi;
      }
      out[0] = mean;
      out[1] = Math.max(s2 - explained, 1e-12 * s2);
    },
  };
}
