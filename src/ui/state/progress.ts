/**
 * Where an experiment stands (SPEC section 8): runs done of max, time used of max duration, and
 * each running run's intervals of the intervals it will log.
 */
import { DEFAULT_HYPERPARAMETERS } from '../../core/experiment';
import { isInFlight } from '../../core/scheduler';
import type { ExperimentView } from './live';

export interface RunningProgress {
  readonly id: string;
  readonly number: number;
  readonly intervals: number;
  /** Intervals the run logs if it is not stopped (its epochs). */
  readonly expected: number;
}

export interface ExperimentProgressView {
  readonly done: number;
  readonly started: number;
  readonly max: number;
  readonly elapsedMs: number;
  /** Null without a duration limit. */
  readonly maxMs: number | null;
  readonly running: readonly RunningProgress[];
  readonly failed: number;
  readonly stopped: number;
}

/** The progress of `view` at time `now` (ms). */
export function progressView(view: ExperimentView, now: number): ExperimentProgressView {
  const { config, runs } = view;
  const fixedEpochs = config.model.hyperparameters.epochs;
  const epochsOf = (params: Readonly<Record<string, unknown>>): number => {
    const value = params.epochs ?? fixedEpochs ?? DEFAULT_HYPERPARAMETERS.epochs;
    return typeof value === 'number' ? Math.max(1, Math.round(value)) : DEFAULT_HYPERPARAMETERS.epochs;
  };
  const running = runs
    .filter((run) => run.status === 'running')
    .map((run) => ({ id: run.id, number: run.index + 1, intervals: run.intervals, expected: epochsOf(run.params) }));
  // A run followed from another tab ticks too: it is live there.
  const end = view.endedAt ?? (view.live || view.driver === 'other-tab' ? now : view.startedAt);
  return {
    done: runs.filter((run) => !isInFlight(run.status)).length,
    started: runs.length,
    max: config.maxTotalRuns,
    elapsedMs: view.startedAt !== undefined && end !== undefined ? Math.max(0, end - view.startedAt) : 0,
    maxMs: config.maxDurationMinutes !== undefined ? config.maxDurationMinutes * 60_000 : null,
    running,
    failed: runs.filter((run) => run.status === 'failed').length,
    stopped: runs.filter((run) => run.status === 'stopped').length,
  };
}
