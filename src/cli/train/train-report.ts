/**
 * What `tabtune train` prints and remembers about its one run: a JSON line per interval (the
 * last planned one marked), every metric's series, the best checkpoint, and the final line.
 */
import type { ModelCheckpoint, TrainResult } from '../../protocol';
import type { IntervalLog } from './train-one';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The final line's outcome fields. */
export type TrainOutcome =
  | { readonly ok: true; readonly result: TrainResult; readonly backend: string; readonly stopReason: string | null }
  | { readonly ok: false; readonly error: unknown };

/** The printed record of one `tabtune train` run. */
export class TrainReport {
  /** Every metric per interval of this process (intervals before a resume are not known here). */
  readonly series: Record<string, (number | null)[]> = {};
  private best: ModelCheckpoint | null = null;

  /**
   * `planned`: the interval the parameters' epochs end at (null when unknown); `before`: intervals
   * trained before this process (a resume's checkpoint interval).
   */
  constructor(
    private readonly write: (line: string) => void,
    private readonly primary: string,
    private readonly planned: number | null,
    private readonly before: number,
  ) {}

  /** Prints the interval's line and adds its metrics to the series. */
  interval(log: IntervalLog): void {
    for (const [name, value] of Object.entries(log.metrics)) (this.series[name] ??= []).push(finite(value));
    const metrics = Object.fromEntries(Object.entries(log.metrics).map(([k, v]) => [k, finite(v)]));
    const last = log.interval === this.planned ? { last: true } : {};
    this.write(JSON.stringify({ interval: log.interval, metrics, ...last }));
  }

  /** Keeps the checkpoint when it is the run's best so far. */
  checkpoint(checkpoint: ModelCheckpoint): void {
    if (!checkpoint.kinds || checkpoint.kinds.includes('best')) this.best = checkpoint;
  }

  /** Prints and returns the final line for `outcome`, with `extra` fields (timings) at its end. */
  finish(outcome: TrainOutcome, extra: Readonly<Record<string, number>> = {}): { status: string; reason: string | null; backend: string | null } {
    const intervals = this.before + (this.series[this.primary]?.length ?? 0);
    const b = this.best;
    const best = b && Number.isFinite(b.value) ? { value: b.value, interval: b.interval } : null;
    let line: { status: string; reason: string | null; backend: string | null } & Record<string, unknown>;
    if (outcome.ok) {
      const { result, backend, stopReason } = outcome;
      const status = stopReason && result.stoppedEarly ? 'stopped' : 'completed';
      line = { status, reason: status === 'stopped' ? stopReason : null, backend, fitSeconds: result.fitSeconds, samplesPerSecond: result.samplesPerSecond };
    } else {
      line = { status: 'failed', reason: outcome.error instanceof Error ? outcome.error.message : String(outcome.error), backend: null };
    }
    this.write(JSON.stringify({ done: true, ...line, intervals, best, ...extra }));
    return line;
  }
}
