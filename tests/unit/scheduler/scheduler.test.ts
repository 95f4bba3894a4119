import { describe, expect, it } from 'vitest';
import { createPolicy } from '../../../src/core/policies';
import { createRng } from '../../../src/core/rng';
import type { SchedulerCommand } from '../../../src/core/scheduler';
import { Driver, config, startWith, stubSampler, thresholdPolicy } from './harness';

const starts = (commands: readonly SchedulerCommand[]) => commands.filter((c) => c.type === 'startRun');

describe('starting runs', () => {
  it('starts one run per free worker, passing in-flight runs as pending and rng stream = run index', () => {
    const sampler = stubSampler();
    const d = new Driver(config({ seed: 42 }), sampler);
    const commands = startWith(d, 2);
    expect(starts(commands)).toEqual([
      { type: 'startRun', runId: 'exp_0', index: 0, params: { lr: 0 }, workerId: 'w0' },
      { type: 'startRun', runId: 'exp_1', index: 1, params: { lr: 1 }, workerId: 'w1' },
    ]);
    expect(sampler.calls[1].pending).toEqual([{ lr: 0 }]);
    expect(sampler.calls.map((c) => c.draw)).toEqual([createRng(42, 0).next(), createRng(42, 1).next()]);
    expect(d.run('exp_0').status).toBe('queued');
    d.send({ type: 'runStarted', runId: 'exp_0', backend: 'wasm', at: 5 });
    expect(d.run('exp_0')).toMatchObject({ status: 'running', backend: 'wasm', startedAt: 5 });
  });

  it('starts nothing before the start event', () => {
    const d = new Driver(config());
    expect(d.actions({ type: 'workerFree', workerId: 'w0', at: 0 })).toEqual([]);
    expect(starts(d.actions({ type: 'start', at: 1 }))).toHaveLength(1);
  });

  it('respects maxConcurrentRuns even with more workers', () => {
    const d = new Driver(config({ maxConcurrentRuns: 1 }));
    expect(starts(startWith(d, 3))).toHaveLength(1);
  });

  it('refills a freed worker at once and gives the sampler the ended run with its score', () => {
    const sampler = stubSampler();
    const d = new Driver(config({ maxTotalRuns: 3 }), sampler);
    startWith(d, 1);
    d.logs('exp_0', [0.5, 0.7, 0.6]);
    const next = d.actions({ type: 'runFinished', runId: 'exp_0', at: 10 });
    expect(next).toEqual([{ type: 'startRun', runId: 'exp_1', index: 1, params: { lr: 1 }, workerId: 'w0' }]);
    expect(sampler.calls[1].history).toEqual([{ params: { lr: 0 }, status: 'completed', value: 0.7 }]);
    expect(d.run('exp_0')).toMatchObject({ status: 'completed', intervals: 3, best: { value: 0.7, interval: 2 }, endedAt: 10 });
  });

  it('keeps the worker a run trained on and its tensor count once it ended (timeline, leaks)', () => {
    const d = new Driver(config({ maxTotalRuns: 2 }));
    startWith(d, 1);
    d.logs('exp_0', [0.5]);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 10, tensors: { before: 4, after: 5 } });
    expect(d.run('exp_0')).toMatchObject({ ranOn: 'w0', tensors: { before: 4, after: 5 } });
    expect(d.run('exp_0').workerId).toBeUndefined();
  });

  it('stops at maxTotalRuns and finishes completed once the last run ends', () => {
    const d = new Driver(config({ maxTotalRuns: 2 }));
    startWith(d, 1);
    d.logs('exp_0', [0.5]);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    d.logs('exp_1', [0.5]);
    const end = d.actions({ type: 'runFinished', runId: 'exp_1', at: 2 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'completed', reason: 'maxTotalRuns (2) reached' }]);
    expect(d.state.status).toBe('completed');
    expect(d.state.idleWorkers).toEqual(['w0']);
  });

  it('finishes when the sampler has nothing left (a grid smaller than maxTotalRuns)', () => {
    const d = new Driver(config({ maxTotalRuns: 10 }), stubSampler([{ lr: 1 }]));
    startWith(d, 2);
    d.logs('exp_0', [0.5]);
    const end = d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'completed', reason: 'grid sampling has no configuration left' }]);
  });

  it('fails the experiment when the sampler throws', () => {
    const sampler = stubSampler();
    sampler.suggest = () => {
      throw new Error('grid sampling supports only choice (got uniform for "lr")');
    };
    const d = new Driver(config(), sampler);
    expect(startWith(d, 1)).toEqual([
      { type: 'finishExperiment', status: 'failed', reason: 'sampling failed: grid sampling supports only choice (got uniform for "lr")' },
    ]);
  });
});

