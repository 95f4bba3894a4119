/**
 * Shared vocabulary of the engine core (SPEC "Vocabulary"). Plain data only: every value here
 * crosses postMessage and lands in IndexedDB, so no classes, no functions, no Dates.
 */

/** Direction in which the primary metric improves. */
export type Goal = 'maximize' | 'minimize';

/** One sampled value of a parameter expression. */
export type ParamValue = number | string | boolean;

/** A run's configuration: parameter name -> value. */
export type ParamValues = Record<string, ParamValue>;

/** Lifecycle states of a run (SPEC section 6). */
export type RunStatus =
  | 'queued'
  | 'running'
  | 'completed'
  | 'stopped'
  | 'failed'
  | 'canceled'
  | 'interrupted';

/** Lifecycle states of an experiment (SPEC section 6). */
export type ExperimentStatus = 'running' | 'completed' | 'canceled' | 'failed' | 'interrupted';

/** Sampling algorithms (SPEC section 2). */
export type SamplingType = 'random' | 'grid' | 'bayesian';
