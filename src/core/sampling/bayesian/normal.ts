/**
 * The standard normal distribution to double precision, plus the log of the Expected Improvement
 * kernel h(z) = phi(z) + z Phi(z), computed without cancellation far into the lower tail.
 */

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * erf(x) for 0 <= x < 2.2 by the all-positive series erf(x) = 2/sqrt(pi) e^-x^2 sum 2^n x^(2n+1) /
 * (1 * 3 * ... * (2n+1)) (Abramowitz & Stegun 7.1.6), which has no cancellation.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}

/**
 * The tail of the continued fraction of the Mills ratio,
 * g(x) = x + 2/(x + 3/(x + 4/(x + ...))), evaluated backwards. For x >= 2.5, 60 terms give full
 * double precision. With it Phi(-x) = phi(x) g / (x g + 1) and h(-x) = phi(x) / (x g + 1).
 */
function millsTail(x: number): number {
  let f = x;
  for (let k = 60; k >= 2; k--) f = x + k / f;
  return f;
}

/** Standard normal CDF Phi(z), relative precision ~1e-15 in both tails. */
export function normalCdf(z: number): number {
  const a = Math.abs(z);
  let lower: number; // Phi(-|z|)
  if (a < 3) {
    lower = 0.5 * (1 - erfSeries(a / SQRT2));
  } else {
    const g = millsTail(a);
    lower = (normalPdf(a) * g) / (a * g + 1);
  }
  return z < 0 ? lower : 1 - lower;
}

const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

function acklamTail(q: number): number {
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}

/**
 * Inverse standard normal CDF for p in (0, 1): Acklam's rational approximation (relative error
 * 1.2e-9) polished by one Halley step against `normalCdf`.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1 (got ${p})`);
  let x: number;
  if (p < 0.02425) {
    x = acklamTail(Math.sqrt(-2 * Math.log(p)));
  } else if (p > 1 - 0.02425) {
    x = -acklamTail(Math.sqrt(-2 * Math.log(1 - p)));
  } else {
    const q = p - 0.5;
    const r = q * q;
    const a = ACKLAM_A;
    const b = ACKLAM_B;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/**
 * log h(z) with h(z) = phi(z) + z Phi(z), the Expected Improvement of a unit-variance Gaussian
 * over an incumbent z standard deviations away. Finite for every finite z, so "log-EI" keeps a
 * useful gradient where plain EI underflows to 0 (Ament et al. 2023, "Unexpected Improvements to
 * Expected Improvement for Bayesian Optimization", NeurIPS).
 */
export function logH(z: number): number {
  if (z > -3) return Math.log(normalPdf(z) + z * normalCdf(z));
  const x = -z;
  return -0.5 * x * x - LOG_SQRT_2PI - Math.log(x * millsTail(x) + 1);
}