describe('policy and metric checks', () => {
  it('asks the policy on each primary log only and stops with its reason; later logs are ignored', () => {
    const policy = thresholdPolicy(0.5);
    const d = new Driver(config(), stubSampler(), policy);
    startWith(d, 2);
    d.logs('exp_0', [0.8, 0.9]);
    d.actions({ type: 'runLogged', runId: 'exp_1', name: 'loss', value: 2, at: 0 });
    expect(policy.calls).toHaveLength(2);
    const stop = d.logs('exp_1', [0.3]);
    expect(stop).toEqual([
      { type: 'stopRun', runId: 'exp_1', workerId: 'w1', status: 'stopped', reason: 'stopped by policy: 0.3 < 0.5' },
    ]);
    expect(policy.calls[2].run).toEqual({ id: 'exp_1', values: [0.3], finished: false });
    expect(policy.calls[2].cohort).toEqual([{ id: 'exp_0', values: [0.8, 0.9], finished: false }]);
    d.logs('exp_1', [0.1]);
    expect(d.run('exp_1').metrics.val_accuracy).toEqual([0.3]);
    d.actions({ type: 'runFinished', runId: 'exp_1', at: 3 });
    expect(d.run('exp_1')).toMatchObject({ status: 'stopped', reason: 'stopped by policy: 0.3 < 0.5', intervals: 1 });
    expect(d.run('exp_1').ending).toBeUndefined();
  });

  it('fails a run that never logged the primary metric, naming it', () => {
    const d = new Driver(config());
    startWith(d, 1);
    d.actions({ type: 'runLogged', runId: 'exp_0', name: 'loss', value: 1, at: 0 });
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    expect(d.run('exp_0')).toMatchObject({ status: 'failed', reason: 'never logged the primary metric "val_accuracy"' });
  });

  it('records a NaN, stops the run and fails it with a clear reason; the policy is not asked', () => {
    const policy = thresholdPolicy(0.5);
    const d = new Driver(config(), stubSampler(), policy);
    startWith(d, 1);
    d.logs('exp_0', [0.6]);
    const stop = d.actions({ type: 'runLogged', runId: 'exp_0', name: 'loss', value: Number.NaN, at: 1 });
    expect(stop).toEqual([
      {
        type: 'stopRun',
        runId: 'exp_0',
        workerId: 'w0',
        status: 'failed',
        reason: 'metric "loss" was NaN at log 1 (training diverged; try a lower learning rate)',
      },
    ]);
    expect(d.run('exp_0').metrics.loss).toEqual([Number.NaN]);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 2 });
    expect(d.run('exp_0').status).toBe('failed');
    expect(policy.calls).toHaveLength(1);
  });

  it('fails on an infinite primary value at its interval, and accepts it when the routine allows', () => {
    const d = new Driver(config());
    startWith(d, 2);
    d.logs('exp_0', [0.5]);
    const stop = d.logs('exp_0', [Number.POSITIVE_INFINITY]);
    expect(stop[0]).toMatchObject({ type: 'stopRun', status: 'failed', reason: expect.stringContaining('"val_accuracy" was Infinity at interval 2') });
    expect(d.actions({ type: 'runLogged', runId: 'exp_1', name: 'val_accuracy', value: Number.NaN, allowNonFinite: true, at: 0 })).toEqual([]);
    expect(d.run('exp_1').intervals).toBe(1);
  });

  it('leaves failed runs and NaN curves out of the cohort', () => {
    const policy = thresholdPolicy(0);
    const d = new Driver(config({ maxTotalRuns: 2 }), stubSampler(), policy);
    startWith(d, 2);
    d.logs('exp_0', [Number.NaN]);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    d.logs('exp_1', [0.4]);
    expect(policy.calls.at(-1)!.cohort).toEqual([]);
  });
});

