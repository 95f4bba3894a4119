import { describe, expect, it } from 'vitest';
import { createPolicy, replay, type Decision, type Policy, type PolicyConfig, type RunCurve } from '../../../src/core/policies';
import { createRng } from '../../../src/core/rng';
import { flat } from './helpers';

const policy = (config: PolicyConfig) => createPolicy(config, 'acc');

/** A policy that records what it was shown and never stops. */
function spy(): { policy: Policy; calls: { run: string; n: number; cohort: string[] }[] } {
  const calls: { run: string; n: number; cohort: string[] }[] = [];
  return {
    calls,
    policy: {
      config: { type: 'none' },
      decide(run: RunCurve, cohort: readonly RunCurve[]): Decision {
        calls.push({ run: run.id, n: run.values.length, cohort: cohort.map((r) => `${r.id}:${r.values.length}${r.finished ? 'f' : ''}`) });
        return { action: 'continue' };
      },
    },
  };
}

describe('replay: timing', () => {
  it('concurrency 1: runs one after the other; each sees the earlier runs whole, never its own curve', () => {
    const s = spy();
    replay({ runs: [{ id: 'a', values: [1, 2, 3] }, { id: 'b', values: [1, 2] }], goal: 'maximize', policy: s.policy });
    expect(s.calls).toEqual([
      { run: 'a', n: 1, cohort: [] },
      { run: 'a', n: 2, cohort: [] },
      { run: 'b', n: 1, cohort: ['a:3f'] },
    ]);
  });

  it('concurrency 2: at equal times the earlier run logs first, and the cohort is what others logged by then', () => {
    const s = spy();
    const runs = [{ id: 'a', values: [1, 2, 3] }, { id: 'b', values: [1, 2, 3] }, { id: 'c', values: [1, 2] }];
    replay({ runs, goal: 'maximize', policy: s.policy, concurrency: 2 });
    expect(s.calls).toEqual([
      { run: 'a', n: 1, cohort: ['b:0'] },
      { run: 'b', n: 1, cohort: ['a:1'] },
      { run: 'a', n: 2, cohort: ['b:1'] },
      { run: 'b', n: 2, cohort: ['a:2'] },
      // t 3: a and b log their last interval and complete; c starts in the freed slot.
      { run: 'c', n: 1, cohort: ['a:3f', 'b:3f'] },
    ]);
  });

  it('the order decides who sees whom: a weak run listed second is judged against the strong run', () => {
    const bandit = policy({ type: 'bandit', slackAmount: 0.1 });
    const strong = { id: 'strong', values: [0.9, 0.9, 0.9] };
    const weak = { id: 'weak', values: [0.5, 0.5, 0.5] };
    const second = replay({ runs: [strong, weak], goal: 'maximize', policy: bandit, concurrency: 2 });
    expect(second.runs[1]).toEqual({ id: 'weak', stoppedAt: 1, intervalsRun: 1, reason: 'acc 0.5 < 0.8 = 0.9 - 0.1 at interval 1' });
    // Listed first, the weak run logs before the strong one at each time, so at its interval N the
    // strong run has only N - 1 intervals: not in the cohort. It completes.
    const first = replay({ runs: [weak, strong], goal: 'maximize', policy: bandit, concurrency: 2 });
    expect(first.runs.map((r) => r.stoppedAt)).toEqual([null, null]);
  });

  it('a stopped run frees its slot for the next run at once', () => {
    const median = policy({ type: 'medianStopping', delayEvaluation: 2 });
    const runs = [
      { id: 'good', values: flat(0.9, 6) },
      { id: 'bad', values: flat(0.1, 6) },
      { id: 'good2', values: flat(0.95, 6) },
    ];
    const result = replay({ runs, goal: 'maximize', policy: median, concurrency: 1 });
    expect(result.runs).toEqual([
      { id: 'good', stoppedAt: null, intervalsRun: 6, reason: null },
      { id: 'bad', stoppedAt: 2, intervalsRun: 2, reason: 'acc 0.1 < 0.9 = median of the means over intervals 1..2 of 1 other run at interval 2' },
      { id: 'good2', stoppedAt: null, intervalsRun: 6, reason: null },
    ]);
  });

  it('asks no decision at a run\'s last interval (nothing left to stop)', () => {
    const s = spy();
    replay({ runs: [{ id: 'a', values: [1] }, { id: 'b', values: [1] }], goal: 'maximize', policy: s.policy });
    expect(s.calls).toEqual([]);
  });

  it('runs without intervals take no slot', () => {
    const s = spy();
    const result = replay({ runs: [{ id: 'empty', values: [] }, { id: 'a', values: [1, 2] }], goal: 'maximize', policy: s.policy });
    expect(result.runs[0]).toEqual({ id: 'empty', stoppedAt: null, intervalsRun: 0, reason: null });
    expect(s.calls).toEqual([{ run: 'a', n: 1, cohort: ['empty:0f'] }]);
  });

  it('excludeFinishedRuns sees only runs still running: sequentially it never stops anything', () => {
    const runs = [{ id: 'a', values: flat(0.9, 5) }, { id: 'b', values: flat(0.8, 5) }, { id: 'c', values: flat(0.1, 5) }];
    const keep = replay({ runs, goal: 'maximize', policy: policy({ type: 'truncationSelection', truncationPercentage: 34 }) });
    const exclude = replay({ runs, goal: 'maximize', policy: policy({ type: 'truncationSelection', truncationPercentage: 34, excludeFinishedRuns: true }) });
    expect(keep.runs.map((r) => r.stoppedAt)).toEqual([null, null, 1]);
    expect(exclude.runs.map((r) => r.stoppedAt)).toEqual([null, null, null]);
  });
});

