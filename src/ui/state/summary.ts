/** One stored experiment as the experiments list and the page's banners show it. Pure. */
import type { StoredExperiment, StoredRun } from '../../persistence';

/** What a summary reads of a run (stored or live). */
type RunFacts = Pick<StoredRun, 'startedAt' | 'intervals' | 'best'>;

/** An experiment in the list: its record, its best primary value and how many runs it has. */
export interface ExperimentSummary {
  readonly record: StoredExperiment;
  readonly best: number | null;
  /** Runs created, queued ones included. */
  readonly runs: number;
  /** Runs that began training (the work an interruption cut short or a resume continues). */
  readonly started: number;
}

/** The summary of `record` and its stored `runs`. */
export function summaryOf(record: StoredExperiment, runs: readonly RunFacts[]): ExperimentSummary {
  const maximize = record.config.primaryMetricGoal === 'maximize';
  let best: number | null = null;
  for (const run of runs) {
    const value = run.best?.value;
    if (value !== undefined && (best === null || (maximize ? value > best : value < best))) best = value;
  }
  const started = runs.filter((run) => run.startedAt !== undefined || run.intervals > 0).length;
  return { record, best, runs: runs.length, started };
}