describe('failures, cancel and limits', () => {
  it('replaces nothing itself: a lost worker is dropped, its run failed with the reason, a new worker is used', () => {
    const d = new Driver(config({ maxTotalRuns: 3 }));
    startWith(d, 1);
    const next = d.actions({ type: 'runFailed', runId: 'exp_0', reason: 'WebGPU device lost', workerLost: true, at: 1 });
    expect(next).toEqual([]);
    expect(d.run('exp_0')).toMatchObject({ status: 'failed', reason: 'WebGPU device lost' });
    expect(d.state.idleWorkers).toEqual([]);
    expect(starts(d.actions({ type: 'workerFree', workerId: 'w9', at: 2 }))[0]).toMatchObject({ runId: 'exp_1', workerId: 'w9' });
  });

  it('a thrown run on a healthy worker frees that worker for the next run', () => {
    const d = new Driver(config({ maxTotalRuns: 3 }));
    startWith(d, 1);
    expect(starts(d.actions({ type: 'runFailed', runId: 'exp_0', reason: 'boom', at: 1 }))[0]).toMatchObject({ runId: 'exp_1', workerId: 'w0' });
  });

  it('a worker lost while running fails its run', () => {
    const d = new Driver(config({ maxTotalRuns: 1 }));
    startWith(d, 1);
    const end = d.actions({ type: 'workerLost', workerId: 'w0', reason: 'worker crashed: out of memory', at: 1 });
    expect(d.run('exp_0')).toMatchObject({ status: 'failed', reason: 'worker crashed: out of memory' });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'failed', reason: 'every run failed (maxTotalRuns (1) reached)' }]);
  });

  it('maxFailedRuns ends the experiment as failed and cancels the runs in flight', () => {
    const d = new Driver(config({ maxTotalRuns: 10, maxFailedRuns: 2 }));
    startWith(d, 3);
    d.actions({ type: 'runFailed', runId: 'exp_0', reason: 'a', at: 1 });
    const out = d.actions({ type: 'runFailed', runId: 'exp_1', reason: 'b', at: 2 });
    expect(out).toEqual([
      { type: 'stopRun', runId: 'exp_2', workerId: 'w2', status: 'canceled', reason: 'canceled: maxFailedRuns (2) reached' },
      { type: 'stopRun', runId: 'exp_3', workerId: 'w0', status: 'canceled', reason: 'canceled: maxFailedRuns (2) reached' },
    ]);
    d.actions({ type: 'runFinished', runId: 'exp_2', at: 3 });
    const end = d.actions({ type: 'runFinished', runId: 'exp_3', at: 3 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'failed', reason: 'maxFailedRuns (2) reached' }]);
    expect(d.run('exp_2').status).toBe('canceled');
  });

  it('maxDurationMinutes: asks for a wake-up, cancels runs still going, starts nothing new, ends completed', () => {
    const d = new Driver(config({ maxTotalRuns: 10, maxDurationMinutes: 1 }));
    const first = d.actions({ type: 'start', at: 1000 });
    expect(first).toEqual([{ type: 'wakeAt', at: 61_000 }]);
    d.actions({ type: 'workerFree', workerId: 'w0', at: 1000 });
    d.logs('exp_0', [0.5], 2000);
    expect(d.actions({ type: 'tick', at: 60_999 })).toEqual([]);
    expect(d.actions({ type: 'tick', at: 61_000 })).toEqual([
      { type: 'stopRun', runId: 'exp_0', workerId: 'w0', status: 'canceled', reason: 'canceled: maxDurationMinutes (1) reached' },
    ]);
    const end = d.actions({ type: 'runFinished', runId: 'exp_0', at: 61_050 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'completed', reason: 'maxDurationMinutes (1) reached' }]);
    expect(d.state.runs).toHaveLength(1);
  });

  it('the time limit also cancels runs left after maxTotalRuns was reached (whichever comes first)', () => {
    const d = new Driver(config({ maxTotalRuns: 1, maxDurationMinutes: 1 }));
    startWith(d, 1);
    expect(d.state.stopStarting).toMatchObject({ hard: false });
    expect(d.actions({ type: 'tick', at: 60_000 })[0]).toMatchObject({ type: 'stopRun', status: 'canceled' });
  });

  it('cancels one run and the experiment goes on', () => {
    const d = new Driver(config({ maxTotalRuns: 3 }));
    startWith(d, 1);
    expect(d.actions({ type: 'cancelRun', runId: 'exp_0', at: 1 })).toEqual([
      { type: 'stopRun', runId: 'exp_0', workerId: 'w0', status: 'canceled', reason: 'canceled by user' },
    ]);
    expect(d.actions({ type: 'cancelRun', runId: 'exp_0', at: 1 })).toEqual([]);
    expect(starts(d.actions({ type: 'runFinished', runId: 'exp_0', at: 2 }))).toHaveLength(1);
    expect(d.run('exp_0').status).toBe('canceled');
  });

  it('cancels the whole experiment: every run in flight, then status canceled', () => {
    const d = new Driver(config());
    startWith(d, 2);
    expect(d.actions({ type: 'cancelExperiment', at: 1 }).map((c) => c.type)).toEqual(['stopRun', 'stopRun']);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 2 });
    const end = d.actions({ type: 'runFailed', runId: 'exp_1', reason: 'terminated', workerLost: true, at: 2 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'canceled', reason: 'canceled by user' }]);
    expect(d.state.runs.map((r) => r.status)).toEqual(['canceled', 'canceled']);
  });

  it('an abort by the host fails the experiment and cancels runs in flight', () => {
    const d = new Driver(config());
    startWith(d, 1);
    expect(d.actions({ type: 'abort', reason: 'no worker could load the dataset', at: 1 })).toEqual([
      { type: 'stopRun', runId: 'exp_0', workerId: 'w0', status: 'canceled', reason: 'canceled: no worker could load the dataset' },
    ]);
    expect(d.actions({ type: 'runFinished', runId: 'exp_0', at: 2 })).toEqual([
      { type: 'finishExperiment', status: 'failed', reason: 'no worker could load the dataset' },
    ]);
  });

  it('a cancel before any run ends the experiment at once', () => {
    const d = new Driver(config());
    d.actions({ type: 'start', at: 0 });
    expect(d.actions({ type: 'cancelExperiment', at: 1 })).toEqual([{ type: 'finishExperiment', status: 'canceled', reason: 'canceled by user' }]);
  });

  it('ignores stale and unknown events, and everything after the end', () => {
    const d = new Driver(config({ maxTotalRuns: 1 }));
    startWith(d, 1);
    expect(d.actions({ type: 'runLogged', runId: 'nope', name: 'val_accuracy', value: 1, at: 0 })).toEqual([]);
    expect(d.actions({ type: 'runFinished', runId: 'nope', at: 0 })).toEqual([]);
    d.logs('exp_0', [0.5]);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    const before = d.state;
    expect(d.send({ type: 'runFailed', runId: 'exp_0', reason: 'late', at: 2 }, { type: 'workerFree', workerId: 'w5', at: 3 })).toEqual([]);
    expect(d.state).toBe(before);
  });
});