describe('replay: concurrency', () => {
  it('changes no decision when every interval takes one step, except through excludeFinishedRuns', () => {
    const rng = createRng(11);
    const runs = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, values: Array.from({ length: 3 + rng.int(10) }, () => rng.next()) }));
    const configs: PolicyConfig[] = [
      { type: 'medianStopping', delayEvaluation: 2 },
      { type: 'bandit', slackFactor: 0.3 },
      { type: 'truncationSelection', truncationPercentage: 30 },
    ];
    for (const config of configs) {
      const one = replay({ runs, goal: 'maximize', policy: policy(config), concurrency: 1 });
      expect(one.runs.some((r) => r.stoppedAt !== null)).toBe(true);
      for (const c of [2, 5, 30]) expect(replay({ runs, goal: 'maximize', policy: policy(config), concurrency: c })).toEqual(one);
    }
    const exclude = policy({ type: 'truncationSelection', truncationPercentage: 30, excludeFinishedRuns: true });
    const sequential = replay({ runs, goal: 'maximize', policy: exclude, concurrency: 1 });
    const parallel = replay({ runs, goal: 'maximize', policy: exclude, concurrency: 10 });
    expect(sequential.summary.intervalsSaved).toBe(0);
    expect(parallel.summary.intervalsSaved).toBeGreaterThan(0);
  });
});

describe('replay: summary', () => {
  const runs = [
    { id: 'a', values: [0.5, 0.4, 0.3] },
    { id: 'b', values: [0.9, 0.8, 0.1] },
    { id: 'c', values: [0.7, 0.7, 0.7] },
  ];

  it('minimize: what was saved, and the best value with and without the policy', () => {
    const result = replay({ runs, goal: 'minimize', policy: policy({ type: 'bandit', slackAmount: 0.2 }) });
    // c ties the threshold 0.5 + 0.2 at interval 1 and continues; at 2 it is above 0.4 + 0.2.
    expect(result.runs.map((r) => r.stoppedAt)).toEqual([null, 1, 2]);
    expect(result.summary).toEqual({ intervalsSaved: 3 / 9, bestWithPolicy: 0.3, bestWithout: 0.1 });
  });

  it('maximize, no policy: nothing saved, the same best', () => {
    const result = replay({ runs, goal: 'maximize', policy: policy({ type: 'none' }), concurrency: 3 });
    expect(result.summary).toEqual({ intervalsSaved: 0, bestWithPolicy: 0.9, bestWithout: 0.9 });
    expect(result.runs.every((r) => r.stoppedAt === null && r.reason === null)).toBe(true);
  });

  it('is deterministic and leaves its input alone', () => {
    const frozen = Object.freeze(runs.map((r) => Object.freeze({ ...r, values: Object.freeze([...r.values]) })));
    const input = { runs: frozen, goal: 'minimize' as const, policy: policy({ type: 'medianStopping' }), concurrency: 2 };
    expect(replay(input)).toEqual(replay(input));
  });
});
