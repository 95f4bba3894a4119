import type { Goal } from '../types';

/** Early-termination policies as stored and passed (SPEC section 4). */
export type PolicyConfig =
  | BanditPolicyConfig
  | MedianStoppingPolicyConfig
  | TruncationSelectionPolicyConfig
  | AshaPolicyConfig
  | HyperbandPolicyConfig
  | CurveBoundPolicyConfig
  | { readonly type: 'none' };

/** Settings every acting policy has: act at interval N when N % evaluationInterval == 0 and N >= delayEvaluation. */
export interface ScheduleConfig {
  /** Default 1; 0 means 1. */
  readonly evaluationInterval?: number;
  /** Default 0. */
  readonly delayEvaluation?: number;
}

/** Bandit with exactly one of slackFactor / slackAmount. */
export interface BanditPolicyConfig extends ScheduleConfig {
  readonly type: 'bandit';
  readonly slackFactor?: number;
  readonly slackAmount?: number;
}

export interface MedianStoppingPolicyConfig extends ScheduleConfig {
  readonly type: 'medianStopping';
}

export interface TruncationSelectionPolicyConfig extends ScheduleConfig {
  readonly type: 'truncationSelection';
  /** Integer 1..99. */
  readonly truncationPercentage: number;
  /** Default false. */
  readonly excludeFinishedRuns?: boolean;
}

/**
 * ASHA (Li et al. 2020): rungs at minResource * reductionFactor^k; at a rung a run continues only
 * if it is among the best max(1, floor(n / reductionFactor)) of the n runs that reached the rung.
 */
export interface AshaPolicyConfig {
  readonly type: 'asha';
  /** Integer >= 1, default 1: the first rung, in intervals. */
  readonly minResource?: number;
  /** Integer >= 2, default 3. */
  readonly reductionFactor?: number;
  /** Integer >= 0, default 0: rungs below it are skipped. */
  readonly gracePeriod?: number;
}

/**
 * Hyperband (Li et al. 2018) as brackets of ASHA, runs assigned to brackets as Optuna's
 * HyperbandPruner does: by a hash of the run, weighted by each bracket's budget.
 */
export interface HyperbandPolicyConfig {
  readonly type: 'hyperband';
  /** Integer >= 1, default 1. */
  readonly minResource?: number;
  /** Integer >= minResource (required): the intervals of a full run. */
  readonly maxResource: number;
  /** Integer >= 2, default 3. */
  readonly reductionFactor?: number;
}

/**
 * tabtune's own policy: stop a run only when two optimistic extrapolations of its curve both fall
 * short of the best value logged so far (see curve-bound.ts).
 */
export interface CurveBoundPolicyConfig extends ScheduleConfig {
  readonly type: 'curveBound';
  /** Finite number >= 0, default 1.25: how many times its last step a run may still improve per interval. */
  readonly slopeFactor?: number;
}

/** A run as a policy sees it: its primary-metric values per interval (index 0 = interval 1). */
export interface RunCurve {
  readonly id: string;
  readonly values: readonly number[];
  /** 'running' | 'completed' | 'stopped' | ... ; finished runs matter to excludeFinishedRuns. */
  readonly finished: boolean;
  /** True for runs of warm-start parent experiments; they always count in the cohort. */
  readonly prior?: boolean;
}

/** A policy's answer. */
export type Decision = { readonly action: 'continue' } | { readonly action: 'stop'; readonly reason: string };

/** "Keep or stop this run now?" Pure: never writes, posts or awaits. */
export interface Policy {
  readonly config: PolicyConfig;
  /**
   * Decide for `run`, which has just logged interval `run.values.length`. `cohort` is every other
   * run of the experiment (and priors) whatever their length; the policy itself keeps only those
   * that reached the interval and reads them only up to it.
   */
  decide(run: RunCurve, cohort: readonly RunCurve[], goal: Goal): Decision;
}
