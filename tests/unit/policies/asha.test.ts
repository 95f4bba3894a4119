import { describe, expect, it } from 'vitest';
import { createPolicy, replay, type AshaPolicyConfig, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { finished, flat, prior, running, stopped } from './helpers';

interface Row {
  readonly name: string;
  readonly goal?: Goal;
  readonly config?: Partial<AshaPolicyConfig>;
  readonly run: readonly number[];
  readonly cohort: readonly RunCurve[];
  readonly expected: string;
}

const outcome = (row: Row) => {
  const policy = createPolicy({ type: 'asha', minResource: 1, reductionFactor: 3, ...row.config }, 'val_loss');
  const d = policy.decide(running('run', row.run), row.cohort, row.goal ?? 'minimize');
  return d.action === 'stop' ? d.reason : 'continue';
};

// At rung 3: five other runs with y(., 3) = 0.1, 0.2, 0.3, 0.6, 0.7; with the run n = 6, k = 2.
const five = [0.1, 0.2, 0.3, 0.6, 0.7].map((v, i) => finished(`o${i}`, flat(v, 9)));

describe('ASHA: rungs at minResource * reductionFactor^k, the best max(1, floor(n / eta)) go on', () => {
  it.each<Row>([
    { name: 'n 3, k 1: only the best goes on', run: flat(0.5, 3), cohort: [finished('a', flat(0.4, 3)), finished('b', flat(0.6, 3))], expected: 'val_loss 0.5 > 0.4 = the 1st best of 3 runs at rung 3 (the best max(1, floor(3 / 3)) = 1 go on) at interval 3' },
    { name: 'n 3: the best continues', run: flat(0.35, 3), cohort: [finished('a', flat(0.4, 3)), finished('b', flat(0.6, 3))], expected: 'continue' },
    { name: 'n 2 < eta: Optuna\'s rule, only the best goes on', run: flat(0.5, 1), cohort: [finished('a', flat(0.4, 1))], expected: 'val_loss 0.5 > 0.4 = the 1st best of 2 runs at rung 1 (the best max(1, floor(2 / 3)) = 1 go on) at interval 1' },
    { name: 'n 6, k 2: third best stops', run: flat(0.25, 3), cohort: five, expected: 'val_loss 0.25 > 0.2 = the 2nd best of 6 runs at rung 3 (the best max(1, floor(6 / 3)) = 2 go on) at interval 3' },
    { name: 'n 6, k 2: tied with the second best continues', run: flat(0.2, 3), cohort: five, expected: 'continue' },
    { name: 'not a rung (interval 2): continues', run: flat(0.9, 2), cohort: five, expected: 'continue' },
    { name: 'rung 9: runs shorter than 9 (stopped earlier) do not count', run: flat(0.5, 9), cohort: [stopped('s', flat(0.1, 3)), finished('a', flat(0.6, 9))], expected: 'continue' },
    { name: 'the run is judged by its best so far', run: [0.3, 0.9, 0.8], cohort: [finished('a', flat(0.4, 3)), finished('b', flat(0.6, 3))], expected: 'continue' },
    { name: 'others only as they were at the rung, not later', run: flat(0.45, 3), cohort: [finished('a', [0.5, 0.5, 0.5, 0.1]), finished('b', flat(0.6, 3))], expected: 'continue' },
    { name: 'gracePeriod 2 skips rung 1', config: { gracePeriod: 2 }, run: flat(0.9, 1), cohort: five, expected: 'continue' },
    { name: 'gracePeriod 2 still acts at rung 3', config: { gracePeriod: 2 }, run: flat(0.9, 3), cohort: [finished('a', flat(0.4, 3))], expected: 'val_loss 0.9 > 0.4 = the 1st best of 2 runs at rung 3 (the best max(1, floor(2 / 3)) = 1 go on) at interval 3' },
    { name: 'minResource 2, reductionFactor 2: rungs 2, 4, 8; 3 is not one', config: { minResource: 2, reductionFactor: 2 }, run: flat(0.9, 3), cohort: five, expected: 'continue' },
    { name: 'minResource 2, reductionFactor 2: at rung 4, n 6, k 3', config: { minResource: 2, reductionFactor: 2 }, run: flat(0.35, 4), cohort: five, expected: 'val_loss 0.35 > 0.3 = the 3rd best of 6 runs at rung 4 (the best max(1, floor(6 / 2)) = 3 go on) at interval 4' },
    { name: 'warm start: runs of parents count in the rung', run: flat(0.5, 3), cohort: [prior('p1', flat(0.4, 9))], expected: 'val_loss 0.5 > 0.4 = the 1st best of 2 runs at rung 3 (the best max(1, floor(2 / 3)) = 1 go on) at interval 3' },
    { name: 'maximize: the mirror', goal: 'maximize', run: flat(0.5, 3), cohort: [finished('a', flat(0.6, 3)), finished('b', flat(0.4, 3))], expected: 'val_loss 0.5 < 0.6 = the 1st best of 3 runs at rung 3 (the best max(1, floor(3 / 3)) = 1 go on) at interval 3' },
    { name: 'empty cohort continues', run: flat(0.9, 3), cohort: [], expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('ASHA: runs in flight and resume', () => {
  const curves = [flat(0.3, 9), flat(0.5, 9), flat(0.2, 9), flat(0.4, 9)].map((values, i) => ({ id: String(i + 1), values }));
  const policy = createPolicy({ type: 'asha' }, 'val_loss');

  it('does not wait for a rung to fill: each run is judged against the runs already there', () => {
    // One at a time: run 2 (0.5) meets run 1 (0.3) at rung 1 and stops; run 3 is the best; run 4
    // (0.4) meets 0.3, 0.5, 0.2 at rung 1, n 4, k 1, and stops.
    const result = replay({ runs: curves, goal: 'minimize', policy });
    expect(result.runs.map((r) => r.stoppedAt)).toEqual([null, 1, null, 1]);
  });

  it('with 4 in flight, the runs that log a rung first are judged against fewer runs', () => {
    // All four log interval 1 at the same step, in order: run 2 meets run 1; run 4 meets 1, 2, 3.
    const result = replay({ runs: curves, goal: 'minimize', policy, concurrency: 4 });
    expect(result.runs.map((r) => r.stoppedAt)).toEqual([null, 1, null, 1]);
  });

  it('decides from the stored curves alone: a resumed experiment gets the same answers', () => {
    const cohort = [finished('1', flat(0.3, 9)), stopped('2', flat(0.5, 1))];
    const a = policy.decide(running('3', flat(0.4, 3)), cohort, 'minimize');
    const b = policy.decide(running('3', flat(0.4, 3)), JSON.parse(JSON.stringify(cohort)), 'minimize');
    expect(b).toEqual(a);
    expect(a.action).toBe('stop');
  });
});
