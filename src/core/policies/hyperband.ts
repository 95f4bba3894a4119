/**
 * Hyperband (Li et al. 2018) run asynchronously: brackets of ASHA whose first rungs are
 * minResource * reductionFactor^s, s = 0 .. B-1. Runs are assigned to brackets as Optuna's
 * HyperbandPruner does, by a hash of the run (its id) spread over the brackets in proportion to
 * their budgets, rather than as Ray's HyperBandScheduler does (filling one bracket after the other
 * and pausing runs until a rung is full): the bracket is then a pure function of the run, so a
 * resumed experiment, replay and runs in flight all see the same brackets, and no run waits.
 */
import { promote, rungIndex, rungSettings } from './rungs';
import { scheduledPolicy } from './schedule';
import type { HyperbandPolicyConfig, Policy, RunCurve } from './types';

/** B: the number of brackets, the largest s + 1 with minResource * eta^s <= maxResource. */
export function bracketCount(config: HyperbandPolicyConfig): number {
  const { min, eta } = rungSettings(config);
  let count = 1;
  for (let first = min * eta; first <= config.maxResource; first *= eta) count++;
  return count;
}

/** Bracket s's share of the runs, as Optuna: ceil(B * eta^(B-1-s) / (B - s)). */
export function bracketBudgets(config: HyperbandPolicyConfig): number[] {
  const { eta } = rungSettings(config);
  const b = bracketCount(config);
  return Array.from({ length: b }, (_, s) => Math.ceil((b * eta ** (b - 1 - s)) / (b - s)));
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The bracket s of a run: fnv1a(id) mod the budgets' sum, walked through the budgets in order. */
export function bracketOf(id: string, budgets: readonly number[]): number {
  let h = fnv1a(id) % budgets.reduce((a, b) => a + b, 0);
  for (let s = 0; s < budgets.length; s++) {
    h -= budgets[s];
    if (h < 0) return s;
  }
  return budgets.length - 1;
}

/**
 * A Hyperband policy for a validated config; `metricName` names the primary metric in reasons. A
 * run of bracket s is judged at the rungs minResource * eta^(s+k) <= maxResource, as by ASHA,
 * against the runs of its bracket that reached the rung; runs of warm-start parents count in every
 * bracket (this experiment did not assign them).
 */
export function createHyperbandPolicy(config: HyperbandPolicyConfig, metricName: string): Policy {
  const { min, eta } = rungSettings(config);
  const budgets = bracketBudgets(config);
  const bracket = (curve: RunCurve) => bracketOf(curve.id, budgets);
  return scheduledPolicy(config, (run, cohort, n, goal) => {
    const s = bracket(run);
    if (rungIndex(n, min, eta) < s) return { action: 'continue' };
    const mine = cohort.filter((other) => other.prior || bracket(other) === s);
    if (mine.length === 0) return { action: 'continue' };
    return promote(run, mine, n, goal, eta, `bracket ${s}, rung ${n}`, metricName);
  });
}
