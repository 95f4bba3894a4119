import type { Goal } from '../types';

/** Early-termination policies as stored and passed (SPEC section 4). */
export type PolicyConfig =
  | BanditPolicyConfig
  | MedianStoppingPolicyConfig
  | TruncationSelectionPolicyConfig
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
