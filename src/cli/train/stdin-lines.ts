/**
 * `tabtune train`'s stdin, read once as lines: with `--await-run` the first line is the run to
 * train (see {@link parseAwaitedRun}); every later line "stop" ends training at the next batch.
 */
import { createInterface } from 'node:readline';
import { InvalidConfigError } from '../../core/errors';

/** The options of a run given on stdin by `--await-run`, once the engine has chosen them. */
export interface AwaitedRun {
  readonly params: string;
  readonly out?: string;
  readonly run?: string;
  readonly resumeFrom?: string;
}

/** Stdin as lines: the first (or null at the end of stdin), then "stop", SIGTERM and the end. */
export class StdinLines {
  private readonly lines = createInterface({ input: process.stdin, terminal: false });
  private firstLine: ((line: string | null) => void) | null = null;
  /** Lines that arrived before anyone asked for them (the run line while the process started up). */
  private readonly early: string[] = [];
  private started = false;
  // Before a run starts there is nothing to stop: SIGTERM ends the process.
  private onStop: (why: string) => void = () => process.exit(0);
  private ended = false;
  private readonly onTerm = (): void => this.onStop('SIGTERM');

  constructor(private readonly stopOnEof: boolean) {
    this.lines.on('line', (line) => {
      if (this.firstLine) return this.takeFirst(line);
      if (!this.started) return void this.early.push(line);
      if (line.trim() === 'stop') this.onStop('"stop" on stdin');
    });
    this.lines.on('close', () => {
      this.ended = true;
      if (this.firstLine) return this.takeFirst(null);
      if (this.started && stopOnEof) this.onStop('end of stdin');
    });
    process.on('SIGTERM', this.onTerm);
  }

  private takeFirst(line: string | null): void {
    const resolve = this.firstLine;
    this.firstLine = null;
    resolve?.(line);
  }

  /** The next line, or null when stdin has ended (call before the run starts). */
  first(): Promise<string | null> {
    const early = this.early.shift();
    if (early !== undefined) return Promise.resolve(early);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.firstLine = resolve));
  }

  /** From now on "stop", SIGTERM (and the end of stdin with --stop-on-eof) call `stop`. */
  stopWith(stop: (why: string) => void): void {
    this.onStop = stop;
    this.started = true;
    for (const line of this.early.splice(0)) if (line.trim() === 'stop') stop('"stop" on stdin');
    if (this.ended && this.stopOnEof) stop('end of stdin');
  }

  /** Stops listening (a SIGTERM now no longer stops anything) and lets the process exit. */
  close(): void {
    process.off('SIGTERM', this.onTerm);
    this.lines.close();
    process.stdin.destroy();
  }
}

/** The run line of `--await-run`: a JSON object with "params" and optional "out", "run", "resumeFrom". */
export function parseAwaitedRun(line: string): AwaitedRun {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InvalidConfigError(`--await-run: the first stdin line is not valid JSON (${(error as Error).message}): ${line}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('params' in value)) {
    throw new InvalidConfigError(`--await-run: the first stdin line must be {"params": {...}, "out": DIR, "run": N, "resumeFrom": DIR} (got ${line})`);
  }
  const { params, out, run, resumeFrom } = value as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return { params: JSON.stringify(params), out: text(out), run: text(run), resumeFrom: text(resumeFrom) };
}
