/**
 * A parameter's distribution in real units, for the small preview next to each expression: bars
 * from seeded samples (so `loguniform(-9, -2)` visibly spans 1.234e-4..0.1353 on a log axis) or
 * one bar per value of a discrete expression.
 */
import { createRng } from '../../core/rng';
import { describeExpression, formatNumber, isLogScale, parseSpace, roundToMultiple, sampleExpression, type Expression } from '../../core/space';
import type { ParamValue } from '../../core/types';

/** One bar: its share of the samples (0..1 of the tallest) and what it stands for. */
export interface PreviewBar {
  readonly height: number;
  readonly label: string;
}

/** What the preview draws. */
export interface DistributionPreview {
  readonly bars: readonly PreviewBar[];
  /** The ends of the horizontal axis in real units. */
  readonly low: string;
  readonly high: string;
  /** True when the axis is logarithmic (exp-transformed expressions). */
  readonly log: boolean;
  /** `continuous, e^-9..e^-2 = 1.234e-4..0.1353` */
  readonly summary: string;
}

const SAMPLES = 600;
const BINS = 24;
const MAX_VALUE_BARS = 24;

function show(value: ParamValue): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

function normalized(counts: readonly number[], labels: readonly string[]): PreviewBar[] {
  const top = Math.max(1, ...counts);
  return counts.map((count, i) => ({ height: count / top, label: labels[i] }));
}

/** One bar per distinct value, in value order. */
function valueBars(values: readonly ParamValue[]): PreviewBar[] | null {
  const counts = new Map<ParamValue, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size > MAX_VALUE_BARS) return null;
  const keys = [...counts.keys()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : 0));
  return normalized(keys.map((k) => counts.get(k) ?? 0), keys.map(show));
}

/** The central 98% of sorted samples for unbounded forms, the exact bounds for bounded ones. */
function axisRange(e: Expression, sorted: readonly number[]): [number, number] {
  if (e.type === 'uniform') return [e.low, e.high];
  if (e.type === 'loguniform') return [Math.exp(e.low), Math.exp(e.high)];
  // q-forms are not clipped, so their reach is the bounds rounded to multiples of q.
  if (e.type === 'quniform') return [roundToMultiple(e.low, e.q), roundToMultiple(e.high, e.q)];
  if (e.type === 'qloguniform') return [roundToMultiple(Math.exp(e.low), e.q), roundToMultiple(Math.exp(e.high), e.q)];
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [at(0.01), at(0.99)];
}

/** A histogram of numeric samples over [low, high], on a log axis when `log`. */
function histogram(samples: readonly number[], low: number, high: number, log: boolean): PreviewBar[] {
  const f = (x: number) => (log ? Math.log(Math.max(x, Number.MIN_VALUE)) : x);
  const a = f(low);
  const width = (f(high) - a) / BINS || 1;
  const counts = new Array<number>(BINS).fill(0);
  for (const x of samples) {
    const bin = Math.floor((f(x) - a) / width);
    if (bin >= 0 && bin < BINS) counts[bin] += 1;
    else if (bin === BINS) counts[BINS - 1] += 1;
  }
  const labels = counts.map((_, i) => {
    const from = a + i * width;
    const g = (y: number) => (log ? Math.exp(y) : y);
    return `${formatNumber(g(from))}..${formatNumber(g(from + width))}`;
  });
  return normalized(counts, labels);
}

/** The preview of `expression` from `SAMPLES` draws of a generator seeded with `seed`. */
export function previewExpression(expression: Expression, seed = 1): DistributionPreview {
  const summary = describeExpression(expression);
  if (expression.type === 'choice') {
    const labels = expression.values.map(show);
    const shown = labels.length > MAX_VALUE_BARS ? labels.slice(0, MAX_VALUE_BARS) : labels;
    // Past MAX_VALUE_BARS only the first values get bars, but the axis still names the real last one.
    return { bars: shown.map((label) => ({ height: 1, label })), low: labels[0] ?? '', high: labels[labels.length - 1] ?? '', log: false, summary };
  }
  const rng = createRng(seed, 0);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(Number(sampleExpression(expression, rng)));
  const log = isLogScale(expression);
  const sorted = [...samples].sort((x, y) => x - y);
  const discrete = valueBars(samples);
  if (discrete && expression.type !== 'uniform' && expression.type !== 'loguniform') {
    return { bars: discrete, low: discrete[0]?.label ?? '', high: discrete[discrete.length - 1]?.label ?? '', log: false, summary };
  }
  const [low, high] = axisRange(expression, sorted);
  const useLog = log && low > 0;
  return { bars: histogram(samples, low, high, useLog), low: formatNumber(low), high: formatNumber(high), log: useLog, summary };
}

/** The preview of one row's expression text, or null when it does not parse on its own. */
export function previewOfText(name: string, expression: string): DistributionPreview | null {
  try {
    const space = parseSpace(`${JSON.stringify(name || 'x')}: ${expression}`);
    return space.parameters.length === 1 ? previewExpression(space.parameters[0].expression) : null;
  } catch {
    // The row's problem is shown under its line; there is just nothing to preview.
    return null;
  }
}
