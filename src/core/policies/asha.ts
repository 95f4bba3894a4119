/**
 * ASHA, asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel
 * Hyperparameter Tuning"): a run is judged when it reaches a rung, against every run that reached
 * the same rung so far, without waiting for the rung to fill.
 */
import { promote, rungSettings } from './rungs';
import { scheduledPolicy } from './schedule';
import type { AshaPolicyConfig, Policy } from './types';

/**
 * An ASHA policy for a validated config; `metricName` names the primary metric in reasons. At a
 * rung N = minResource * reductionFactor^k with N >= gracePeriod, the run goes on only if it is
 * among the best max(1, floor(n / reductionFactor)) of the n runs (itself included) that logged N.
 */
export function createAshaPolicy(config: AshaPolicyConfig, metricName: string): Policy {
  const { eta } = rungSettings(config);
  return scheduledPolicy(config, (run, cohort, n, goal) => promote(run, cohort, n, goal, eta, `rung ${n}`, metricName));
}
