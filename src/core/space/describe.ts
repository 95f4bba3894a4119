/**
 * One-line human summaries of expressions, for `tabtune validate` and the page, which shows the
 * effective range in real units next to each expression (SPEC section 1: log bounds are exponents,
 * and users misread `loguniform(-9, -2)` as a range of negative numbers).
 */
import { roundToMultiple } from './quantize';
import type { Expression } from './types';

/** |z| of a standard normal's 95% central interval. */
const Z95 = 1.959963984540054;

/** How many choice values a summary lists before eliding the middle. */
const LISTED_VALUES = 6;

/**
 * A number with 4 significant digits for reading, not round-tripping: 1.234e-4, 0.1353, 7.099,
 * 1e6. Exponent notation outside [1e-3, 1e6), where fixed notation would hide the digits.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    const [mantissa, exponent] = x.toExponential(3).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${trimmed}e${exponent.replace('+', '')}`;
  }
  return String(Number(x.toPrecision(4)));
}

function listValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  if (shown.length <= LISTED_VALUES) return shown.join(', ');
  return [...shown.slice(0, LISTED_VALUES - 1), '...', shown[shown.length - 1]].join(', ');
}

/** `e^-9..e^-2 = 1.234e-4..0.1353`: exponent bounds and their real-unit values. */
function expRange(low: number, high: number): string {
  return `e^${formatNumber(low)}..e^${formatNumber(high)} = ${formatNumber(Math.exp(low))}..${formatNumber(Math.exp(high))}`;
}

function normalSpread(mu: number, sigma: number): string {
  return `mean ${formatNumber(mu)}, sd ${formatNumber(sigma)} (95% in ${formatNumber(mu - Z95 * sigma)}..${formatNumber(mu + Z95 * sigma)})`;
}

function lognormalSpread(mu: number, sigma: number): string {
  const lo = Math.exp(mu - Z95 * sigma);
  const hi = Math.exp(mu + Z95 * sigma);
  return `median e^${formatNumber(mu)} = ${formatNumber(Math.exp(mu))} (95% in ${formatNumber(lo)}..${formatNumber(hi)})`;
}

/** `multiples of 0.3 from 0 to 0.9`: the values a bounded q-form can actually produce. */
function multiples(q: number, low: number, high: number): string {
  return `multiples of ${formatNumber(q)} from ${formatNumber(roundToMultiple(low, q))} to ${formatNumber(roundToMultiple(high, q))}`;
}

/**
 * A one-line summary of what `expression` produces: discrete or continuous, then the range in real
 * units, e.g. `loguniform(-9, -2)` -> `continuous, e^-9..e^-2 = 1.234e-4..0.1353`.
 */
export function describeExpression(expression: Expression): string {
  const e = expression;
  switch (e.type) {
    case 'choice':
      return `discrete, ${e.values.length} value${e.values.length === 1 ? '' : 's'}: ${listValues(e.values)}`;
    case 'randint':
      return `discrete, integers 0..${formatNumber(e.upper - 1)}`;
    case 'uniform':
      return `continuous, ${formatNumber(e.low)}..${formatNumber(e.high)}`;
    case 'loguniform':
      return `continuous, ${expRange(e.low, e.high)}`;
    case 'quniform':
      return `discrete, ${multiples(e.q, e.low, e.high)} (uniform ${formatNumber(e.low)}..${formatNumber(e.high)}, not clipped)`;
    case 'qloguniform':
      return `discrete, ${multiples(e.q, Math.exp(e.low), Math.exp(e.high))} (${expRange(e.low, e.high)}, not clipped)`;
    case 'normal':
      return `continuous, unbounded, ${normalSpread(e.mu, e.sigma)}`;
    case 'lognormal':
      return `continuous, positive, ${lognormalSpread(e.mu, e.sigma)}`;
    case 'qnormal':
      return `discrete, multiples of ${formatNumber(e.q)}, unbounded, ${normalSpread(e.mu, e.sigma)}`;
    case 'qlognormal':
      return `discrete, multiples of ${formatNumber(e.q)}, >= 0, ${lognormalSpread(e.mu, e.sigma)}`;
  }
}
