/**
 * Bandit policy (SPEC section 4, after Azure ML HyperDrive's BanditPolicy): stop a run whose best
 * value so far falls outside the slack allowed from the best value of any run at that interval.
 */
import type { Goal } from '../types';
import { bestUpTo, better, isWorseBeyondRounding, worseSign } from './cohort';
import { digitsToTell, formatNumber } from './format';
import { scheduledPolicy } from './schedule';
import type { BanditPolicyConfig, Policy } from './types';

/** The stop threshold and how it was computed, numbers formatted with `digits` significant digits. */
interface Threshold {
  readonly value: number;
  readonly formula: (digits: number) => string;
}

/**
 * The threshold for best value `b` with slack factor `s`. For b > 0 it is b / (1 + s) when
 * maximizing and b * (1 + s) when minimizing; for b <= 0 the SPEC uses |b| so that the slack still
 * points away from b: b - |b| * s / (1 + s) and b + |b| * s. Minimizing is never done by negating
 * the metric (with b > 0 that puts the threshold on the wrong side of b and stops every run).
 */
export function factorThreshold(b: number, s: number, goal: Goal): Threshold {
  const f = (x: number, d: number) => formatNumber(x, d);
  const abs = Math.abs(b);
  if (goal === 'maximize') {
    if (b > 0) return { value: b / (1 + s), formula: (d) => `${f(b, d)} / (1 + ${s})` };
    return { value: b - (abs * s) / (1 + s), formula: (d) => `${f(b, d)} - ${f(abs, d)} * ${s} / (1 + ${s})` };
  }
  if (b > 0) return { value: b * (1 + s), formula: (d) => `${f(b, d)} * (1 + ${s})` };
  return { value: b + abs * s, formula: (d) => `${f(b, d)} + ${f(abs, d)} * ${s}` };
}

/** The threshold for best value `b` with slack amount `a`: b - a when maximizing, b + a when minimizing. */
export function amountThreshold(b: number, a: number, goal: Goal): Threshold {
  const sign = goal === 'maximize' ? '-' : '+';
  const value = goal === 'maximize' ? b - a : b + a;
  return { value, formula: (d) => `${formatNumber(b, d)} ${sign} ${a}` };
}

/**
 * A Bandit policy for a validated config; `metricName` names the primary metric in reasons. At
 * interval N, b is the best y(r, N) over the cohort and the run; the run stops when its own
 * y(run, N) is strictly worse than the threshold.
 */
export function createBanditPolicy(config: BanditPolicyConfig, metricName: string): Policy {
  return scheduledPolicy(config, (run, cohort, n, goal) => {
    const y = bestUpTo(run.values, n, goal);
    let b = y;
    for (const other of cohort) b = better(b, bestUpTo(other.values, n, goal), goal);
    const threshold =
      config.slackFactor !== undefined
        ? factorThreshold(b, config.slackFactor, goal)
        : amountThreshold(b, config.slackAmount ?? 0, goal);
    if (!isWorseBeyondRounding(y, threshold.value, goal)) return { action: 'continue' };
    const d = digitsToTell(y, threshold.value);
    const reason =
      `${metricName} ${formatNumber(y, d)} ${worseSign(goal)} ${formatNumber(threshold.value, d)}` +
      ` = ${threshold.formula(d)} at interval ${n}`;
    return { action: 'stop', reason };
  });
}
