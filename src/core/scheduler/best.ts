/**
 * The best run by primary metric (SPEC section 9): the run whose score (best primary value it
 * logged, max or min per goal) is best among the runs the options admit.
 */
import type { Goal } from '../types';
import { bestIntervalOf, isBetter } from '../goal';
import type { PriorRun, RunRecord } from './types';

/** Which runs may be the best one; every option defaults to true (SPEC section 9). */
export interface BestRunOptions {
  readonly includeFailed?: boolean;
  readonly includeCanceled?: boolean;
  readonly includeResumeFromRuns?: boolean;
}

/** A candidate: a run of this experiment or of a warm-start parent. */
export type BestCandidate =
  | { readonly kind: 'run'; readonly run: RunRecord; readonly value: number; readonly interval: number }
  | { readonly kind: 'prior'; readonly run: PriorRun; readonly value: number; readonly interval: number };

function admitted(status: RunRecord['status'], options: BestRunOptions): boolean {
  if (status === 'failed') return options.includeFailed ?? true;
  if (status === 'canceled') return options.includeCanceled ?? true;
  return true;
}

/**
 * The best run of `runs` (and of `priors` when admitted) with its score and the interval of that
 * score, or null when no admitted run logged a finite primary value. Ties keep the earlier run.
 */
export function getBestRunByPrimaryMetric(
  runs: readonly RunRecord[],
  goal: Goal,
  primaryMetricName: string,
  options: BestRunOptions = {},
  priors: readonly PriorRun[] = [],
): BestCandidate | null {
  let best: BestCandidate | null = null;
  const consider = (candidate: BestCandidate): void => {
    if (!best || isBetter(candidate.value, best.value, goal)) best = candidate;
  };
  if (options.includeResumeFromRuns ?? true) {
    for (const prior of priors) {
      const score = admitted(prior.status, options) ? bestIntervalOf(prior.values, goal) : null;
      if (score) consider({ kind: 'prior', run: prior, ...score });
    }
  }
  for (const run of runs) {
    const score = admitted(run.status, options) ? bestIntervalOf(run.metrics[primaryMetricName] ?? [], goal) : null;
    if (score) consider({ kind: 'run', run, ...score });
  }
  return best;
}
