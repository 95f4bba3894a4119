/**
 * Goodness-of-fit helpers for the sampling tests: Kolmogorov-Smirnov against an exact CDF for
 * continuous expressions, Pearson's chi-square against an exact pmf for discrete ones. Both at
 * significance 0.001; with fixed seeds the outcome is deterministic, and the low level keeps a
 * correct sampler from failing on an unlucky seed when someone changes one.
 */

/** Significance level of every goodness-of-fit test here. */
export const ALPHA = 0.001;

/**
 * erfc(x), Numerical Recipes' Chebyshev fit (relative error < 1.2e-7 everywhere), far below the
 * KS tolerance of ~0.014 at n = 10^4.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** CDF of the standard normal. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The two-sided KS statistic D = sup |F_n(x) - F(x)| of `samples` against `cdf`. */
export function ksStatistic(samples: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

/** Asymptotic KS critical value at `ALPHA`: sqrt(-ln(alpha / 2) / 2) / sqrt(n) (1.949 / sqrt(n)). */
export function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(ALPHA / 2) / 2) / Math.sqrt(n);
}

/** Upper `ALPHA` quantile of chi-square with `df` degrees of freedom (Wilson-Hilferty; within 1% for df >= 1). */
export function chiSquareCritical(df: number): number {
  const z = 3.090232306167813; // standard normal quantile at 1 - 0.001
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** The outcome of a chi-square test: statistic, degrees of freedom, critical value, unexpected values. */
export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly critical: number;
  /** Sampled values the pmf does not list (pooled into the rest; callers expect none). */
  readonly outside: readonly unknown[];
}

/**
 * Pearson's chi-square of `samples` against `pmf` (value -> probability, summing to ~1 over the
 * listed values; the rest of the mass is pooled). Cells expected to hold fewer than 5 samples are
 * pooled too, as the test's approximation needs.
 */
export function chiSquare(samples: readonly unknown[], pmf: ReadonlyMap<unknown, number>): ChiSquareResult {
  const counts = new Map<unknown, number>();
  const outside: unknown[] = [];
  for (const s of samples) {
    if (pmf.has(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    else outside.push(s);
  }
  const n = samples.length;
  let statistic = 0;
  let cells = 0;
  let pooledExpected = n * (1 - [...pmf.values()].reduce((a, b) => a + b, 0));
  let pooledObserved = outside.length;
  for (const [value, p] of pmf) {
    const expected = n * p;
    const observed = counts.get(value) ?? 0;
    if (expected < 5) {
      pooledExpected += expected;
      pooledObserved += observed;
      continue;
    }
    statistic += (observed - expected) ** 2 / expected;
    cells++;
  }
  if (pooledExpected >= 5) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    cells++;
  }
  const df = Math.max(1, cells - 1);
  return { statistic, df, critical: chiSquareCritical(df), outside };
}
