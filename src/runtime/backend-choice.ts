/**
 * The experiment's tfjs backend: the forced one, or for `auto` the fastest one measured on the
 * first run's actual model (once per experiment, in the first worker that needs it).
 */
import { CalibrationError } from '../core/errors';
import type { BackendChoice, ModelSpec } from '../core/experiment';
import type { ParamValues } from '../core/types';
import type { CalibrationResult, RunWorkerApi, TrainingBackend } from '../protocol';
import type { Remote } from 'comlink';
import { modelSourceOf } from './run-request';

/** Timed batches per backend and the time budget of each, for `auto`. */
export interface CalibrationSettings {
  readonly batches: number;
  readonly budgetMs: number;
  /** Backends to try; absent: every backend the worker's environment knows. */
  readonly backends?: readonly TrainingBackend[];
}

export const DEFAULT_CALIBRATION: CalibrationSettings = { batches: 20, budgetMs: 8_000 };

/** The fastest measured backend, or null when none could train. */
export function fastestBackend(results: readonly CalibrationResult[]): TrainingBackend | null {
  let best: CalibrationResult | null = null;
  for (const result of results) {
    if (result.samplesPerSecond === null) continue;
    if (!best || result.samplesPerSecond > (best.samplesPerSecond ?? 0)) best = result;
  }
  return best?.backend ?? null;
}

/** Decides the backend once; a failed calibration is forgotten so that the next run tries again. */
export class BackendChooser {
  private choice: Promise<TrainingBackend> | null = null;
  /** Measurements of `auto`, for the UI and the CLI (null until measured, or when forced). */
  results: CalibrationResult[] | null = null;
  chosen: TrainingBackend | null = null;
  /** True while `auto` measures the backends (the first run waits for it). */
  measuring = false;

  /** `onChange`: called when a measurement begins and ends, so the host can tell its listeners. */
  constructor(
    private readonly requested: BackendChoice,
    private readonly model: ModelSpec,
    private readonly settings: CalibrationSettings = DEFAULT_CALIBRATION,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The backend for every run; measured with `params` on `api`'s worker when `auto`. */
  choose(api: Remote<RunWorkerApi>, params: ParamValues, guard: <T>(p: Promise<T>) => Promise<T>): Promise<TrainingBackend> {
    if (this.requested !== 'auto') {
      this.chosen = this.requested;
      return Promise.resolve(this.requested);
    }
    this.choice ??= this.measure(api, params, guard).catch((error: unknown) => {
      this.choice = null;
      throw new CalibrationError(`backend calibration failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.choice;
  }

  /** Errors of another worker's calibration reach this run as CalibrationError (its own worker is fine). */
  private async measure(api: Remote<RunWorkerApi>, params: ParamValues, guard: <T>(p: Promise<T>) => Promise<T>): Promise<TrainingBackend> {
    const { batches, budgetMs, backends } = this.settings;
    this.measuring = true;
    this.onChange();
    let results: CalibrationResult[];
    try {
      results = await guard(api.calibrate({ family: this.model.family, ...modelSourceOf({ model: this.model }), params, fixed: this.model.hyperparameters, batches, budgetMs, ...(backends ? { backends } : {}) }));
      this.results = results;
    } finally {
      this.measuring = false;
      this.onChange();
    }
    const best = fastestBackend(results);
    if (!best) {
      const why = results.map((r) => `${r.backend}: ${r.error ?? 'no measurement'}`).join('; ');
      throw new Error(`no tfjs backend could train this model (${why})`);
    }
    this.chosen = best;
    return best;
  }
}
