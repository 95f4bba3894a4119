/**
 * Output warping of the Bayesian sampler's model: values are standardised, power-transformed
 * towards a Gaussian shape and standardised again.
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

function yeoJohnson(v: number, lambda: number): number {
  if (v >= 0) return Math.abs(lambda) < 1e-9 ? Math.log1p(v) : ((v + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) < 1e-9 ? -Math.log1p(-v) : -((1 - v) ** (2 - lambda) - 1) / (2 - lambda);
}

function yeoJohnsonLogLikelihood(z: Float64Array, lambda: number): number {
  const n = z.length;
  const t = z.map((v) => yeoJohnson(v, lambda));
  let mean = 0;
  for (const v of t) mean += v / n;
  let variance = 0;
  for (const v of t) variance += (v - mean) ** 2 / n;
  let jacobian = 0;
  for (const v of z) jacobian += Math.sign(v) * Math.log1p(Math.abs(v));
  return -0.5 * n * Math.log(Math.max(variance, 1e-300)) + (lambda - 1) * jacobian;
}

/** Yeo-Johnson lambda maximising the normal likelihood, by golden-section search on [-2, 2]. */
function fitLambda(z: Float64Array): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -2;
  let b = 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = yeoJohnsonLogLikelihood(z, c);
  let fd = yeoJohnsonLogLikelihood(z, d);
  for (let i = 0; i < 24; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = yeoJohnsonLogLikelihood(z, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = yeoJohnsonLogLikelihood(z, d);
    }
  }
  return (a + b) / 2;
}

/**
 * Output warping then standardisation: standardise, apply the Yeo-Johnson power transform whose
 * lambda makes the values most Gaussian (Yeo & Johnson 2000; as in HEBO, Cowen-Rivers et al.
 * 2022), standardise again. Heavy-tailed metrics (a loss that explodes for bad settings) no longer
 * dominate the fit, and differences among good runs get the model's attention. The warp is
 * monotone, so the order of runs, and with it the incumbent, is unchanged.
 */
export function transformOutputs(z: readonly number[]): Float64Array {
  const s = standardize(z);
  const lambda = fitLambda(s);
  return standardize(s.map((v) => yeoJohnson(v, lambda)));
}
