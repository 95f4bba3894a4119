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

/** Backends `auto` tries in the page, in preference order (SPEC section 9). */
const PAGE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'wasm-fused', 'cpu'];

/** Samples per second, short: `6.9k`, `780`. */
function rate(samplesPerSecond: number): string {
  return samplesPerSecond >= 1000 ? `${(samplesPerSecond / 1000).toFixed(1)}k` : samplesPerSecond.toFixed(0);
}

/**
 * What the page says of the backend: the measurement under way (the first run waits for it), then
 * each backend's speed, fastest first, or the backend runs use.
 */
export function backendText(view: Pick<ExperimentView, 'backend' | 'calibrating' | 'calibration'>): string | null {
  // cpu is measured only where no wasm backend can train the model (workers/training/calibrate.ts).
  if (view.calibrating) return `measuring backends (${PAGE_BACKENDS.join(', ')} if wasm cannot train it)…`;
  const measured = [...(view.calibration ?? [])].sort((a, b) => (b.samplesPerSecond ?? -1) - (a.samplesPerSecond ?? -1));
  if (measured.length === 0) return view.backend;
  const each = measured.map((r) => (r.samplesPerSecond === null ? `${r.backend} failed` : `${r.backend} ${rate(r.samplesPerSecond)} samples/s`));
  return `${view.backend ?? 'none'} (measured: ${each.join(', ')})`;
}
