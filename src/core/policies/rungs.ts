/**
 * Rungs of successive halving (ASHA, Li et al. 2020; Hyperband's brackets): the intervals
 * minResource * reductionFactor^k at which a run must be among the best of those that reached the
 * same rung to go on. Shared by asha.ts and hyperband.ts.
 */
import { bestUpTo, isWorseBeyondRounding, worseSign } from './cohort';
import { digitsToTell, formatNumber } from './format';
import type { AshaPolicyConfig, Decision, HyperbandPolicyConfig, RunCurve } from './types';
import type { Goal } from '../types';

export const DEFAULT_MIN_RESOURCE = 1;
export const DEFAULT_REDUCTION_FACTOR = 3;

/** Settings of an ASHA or Hyperband config with their defaults. */
export function rungSettings(config: AshaPolicyConfig | HyperbandPolicyConfig): { min: number; eta: number } {
  return { min: config.minResource ?? DEFAULT_MIN_RESOURCE, eta: config.reductionFactor ?? DEFAULT_REDUCTION_FACTOR };
}

/** The k with interval = min * eta^k, or -1 when `interval` is not a rung. */
export function rungIndex(interval: number, min: number, eta: number): number {
  if (!Number.isInteger(interval) || interval < min) return -1;
  let rung = min;
  for (let k = 0; ; k++) {
    if (rung === interval) return k;
    if (rung > interval) return -1;
    rung *= eta;
  }
}

/** 1st, 2nd, 3rd, 4th, ... */
function ordinal(k: number): string {
  const tens = k % 100;
  if (tens >= 11 && tens <= 13) return `${k}th`;
  return `${k}${['th', 'st', 'nd', 'rd'][k % 10] ?? 'th'}`;
}

/**
 * The promotion test at a rung (Optuna's SuccessiveHalvingPruner, which stops instead of pausing):
 * with n runs at the rung, the run among them, the run continues if y(run, N) is no worse than the
 * k-th best of the n values y(., N), k = max(1, floor(n / eta)). `where` names the rung in reasons
 * ("rung 3", "bracket 1, rung 9"). The cohort is already cut to runs that reached N.
 */
export function promote(
  run: RunCurve,
  cohort: readonly RunCurve[],
  n: number,
  goal: Goal,
  eta: number,
  where: string,
  metricName: string,
): Decision {
  const y = bestUpTo(run.values, n, goal);
  const ranked = [y, ...cohort.map((other) => bestUpTo(other.values, n, goal))];
  ranked.sort((a, b) => (goal === 'maximize' ? b - a : a - b));
  const k = Math.max(1, Math.floor(ranked.length / eta));
  const cut = ranked[k - 1];
  if (!isWorseBeyondRounding(y, cut, goal)) return { action: 'continue' };
  const d = digitsToTell(y, cut);
  const reason =
    `${metricName} ${formatNumber(y, d)} ${worseSign(goal)} ${formatNumber(cut, d)} = the ${ordinal(k)} best of` +
    ` ${ranked.length} runs at ${where} (the best max(1, floor(${ranked.length} / ${eta})) = ${k} go on) at interval ${n}`;
  return { action: 'stop', reason };
}