describe('persistence and determinism', () => {
  it('persists every changed run once per step, before finishing', () => {
    const d = new Driver(config({ maxTotalRuns: 1 }));
    startWith(d, 1);
    d.logs('exp_0', [0.5]);
    const out = d.send({ type: 'runFinished', runId: 'exp_0', at: 1 });
    expect(out.map((c) => c.type)).toEqual(['persist', 'finishExperiment']);
    const persist = out[0] as Extract<SchedulerCommand, { type: 'persist' }>;
    expect(persist.runs.map((r) => [r.id, r.status])).toEqual([['exp_0', 'completed']]);
    expect(persist.experiment).toMatchObject({ status: 'completed', runCount: 1, failedCount: 0, endedAt: 1 });
  });

  it('the same script gives the same commands and state', () => {
    const script = (d: Driver) => {
      startWith(d, 2);
      d.logs('exp_0', [0.9, 0.2]);
      d.logs('exp_1', [0.1]);
      d.send({ type: 'runFinished', runId: 'exp_1', at: 4 }, { type: 'runFinished', runId: 'exp_0', at: 5 });
      return [d.log, d.state];
    };
    expect(script(new Driver(config(), stubSampler(), thresholdPolicy(0.5)))).toEqual(
      script(new Driver(config(), stubSampler(), thresholdPolicy(0.5))),
    );
  });

  it('state and commands survive a JSON round trip (they cross postMessage and IndexedDB)', () => {
    const d = new Driver(config());
    startWith(d, 2);
    d.logs('exp_0', [0.5]);
    expect(JSON.parse(JSON.stringify(d.state))).toEqual(d.state);
    expect(JSON.parse(JSON.stringify(d.log))).toEqual(d.log);
  });

  it('passes warm-start priors to the sampler history and the policy cohort', () => {
    const sampler = stubSampler();
    const policy = thresholdPolicy(0.5);
    const priors = [{ id: 'old_0', params: { lr: 9 }, status: 'completed' as const, values: [0.4, 0.8] }];
    const d = new Driver(config({ priors }), sampler, policy);
    startWith(d, 1);
    expect(sampler.calls[0].history).toEqual([{ params: { lr: 9 }, status: 'completed', value: 0.8, prior: true }]);
    d.logs('exp_0', [0.3]);
    expect(policy.calls[0].cohort).toEqual([{ id: 'old_0', values: [0.4, 0.8], finished: true, prior: true }]);
    expect(d.run('exp_0').status).toBe('running');
    expect(d.run('exp_0').ending?.status).toBe('stopped');
  });

  it.each([
    ['asha', { type: 'asha' as const }],
    ['hyperband (exp_0 is in bracket 1 of 2; a parent counts in every bracket)', { type: 'hyperband' as const, maxResource: 8 }],
  ])('%s: a warm-start parent\'s run counts at the rung, in the live path', (_, policyConfig) => {
    const priors = [{ id: 'old_0', params: { lr: 9 }, status: 'completed' as const, values: [0.6, 0.7, 0.8] }];
    const d = new Driver(config({ priors }), stubSampler(), createPolicy(policyConfig, 'val_accuracy'));
    startWith(d, 1);
    d.logs('exp_0', [0.5, 0.55, 0.6]);
    // ASHA at rung 1 against the parent's 0.6; Hyperband at bracket 1's rung 3 against its 0.8.
    expect(d.run('exp_0').ending?.status).toBe('stopped');
    expect(d.run('exp_0').ending?.reason).toMatch(/the 1st best of 2 runs at .*rung/);
  });
});
