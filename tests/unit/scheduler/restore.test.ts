/** Resuming an experiment: restored runs, runs continuing from a checkpoint, priors outside the space. */
import { describe, expect, it } from 'vitest';
import { restoreRuns, type RunRecord, type SchedulerCommand } from '../../../src/core/scheduler';
import { Driver, config, startWith, stubSampler, thresholdPolicy } from './harness';

const starts = (commands: readonly SchedulerCommand[]) => commands.filter((c) => c.type === 'startRun');

function run(index: number, status: RunRecord['status'], values: number[], extra: Partial<RunRecord> = {}): RunRecord {
  const best = values.reduce<{ value: number; interval: number } | undefined>(
    (b, value, i) => (!b || value > b.value ? { value, interval: i + 1 } : b),
    undefined,
  );
  return {
    id: `exp_${index}`,
    experimentId: 'exp',
    index,
    params: { lr: index },
    status,
    queuedAt: 0,
    metrics: { val_accuracy: values, loss: values.map((v) => 1 - v) },
    intervals: values.length,
    ...(best ? { best } : {}),
    ...extra,
  };
}

/** A driver whose state holds `runs` from an earlier session. */
function resumed(runs: RunRecord[], overrides = {}, sampler = stubSampler(), policy = thresholdPolicy(-Infinity)): Driver {
  const d = new Driver(config(overrides), sampler, policy);
  d.state = d.scheduler.init(d.state.config, runs);
  return d;
}

describe('restoreRuns', () => {
  it('keeps ended runs, queues in-flight or marked runs without worker, reason or ending', () => {
    const restored = restoreRuns([
      run(1, 'interrupted', [0.2, 0.3], { reason: 'tab closed', endedAt: 9, continueFrom: 1 }),
      run(0, 'completed', [0.5], { endedAt: 3 }),
      run(2, 'running', [0.4], { workerId: 'w9', ending: { status: 'stopped', reason: 'x' } }),
    ]);
    expect(restored.map((r) => [r.id, r.status, r.continueFrom])).toEqual([
      ['exp_0', 'completed', undefined],
      ['exp_1', 'queued', 1],
      ['exp_2', 'queued', 1],
    ]);
    expect(restored[1]).not.toHaveProperty('reason');
    expect(restored[1]).not.toHaveProperty('endedAt');
    expect(restored[2]).not.toHaveProperty('workerId');
    expect(restored[2]).not.toHaveProperty('ending');
  });
});

describe('continuing runs', () => {
  it('gives free workers to waiting runs first, with continueFrom, then samples new runs at the next index', () => {
    const sampler = stubSampler();
    const d = resumed([run(0, 'completed', [0.5]), run(1, 'queued', [0.1, 0.2], { continueFrom: 2 })], { maxTotalRuns: 3 }, sampler);
    const commands = starts(startWith(d, 2));
    expect(commands).toEqual([
      { type: 'startRun', runId: 'exp_1', index: 1, params: { lr: 1 }, workerId: 'w0', continueFrom: 2 },
      { type: 'startRun', runId: 'exp_2', index: 2, params: { lr: 2 }, workerId: 'w1' },
    ]);
    expect(sampler.calls[0].index).toBe(2);
    expect(sampler.calls[0].history.map((o) => o.params)).toEqual([{ lr: 0 }]);
    expect(sampler.calls[0].pending).toEqual([{ lr: 1 }]);
  });

  it('numbers the next logs from continueFrom + 1 and keeps the earlier values and best', () => {
    const d = resumed([run(0, 'queued', [0.6, 0.4], { continueFrom: 2 })], { maxTotalRuns: 1 });
    startWith(d, 1);
    d.send({ type: 'runStarted', runId: 'exp_0', at: 1 });
    d.logs('exp_0', [0.5, 0.7]);
    expect(d.run('exp_0')).toMatchObject({ intervals: 4, best: { value: 0.7, interval: 4 } });
    expect(d.run('exp_0').metrics.val_accuracy).toEqual([0.6, 0.4, 0.5, 0.7]);
    const end = d.actions({ type: 'runFinished', runId: 'exp_0', at: 2 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'completed', reason: 'maxTotalRuns (1) reached' }]);
    expect(d.run('exp_0').status).toBe('completed');
  });

  it('continues waiting runs even when maxTotalRuns is already reached, within maxConcurrentRuns', () => {
    const d = resumed([run(0, 'queued', [0.1]), run(1, 'queued', [0.2]), run(2, 'stopped', [0.3])], { maxTotalRuns: 3, maxConcurrentRuns: 1 });
    expect(starts(startWith(d, 2)).map((c) => c.runId)).toEqual(['exp_0']);
    d.logs('exp_0', [0.4]);
    expect(starts(d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 })).map((c) => c.runId)).toEqual(['exp_1']);
    expect(d.state.endedAt).toBeUndefined();
  });

  it('cancels a waiting run at once; a cancel of the experiment ends waiting runs without a stop command', () => {
    const d = resumed([run(0, 'queued', [0.1]), run(1, 'queued', [0.2]), run(2, 'queued', [0.3])], { maxTotalRuns: 3, maxConcurrentRuns: 1 });
    startWith(d, 1);
    expect(d.actions({ type: 'cancelRun', runId: 'exp_2', at: 5 })).toEqual([]);
    expect(d.run('exp_2')).toMatchObject({ status: 'canceled', reason: 'canceled by user', endedAt: 5 });
    const cancel = d.actions({ type: 'cancelExperiment', at: 6 });
    expect(cancel).toEqual([{ type: 'stopRun', runId: 'exp_0', workerId: 'w0', status: 'canceled', reason: 'canceled: canceled by user' }]);
    expect(d.run('exp_1')).toMatchObject({ status: 'canceled', endedAt: 6 });
    const end = d.actions({ type: 'runFinished', runId: 'exp_0', at: 7 });
    expect(end).toEqual([{ type: 'finishExperiment', status: 'canceled', reason: 'canceled by user' }]);
  });

  it('a fresh init without restored runs is unchanged', () => {
    const d = new Driver(config());
    expect(d.state.runs).toEqual([]);
  });
});

describe('warm-start priors outside the space', () => {
  it('the policy cohort counts every prior, the sampler only those in the space', () => {
    const sampler = stubSampler();
    const policy = thresholdPolicy(0);
    const priors = [
      { id: 'p_0', params: { lr: 0.3 }, status: 'completed' as const, values: [0.9] },
      { id: 'p_1', params: { lr: 9 }, status: 'completed' as const, values: [0.8], inSpace: false },
    ];
    const d = new Driver(config({ priors, maxTotalRuns: 2 }), sampler, policy);
    startWith(d, 1);
    d.logs('exp_0', [0.5]);
    expect(policy.calls[0].cohort.map((c) => c.id)).toEqual(['p_0', 'p_1']);
    d.actions({ type: 'runFinished', runId: 'exp_0', at: 1 });
    expect(sampler.calls[1].history.filter((o) => o.prior).map((o) => o.params)).toEqual([{ lr: 0.3 }]);
  });
});
