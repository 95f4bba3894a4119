import type { Goal } from '../types';
import { cohortAt, finiteUpTo, type CohortOptions } from './cohort';
import { rungIndex, rungSettings } from './rungs';
import type { Decision, Policy, PolicyConfig, RunCurve, ScheduleConfig } from './types';

/** The delay of curveBound when none is given. */
export const CURVE_BOUND_DELAY = 2;

/** The evaluation interval in effect: the configured one, where 0 or absent means 1. */
export function effectiveInterval(config: ScheduleConfig): number {
  const interval = config.evaluationInterval ?? 1;
  return interval === 0 ? 1 : interval;
}

/** The delay in effect (default 0; 2 for curveBound). */
export function effectiveDelay(config: ScheduleConfig & { type: string }): number {
  return config.delayEvaluation ?? (config.type === 'curveBound' ? CURVE_BOUND_DELAY : 0);
}

/**
 * Whether the policy acts when a run logs `interval` (1-based): `interval` is a multiple of
 * `evaluationInterval` and at least `delayEvaluation` (SPEC section 4). With interval 2 and delay 5
 * it acts at 6, 8, 10, ... The `none` policy never acts. ASHA acts at its rungs from gracePeriod
 * on; Hyperband at the rungs of any bracket up to maxResource (each run only at its bracket's).
 */
export function shouldEvaluate(config: PolicyConfig, interval: number): boolean {
  if (!Number.isInteger(interval) || interval < 1) return false;
  switch (config.type) {
    case 'none':
      return false;
    case 'asha': {
      const { min, eta } = rungSettings(config);
      return rungIndex(interval, min, eta) >= 0 && interval >= (config.gracePeriod ?? 0);
    }
    case 'hyperband': {
      const { min, eta } = rungSettings(config);
      return rungIndex(interval, min, eta) >= 0 && interval <= config.maxResource;
    }
    default:
      return interval % effectiveInterval(config) === 0 && interval >= effectiveDelay(config);
  }
}

/**
 * What a policy judges once the schedule and the guards have passed: `run` at interval `n`
 * against a non-empty `cohort` (already cut to runs with >= n intervals).
 */
export type Judge = (run: RunCurve, cohort: readonly RunCurve[], n: number, goal: Goal) => Decision;

const CONTINUE: Decision = { action: 'continue' };

/**
 * A Policy that applies `judge` only where SPEC section 4 lets a policy act: when the run has just
 * logged an interval on the schedule, its values so far are finite (a NaN run fails instead of
 * being stopped) and the cohort at that interval is not empty.
 */
export function scheduledPolicy(
  config: PolicyConfig,
  judge: Judge,
  cohortOptions: CohortOptions = {},
): Policy {
  return {
    config,
    decide(run, others, goal) {
      const n = run.values.length;
      if (!shouldEvaluate(config, n) || !finiteUpTo(run.values, n)) return CONTINUE;
      const cohort = cohortAt(run, others, n, cohortOptions);
      if (cohort.length === 0) return CONTINUE;
      return judge(run, cohort, n, goal);
    },
  };
}
