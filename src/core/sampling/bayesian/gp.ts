/**
 * The Gaussian-process posterior for fixed hyperparameters: zero prior mean on standardised
 * outputs, Matern 5/2 ARD plus quadratic covariance (kernel.ts), Gaussian noise. Prediction
 * returns the latent (noise-free) mean and variance, which is what Expected Improvement needs.
 */
import { covariance, crossCovariance, inverseSquaredLengths, noiseIndex, QUADRATIC_WEIGHT, quadratic, signalIndex } from './kernel';
import { cholesky, choleskyRows, choleskySolve, jitteredCholesky } from './linalg';

/** A fitted posterior over n training points. */
export interface Posterior {
  readonly n: number;
  readonly features: number;
  /**
   * Mean and variance at feature vector `p`, written to `out[0]` and `out[1]`. Costs n D + n^2 / 2
   * multiply-adds. A `tail` receives the last `tail.length` entries of L^-1 k(p) (L the Cholesky
   * factor of the training covariance): how the mean at `p` moves with the innovations of the last
   * training rows, which fantasies.ts draws for the runs in flight.
   */
  predict(p: Float64Array, out: Float64Array, tail?: Float64Array): void;
  /**
   * The mean alone at feature vector `p`, exactly `predict`'s `out[0]`, for n D + n multiply-adds:
   * what polishing the posterior mean and believing runs in flight need, without the variance's
   * n^2 / 2.
   */
  mean(p: Float64Array): number;
  /**
   * The latent mean at each training point, y - noise alpha: what the model believes a run scored
   * once its observation noise is taken out (equal to y for a noise-free fit).
   */
  readonly trainingMeans: Float64Array;
}

/** A posterior's Cholesky factor, kept for `extendPosterior` when it needed no jitter. */
interface Factor {
  readonly l: Float64Array;
  readonly theta: Float64Array;
}
const factors = new WeakMap<Posterior, Factor>();

/** The posterior of training rows `x` (n x features) with targets `y` under `theta`. */
export function createPosterior(
  x: Float64Array,
  y: Float64Array,
  n: number,
  features: number,
  theta: Float64Array,
): Posterior {
  const a = covariance(x, n, features, theta);
  const direct = cholesky(a, n);
  const posterior = posteriorOf(x, y, n, features, theta, direct ?? jitteredCholesky(a, n));
  if (direct) factors.set(posterior, { l: direct, theta });
  return posterior;
}

/**
 * The posterior of `base`'s training rows followed by more: `x` and `y` hold base's rows first
 * (unchanged), then the new ones, n in all, under base's `theta`. The same numbers as
 * `createPosterior(x, y, n, features, theta)`, but only the new rows are factorised (O(n^2) per
 * row instead of O(n^3) in all): the runs in flight join the model this way on every suggestion.
 * A base that needed jitter is factorised again from scratch, as `createPosterior` would.
 */
export function extendPosterior(
  base: Posterior,
  x: Float64Array,
  y: Float64Array,
  n: number,
  theta: Float64Array,
): Posterior {
  const factor = factors.get(base);
  const from = base.n;
  if (!factor || factor.theta !== theta) return createPosterior(x, y, n, base.features, theta);
  const l = new Float64Array(n * n);
  for (let i = 0; i < from; i++) l.set(factor.l.subarray(i * from, i * from + i + 1), i * n);
  // Rows before `from` are base's, so a matrix that fails here fails from scratch too: jitter.
  if (!choleskyRows(covariance(x, n, base.features, theta, from), l, n, from)) return createPosterior(x, y, n, base.features, theta);
  const posterior = posteriorOf(x, y, n, base.features, theta, l);
  factors.set(posterior, { l, theta });
  return posterior;
}

function posteriorOf(x: Float64Array, y: Float64Array, n: number, features: number, theta: Float64Array, l: Float64Array): Posterior {
  const alpha = choleskySolve(l, n, y);
  const packed = packLower(l, n);
  const inv = inverseSquaredLengths(theta, features);
  const s2 = Math.exp(theta[signalIndex(features)]);
  const k = new Float64Array(n);
  const v = new Float64Array(n);
  const noise = Math.exp(theta[noiseIndex(features)]);
  const meanAt = (p: Float64Array): number => {
    crossCovariance(p, x, n, features, inv, s2, k);
    let mean = 0;
    for (let a = 0; a < n; a++) mean += k[a] * alpha[a];
    return mean;
  };
  return {
    n,
    features,
    mean: meanAt,
    trainingMeans: Float64Array.from(y, (yi, i) => yi - noise * alpha[i]),
    predict(p, out, tail) {
      out[0] = meanAt(p);
      const prior = s2 * (1 + QUADRATIC_WEIGHT * quadratic(p, 0, p, 0, features));
      out[1] = Math.max(prior - forwardSquaredNorm(packed, n, k, v), 1e-12 * s2);
      if (tail) tail.set(v.subarray(n - tail.length, n));
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
