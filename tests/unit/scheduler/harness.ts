/** Stub sampler, stub policy and an event driver for the scheduler's scripted tests. */
import type { Decision, Policy, RunCurve } from '../../../src/core/policies/types';
import type { Rng } from '../../../src/core/rng';
import type { Observation, Sampler, SuggestRequest } from '../../../src/core/sampling/types';
import type { Space } from '../../../src/core/space/types';
import {
  createScheduler,
  type Scheduler,
  type SchedulerCommand,
  type SchedulerConfig,
  type SchedulerEvent,
  type SchedulerState,
} from '../../../src/core/scheduler';
import type { Goal, ParamValues } from '../../../src/core/types';

export const space: Space = { parameters: [{ name: 'lr', expression: { type: 'uniform', low: 0, high: 1 } }] };

/** What the stub sampler was asked, per call. */
export interface SuggestCall {
  readonly index: number;
  readonly history: readonly Observation[];
  readonly pending: readonly ParamValues[];
  readonly draw: number;
}

/** Suggests `{ lr: index }` (or from `list`, then null when it runs out); records every request. */
export function stubSampler(list?: readonly ParamValues[]): Sampler & { calls: SuggestCall[] } {
  const calls: SuggestCall[] = [];
  return {
    type: list ? 'grid' : 'random',
    calls,
    suggest(request: SuggestRequest, rng: Rng): ParamValues | null {
      calls.push({ index: request.index, history: request.history, pending: request.pending, draw: rng.next() });
      if (list) return list[request.index] ?? null;
      return { lr: request.index };
    },
  };
}

/** What the stub policy was asked, per call. */
export interface DecideCall {
  readonly run: RunCurve;
  readonly cohort: readonly RunCurve[];
}

/** Stops a run whose latest primary value is below `threshold` (maximize), once the cohort is non-empty. */
export function thresholdPolicy(threshold: number): Policy & { calls: DecideCall[] } {
  const calls: DecideCall[] = [];
  return {
    config: { type: 'none' },
    calls,
    decide(run: RunCurve, cohort: readonly RunCurve[], _goal: Goal): Decision {
      calls.push({ run, cohort });
      const last = run.values[run.values.length - 1];
      if (cohort.length === 0 || last >= threshold) return { action: 'continue' };
      return { action: 'stop', reason: `${last} < ${threshold}` };
    },
  };
}

export const noPolicy: Policy = { config: { type: 'none' }, decide: () => ({ action: 'continue' }) };

export function config(overrides: Partial<SchedulerConfig> = {}): SchedulerConfig {
  return { experimentId: 'exp', primaryMetricName: 'val_accuracy', goal: 'maximize', seed: 7, maxTotalRuns: 4, ...overrides };
}

/** A scheduler plus its running state; `send` applies events and returns their commands. */
export class Driver {
  readonly scheduler: Scheduler;
  state: SchedulerState;
  readonly log: SchedulerCommand[] = [];

  constructor(cfg: SchedulerConfig, sampler: Sampler = stubSampler(), policy: Policy = noPolicy) {
    this.scheduler = createScheduler({ space, sampler, policy });
    this.state = this.scheduler.init(cfg);
  }

  send(...events: SchedulerEvent[]): SchedulerCommand[] {
    const out: SchedulerCommand[] = [];
    for (const event of events) {
      const [next, commands] = this.scheduler.step(this.state, event);
      this.state = next;
      out.push(...commands);
    }
    this.log.push(...out);
    return out;
  }

  /** Commands other than `persist` (most assertions ignore persistence). */
  actions(...events: SchedulerEvent[]): SchedulerCommand[] {
    return this.send(...events).filter((c) => c.type !== 'persist');
  }

  run(id: string) {
    const found = this.state.runs.find((r) => r.id === id);
    if (!found) throw new Error(`no run ${id}`);
    return found;
  }

  /** Reports epochs of `values` for the primary metric of a started run. */
  logs(id: string, values: readonly number[], at = 0): SchedulerCommand[] {
    return this.actions(...values.map((value): SchedulerEvent => ({ type: 'runLogged', runId: id, name: 'val_accuracy', value, at })));
  }
}

/** `start` and `n` free workers w0..w(n-1) at time 0. */
export function startWith(driver: Driver, n: number): SchedulerCommand[] {
  const events: SchedulerEvent[] = [{ type: 'start', at: 0 }];
  for (let i = 0; i < n; i++) events.push({ type: 'workerFree', workerId: `w${i}`, at: 0 });
  return driver.actions(...events);
}
