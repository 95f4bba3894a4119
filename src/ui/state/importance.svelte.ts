/**
 * Parameter importance of the shown experiment, computed in the analysis worker as runs end. One
 * computation at a time: a request made meanwhile waits, and only the newest waiting one runs.
 */
import * as Comlink from 'comlink';
import type { ImportanceInput, ImportanceResult } from '../../core/analysis';
import type { AnalysisWorkerApi } from '../../../workers/analysis.worker';

/** Computes importance somewhere (the worker in the page; inline in tests). */
export type ImportanceCompute = (input: ImportanceInput) => Promise<ImportanceResult>;

/** A lazily started analysis worker, shared by every request. */
export function workerCompute(): ImportanceCompute {
  let remote: Comlink.Remote<AnalysisWorkerApi> | null = null;
  return (input) => {
    remote ??= Comlink.wrap<AnalysisWorkerApi>(new Worker(new URL('../../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'tabtune-analysis' }));
    return remote.importance(input);
  };
}

/** A request: its key (equal keys give equal results) and its input. */
export interface ImportanceRequest {
  readonly key: string;
  readonly input: ImportanceInput;
}

export class ImportanceState {
  /** The result for `key`, or null before the first one. */
  result = $state.raw<ImportanceResult | null>(null);
  key = $state<string | null>(null);
  error = $state<string | null>(null);
  computing = $state(false);
  private waiting: ImportanceRequest | null = null;
  /** Key of the newest request taken (shown, computing or waiting). */
  private latest: string | null = null;

  constructor(private readonly compute: ImportanceCompute) {}

  /** Asks for importance of `request` unless it is the one shown or being computed. */
  request(request: ImportanceRequest | null): void {
    if (!request) {
      this.waiting = null;
      this.latest = null;
      this.result = null;
      this.key = null;
      return;
    }
    if (request.key === this.latest) return;
    this.latest = request.key;
    this.waiting = request;
    if (!this.computing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.computing = true;
    while (this.waiting) {
      const next = this.waiting;
      this.waiting = null;
      let result: ImportanceResult | null = null;
      let error: string | null = null;
      try {
        result = await this.compute(next.input);
      } catch (thrown) {
        // Shown in place of the chart: importance is advice, a failure must not break the dashboard.
        error = (thrown as Error).message;
      }
      if (this.latest === null) continue; // the experiment was closed meanwhile
      this.result = result;
      this.error = error;
      this.key = next.key;
    }
    this.computing = false;
  }
}
