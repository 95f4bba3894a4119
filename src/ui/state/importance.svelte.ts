/**
 * Analyses of the shown experiment (parameter importance, the contour), computed in the analysis
 * worker as runs end. One computation at a time per analysis: a request made meanwhile waits, and
 * only the newest waiting one runs, after a rest proportional to the last computation's time
 * (ANALYSIS_REST).
 */
import * as Comlink from 'comlink';
import type { ContourInput, ContourResult, ImportanceInput, ImportanceResult } from '../../core/analysis';
import type { AnalysisWorkerApi } from '../../../workers/analysis.worker';

/** Computes an analysis somewhere (the worker in the page; inline in tests). */
export type Compute<I, R> = (input: I) => Promise<R>;
export type ImportanceCompute = Compute<ImportanceInput, ImportanceResult>;
export type ContourCompute = Compute<ContourInput, ContourResult>;

let remote: Comlink.Remote<AnalysisWorkerApi> | null = null;

/** The analysis worker, started when first needed and shared by every analysis of the page. */
function analysisWorker(): Comlink.Remote<AnalysisWorkerApi> {
  remote ??= Comlink.wrap<AnalysisWorkerApi>(new Worker(new URL('../../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'tabtune-analysis' }));
  return remote;
}

/** Importance in the analysis worker. */
export function workerCompute(): ImportanceCompute {
  return (input) => analysisWorker().importance(input);
}

/** The contour in the analysis worker. */
export function workerContour(): ContourCompute {
  return (input) => analysisWorker().contour(input);
}

/** A request: its key (equal keys give equal results) and its input. */
export interface AnalysisRequest<I> {
  readonly key: string;
  readonly input: I;
  /**
   * What the request analyses apart from the runs (experiment, metric, the contour's axes):
   * requests of one series update each other as runs end, and only those rest (ANALYSIS_REST).
   * Another experiment, metric or pair of axes is computed at once.
   */
  readonly series?: string;
}
export type ImportanceRequest = AnalysisRequest<ImportanceInput>;

/**
 * After a computation that took d ms, the next one of the same series (AnalysisRequest.series)
 * starts no sooner than ANALYSIS_REST x d ms after it ended, so one analysis keeps the worker busy
 * at most 1 / (1 + ANALYSIS_REST) of the time, and the two that share it (importance and contour)
 * together at most a tenth. With a rest of 4 each (two fifths together), bench:ui's live round had
 * the analyses take 19-20 s of a 45 s experiment on 2 cores, beside the sampler workers and the
 * page; with a rest of 9 (a fifth) 8-9 s of a 40 s one, in bursts of 100-400 ms of a core that
 * left the page's main thread waiting for the other; with 19, 4-5 s, and half as many redraws of
 * the importance and contour charts.
 * Without the rest, an experiment ending runs several times a second recomputed back to back: at
 * 1000 runs each computation takes 100-400 ms, and `npm run bench:ui`'s live round kept the analysis
 * worker busy the whole experiment (309 computations, 48 s of them in 37 s), a core taken from the
 * training workers, and redrew the importance and contour charts 160-190 times. A result is then
 * at most a few seconds old, which is what a summary of hundreds of runs needs.
 */
export const ANALYSIS_REST = 19;

/** How the analysis measures time and rests (a test's clock in unit tests). */
export interface AnalysisClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: AnalysisClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The latest result of one analysis, computed one request at a time. */
export class LatestAnalysis<I, R> {
  /** The result for `key`, or null before the first one. */
  result = $state.raw<R | null>(null);
  key = $state<string | null>(null);
  error = $state<string | null>(null);
  computing = $state(false);
  private waiting: AnalysisRequest<I> | null = null;
  /** Key of the newest request taken (shown, computing or waiting). */
  private latest: string | null = null;
  /** When the next computation of `restSeries` may start (ANALYSIS_REST). */
  private restUntil = 0;
  private restSeries: string | null = null;
  /** Ends the current rest early (a request of another series came, or the experiment was closed). */
  private wake: (() => void) | null = null;
  /** Computations finished and their total time (ms, waiting for the worker included): what `npm run bench:ui` reports. */
  readonly spent = { computations: 0, ms: 0 };

  constructor(
    private readonly compute: Compute<I, R>,
    private readonly clock: AnalysisClock = realClock,
  ) {}

  /** Asks for the analysis of `request` unless it is the one shown or being computed. */
  request(request: AnalysisRequest<I> | null): void {
    if (!request) {
      this.waiting = null;
      this.latest = null;
      this.result = null;
      this.key = null;
      this.wake?.();
      return;
    }
    if (request.key === this.latest) return;
    this.latest = request.key;
    this.waiting = request;
    if (!this.computing) void this.drain();
    else if (this.restFor(request) <= 0) this.wake?.();
  }

  /** How long `request` must still wait: only a request of the series computed last rests. */
  private restFor(request: AnalysisRequest<I>): number {
    return request.series !== undefined && request.series === this.restSeries ? this.restUntil - this.clock.now() : 0;
  }

  private async drain(): Promise<void> {
    this.computing = true;
    while (this.waiting) {
      const rest = this.restFor(this.waiting);
      if (rest > 0) {
        // Newer requests that come during the rest replace the waiting one; then look again.
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          void this.clock.sleep(rest).then(resolve);
        });
        this.wake = null;
        continue;
      }
      const next = this.waiting;
      this.waiting = null;
      let result: R | null = null;
      let error: string | null = null;
      const started = this.clock.now();
      try {
        result = await this.compute(next.input);
      } catch (thrown) {
        // Shown in place of the chart: an analysis is advice, a failure must not break the dashboard.
        error = (thrown as Error).message;
      }
      const ended = this.clock.now();
      this.spent.computations++;
      this.spent.ms += ended - started;
      this.restUntil = ended + ANALYSIS_REST * (ended - started);
      this.restSeries = next.series ?? null;
      if (this.latest === null) continue; // the experiment was closed meanwhile
      this.result = result;
      this.error = error;
      this.key = next.key;
    }
    this.computing = false;
  }
}

/** Parameter importance of the shown experiment. */
export class ImportanceState extends LatestAnalysis<ImportanceInput, ImportanceResult> {}
