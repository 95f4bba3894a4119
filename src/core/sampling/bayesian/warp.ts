/**
 * Output warping of the Bayesian sampler's model: values are shifted to start at zero, put
 * through the Box-Cox power transform whose exponent makes them most Gaussian, and standardised.
 */

function standardize(z: ArrayLike<number>): Float64Array {
  const n = z.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += z[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (z[i] - mean) ** 2 / n;
  const sd = Math.sqrt(variance) || 1;
  return Float64Array.from(z, (v) => (v - mean) / sd);
}

function boxCox(v: number, lambda: number): number {
  return Math.abs(lambda) < 1e-9 ? Math.log(v) : (v ** lambda - 1) / lambda;
}

/** Profile log-likelihood of a normal fit to boxCox(t, lambda), Jacobian included (t > 0). */
function boxCoxLogLikelihood(t: Float64Array, logSum: number, lambda: number): number {
  const n = t.length;
  let mean = 0;
  for (const v of t) mean += boxCox(v, lambda) / n;
  let variance = 0;
  for (const v of t) variance += (boxCox(v, lambda) - mean) ** 2 / n;
  return -0.5 * n * Math.log(Math.max(variance, 1e-300)) + (lambda - 1) * logSum;
}

/** The lambda in [LOW, HIGH] maximising the likelihood, by golden-section search. */
function fitLambda(t: Float64Array): number {
  let logSum = 0;
  for (const v of t) logSum += Math.log(v);
  const f = (lambda: number) => boxCoxLogLikelihood(t, logSum, lambda);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = LOW;
  let b = HIGH;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 24; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Bounds of the Box-Cox exponent: past the logarithm (0) down to 1 / t, up to a square (2). */
const LOW = -1;
const HIGH = 2;
/**
 * The offset added before the transform, as a quantile of the shifted values. Measured (10 seeds,
 * 100 runs): the 10% quantile stretched the values near the best so far that noise-free Branin
 * ended 50x and Levy5 8x worse; the median keeps the classic suite where it was and still takes
 * ill-scaled Rosenbrock4 from 0.0026 to 0.0000086.
 */
const OFFSET_QUANTILE = 0.5;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Output warping then standardisation: values in [0, 1] after subtracting the best and dividing by
 * the range, plus an offset, then the Box-Cox power transform (Box & Cox 1964) whose exponent
 * maximises the normal likelihood, then standardised. Values spanning orders of magnitude (a loss
 * that explodes for bad settings, 10^f) come out close to their logarithm, so differences among
 * the good runs are not flattened by the bad ones, as they were by a power transform applied after
 * standardising (which is not scale-free); shapes that are Gaussian already keep lambda near 1.
 * The offset is the median of the shifted values: below it the transform stays close to linear, so
 * a smooth minimum keeps a smooth shape instead of the logarithm's spike at the best value. The warp is
 * monotone, so the order of runs, and with it the incumbent, is unchanged.
 */
export function transformOutputs(z: readonly number[]): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of z) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const range = max - min;
  if (!(range > 0)) return standardize(z);
  const shifted = z.map((v) => (v - min) / range);
  const offset = Math.max(quantile([...shifted].sort((a, b) => a - b), OFFSET_QUANTILE), 1e-9);
  const t = Float64Array.from(shifted, (v) => v + offset);
  const lambda = fitLambda(t);
  return standardize(t.map((v) => boxCox(v, lambda)));
}
