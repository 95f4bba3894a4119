/**
 * What the dashboard shows of one experiment, live or loaded from storage: its config, its runs
 * and where it stands. Plain data; the session (live) and the experiments list (stored) make it.
 */
import type { ExperimentConfig } from '../../core/experiment';
import type { PriorRun, RunRecord } from '../../core/scheduler';
import type { ExperimentStatus } from '../../core/types';
import type { WarmStartSummary } from '../../persistence';
import type { CalibrationResult } from '../../runtime';

/**
 * Which tab drives an experiment while it runs: this one (it started or resumed it), this one
 * after taking over from a tab that closed, or another tab (this one follows it read-only).
 */
export type DriverKind = 'this-tab' | 'taken-over' | 'other-tab';

export interface ExperimentView {
  readonly id: string;
  readonly config: ExperimentConfig;
  readonly runs: readonly RunRecord[];
  /** Runs of warm-start parents, for the best run's `includeResumeFromRuns`. */
  readonly priors: readonly PriorRun[];
  readonly status: ExperimentStatus;
  readonly reason?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** The backend runs train on, once chosen. */
  readonly backend: string | null;
  /** True while `auto` measures the backends (live views only). */
  readonly calibrating?: boolean;
  /** What `auto` measured, once it has (live views only). */
  readonly calibration?: readonly CalibrationResult[];
  /** "2 at once: the pool has 2 workers" */
  readonly concurrency: string | null;
  /** True while this tab runs it (stop and cancel work). */
  readonly live: boolean;
  /** Who drives it while it runs (absent once it ended, or for a stored view). */
  readonly driver?: DriverKind;
  /** What a warm start used from its parents (absent without `resumeFrom`). */
  readonly warmStart?: WarmStartSummary;
}
