/**
 * Suggestions and fits as plain data, for samplers run apart from the scheduler (a sampler worker
 * in the page, inline in Node): the scheduler's `suggest` and `fit` commands carry these, and any
 * host answers them with the same two functions, so every face computes the same configurations.
 */
import { createRng } from '../rng';
import type { Space } from '../space/types';
import type { Goal, ParamValues } from '../types';
import type { FittedModel, Observation, Sampler } from './types';

/** The history a suggestion or a fit is computed from (a snapshot of the experiment's runs). */
export interface HistorySnapshot {
  readonly goal: Goal;
  readonly history: readonly Observation[];
  readonly pending: readonly ParamValues[];
}

/** `count` suggestions for runs `index`, `index + 1`, ...: each is pending for the next. */
export interface SuggestBatch extends HistorySnapshot {
  readonly index: number;
  readonly count: number;
  /** The experiment's seed: run k draws from `createRng(seed, k)`. */
  readonly seed: number;
  readonly fitted?: FittedModel;
  /** The experiment's `maxTotalRuns` (`SuggestRequest.maxTotalRuns`). */
  readonly maxTotalRuns?: number;
}

/**
 * The batch's configurations in run order, as the same number of one-by-one `suggest` calls would
 * give them; a null ends the batch (the sampler has nothing left).
 */
export function suggestBatch(sampler: Sampler, space: Space, batch: SuggestBatch): (ParamValues | null)[] {
  const out: (ParamValues | null)[] = [];
  const pending = [...batch.pending];
  for (let k = 0; k < batch.count; k++) {
    const index = batch.index + k;
    const request = { space, goal: batch.goal, history: batch.history, pending, index, fitted: batch.fitted, maxTotalRuns: batch.maxTotalRuns };
    const params = sampler.suggest(request, createRng(batch.seed, index));
    out.push(params);
    if (params === null) break;
    pending.push(params);
  }
  return out;
}

/** The sampler's fit for `snapshot`, or null when it fits nothing (no model, or none needed yet). */
export function fitModel(sampler: Sampler, space: Space, snapshot: HistorySnapshot): FittedModel | null {
  if (!sampler.fitting) return null;
  return sampler.fitting.fit({ space, goal: snapshot.goal, history: snapshot.history, pending: snapshot.pending, index: 0 });
}
