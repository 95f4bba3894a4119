/**
 * The driver's end of optuna_asktell.py: one Python process, studies one after another, each
 * asking for configurations that the driver evaluates with the objective it also gives tabtune.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ParamValues } from '../../../src/core/types';
import type { Objective } from './objectives';

/** What a study observed: each run's configuration and value, and each suggest's milliseconds. */
export interface Trace {
  readonly params: ParamValues[];
  readonly values: number[];
  readonly ms: number[];
}

export class OptunaAskTell {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: AsyncIterator<string>;

  constructor() {
    const script = fileURLToPath(new URL('./optuna_asktell.py', import.meta.url));
    this.child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  private async next(): Promise<{ params?: ParamValues; ms?: number; done?: boolean }> {
    const line = await this.lines.next();
    if (line.done) throw new Error('optuna_asktell.py ended early');
    return JSON.parse(line.value) as { params?: ParamValues; ms?: number; done?: boolean };
  }

  /** One study of `sampler` on `objective` (sequential runs). */
  async study(sampler: string, objective: Objective): Promise<Trace> {
    const trace: Trace = { params: [], values: [], ms: [] };
    this.child.stdin.write(`${JSON.stringify({ study: { sampler, seed: objective.seed, runs: objective.runs, space: objective.space.parameters } })}\n`);
    for (;;) {
      const message = await this.next();
      if (message.done) return trace;
      const value = await objective.observe(message.params!, trace.values.length);
      trace.params.push(message.params!);
      trace.values.push(value);
      trace.ms.push(message.ms!);
      this.child.stdin.write(`${JSON.stringify({ value })}\n`);
    }
  }

  close(): void {
    this.child.stdin.end(`${JSON.stringify({ exit: true })}\n`);
  }
}
