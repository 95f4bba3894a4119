import type { Rng } from '../rng';
import type { Space } from '../space/types';
import type { Goal, ParamValues, RunStatus, SamplingType } from '../types';

/** A run the sampler can learn from: its configuration and its score. */
export interface Observation {
  readonly params: ParamValues;
  /**
   * The run's score: its best primary-metric value (for a stopped run, the best so far, SPEC
   * section 2). `null` when the run failed or never logged the primary metric.
   */
  readonly value: number | null;
  readonly status: RunStatus;
  /** True for runs of warm-start parent experiments (`resumeFrom`). */
  readonly prior?: boolean;
}

/** Everything a sampler may look at to answer "what next?". */
export interface SuggestRequest {
  readonly space: Space;
  readonly goal: Goal;
  /** Finished runs (completed, stopped, failed, canceled) and warm-start priors, in start order. */
  readonly history: readonly Observation[];
  /** Configurations of runs in flight, which the suggestion must not duplicate. */
  readonly pending: readonly ParamValues[];
  /** 0-based index of the run being suggested (history + pending of this experiment). */
  readonly index: number;
  /**
   * The experiment's `maxTotalRuns` (SPEC section 5): the index it will not reach, so a sampler
   * can tell its last runs. Absent where nobody knows (the ask-tell engine): nothing that depends
   * on it happens.
   */
  readonly maxTotalRuns?: number;
  /**
   * Hyperparameters fitted earlier (`ModelFitting.fit`), used as they are instead of fitting now,
   * so a suggestion never waits for a refit. Absent: the sampler fits what it needs itself.
   */
  readonly fitted?: FittedModel;
}

/** A model's hyperparameters, fitted on the first `size` observations of a history. */
export interface FittedModel {
  readonly size: number;
  readonly theta: readonly number[];
}

/**
 * The costly half of a model-based sampler, split off so that it can run apart from suggestions:
 * the scheduler asks for a fit whenever `target` moves, and passes the latest fit it received.
 */
export interface ModelFitting {
  /** How many observations the fit for this history uses (cheap); null while no model is used. */
  target(request: SuggestRequest): number | null;
  /** The fit for this history (tens to hundreds of ms); null while no model is used. */
  fit(request: SuggestRequest): FittedModel | null;
}

/**
 * "What to try next?" A sampler keeps no state that cannot be rebuilt from stored runs: the
 * caller passes `createRng(seed, index)`, so a reloaded tab resumes the same sequence.
 */
export interface Sampler {
  readonly type: SamplingType;
  /** The next configuration, or `null` when the sampler has nothing left (an exhausted grid). */
  suggest(request: SuggestRequest, rng: Rng): ParamValues | null;
  /**
   * Present on samplers whose work is worth moving off the caller's thread (Bayesian): the
   * scheduler then asks for suggestions and fits by command and gets them back as events.
   */
  readonly fitting?: ModelFitting;
}
