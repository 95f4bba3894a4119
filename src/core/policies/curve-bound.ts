/**
 * Curve bound, tabtune's own policy: stop a run only when its learning curve, extrapolated
 * optimistically in two independent ways, still cannot reach the best value logged so far. In the
 * spirit of learning-curve extrapolation (Domhan et al. 2015), but with bounds rather than a fitted
 * model: one from the run's own last step (a curve that flattens can still fall with a learning-rate
 * schedule, hence the slope factor), one from the largest relative gain any complete run made
 * after the same interval.
 */
import { isBetter } from '../goal';
import type { Goal } from '../types';
import { better, bestUpTo, isWorseBeyondRounding, worseSign } from './cohort';
import { digitsToTell, formatNumber } from './format';
import { scheduledPolicy } from './schedule';
import type { CurveBoundPolicyConfig, Policy, RunCurve } from './types';

export const DEFAULT_SLOPE_FACTOR = 1.25;

/** The number of leading finite values (a failing run's curve ends at its first NaN). */
function finiteLength(values: readonly number[]): number {
  const end = values.findIndex((v) => !Number.isFinite(v));
  return end === -1 ? values.length : end;
}

/** How far `from` improves to `to` under `goal` (>= 0 when `to` is no worse). */
function gain(from: number, to: number, goal: Goal): number {
  return goal === 'maximize' ? to - from : from - to;
}

/** `y` moved by `amount` in the better direction. */
function improved(y: number, amount: number, goal: Goal): number {
  return goal === 'maximize' ? y + amount : y - amount;
}

/**
 * The largest relative gain, gain / |value at n|, that a complete run (an ended run as long as the
 * longest ended run, `t` intervals) made from interval n to its end; 0 without complete runs.
 */
function largestRelativeGain(cohort: readonly RunCurve[], n: number, t: number, goal: Goal): number {
  let largest = 0;
  for (const other of cohort) {
    if (!other.finished || finiteLength(other.values) < t) continue;
    const g = gain(bestUpTo(other.values, n, goal), bestUpTo(other.values, t, goal), goal);
    const at = Math.abs(bestUpTo(other.values, n, goal));
    largest = Math.max(largest, g <= 0 ? 0 : at === 0 ? Infinity : g / at);
  }
  return largest;
}

/**
 * A curveBound policy for a validated config; `metricName` names the primary metric in reasons. At
 * interval N (on the schedule, default delay 2), with T the longest curve among the ended runs of
 * the cohort and b the best value any cohort run logged (at any interval), the run stops when T > N,
 * it is not the best at N, and both optimistic extrapolations of y = y(run, N) are worse than b:
 * y improved by f * |y|, f the largest relative gain of a complete run from N to T; and y improved
 * by slopeFactor * (T - N) times its last step (the gain from interval N - 1 to N, or 0).
 */
export function createCurveBoundPolicy(config: CurveBoundPolicyConfig, metricName: string): Policy {
  const factor = config.slopeFactor ?? DEFAULT_SLOPE_FACTOR;
  return scheduledPolicy(config, (run, cohort, n, goal) => {
    // The horizon comes from ended runs only: a run merely ahead of this one says nothing of the end.
    const t = Math.max(0, ...cohort.filter((other) => other.finished).map((other) => finiteLength(other.values)));
    if (n < 2 || t <= n) return { action: 'continue' };
    const y = bestUpTo(run.values, n, goal);
    if (cohort.every((other) => !isBetter(bestUpTo(other.values, n, goal), y, goal))) return { action: 'continue' };
    const b = cohort.reduce((acc, other) => better(acc, bestUpTo(other.values, finiteLength(other.values), goal), goal), y);
    const f = largestRelativeGain(cohort, n, t, goal);
    const byPeers = improved(y, f * Math.abs(y), goal);
    const step = Math.max(0, gain(run.values[n - 2], run.values[n - 1], goal));
    const bySlope = improved(y, factor * step * (t - n), goal);
    if (!isWorseBeyondRounding(byPeers, b, goal) || !isWorseBeyondRounding(bySlope, b, goal)) return { action: 'continue' };
    const d = digitsToTell(better(byPeers, bySlope, goal), b);
    const reason =
      `${metricName} ${formatNumber(y, d)} cannot reach the best so far, ${formatNumber(b, d)}: at best` +
      ` ${formatNumber(byPeers, d)} ${worseSign(goal)} ${formatNumber(b, d)} with the largest relative gain of a complete run` +
      ` after interval ${n} (${formatNumber(100 * f, 3)}%), and ${formatNumber(bySlope, d)} ${worseSign(goal)} ${formatNumber(b, d)}` +
      ` with ${factor} x its last step for ${t - n} more intervals, at interval ${n}`;
    return { action: 'stop', reason };
  });
}
