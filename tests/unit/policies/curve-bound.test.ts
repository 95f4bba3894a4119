import { describe, expect, it } from 'vitest';
import { createPolicy, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { finished, flat, prior, running } from './helpers';

interface Row {
  readonly name: string;
  readonly goal?: Goal;
  readonly slopeFactor?: number;
  readonly run: readonly number[];
  readonly cohort: readonly RunCurve[];
  readonly expected: string;
}

const outcome = (row: Row) => {
  const policy = createPolicy({ type: 'curveBound', slopeFactor: row.slopeFactor ?? 1.25 }, 'val_error');
  const d = policy.decide(running('run', row.run), row.cohort, row.goal ?? 'minimize');
  return d.action === 'stop' ? d.reason : 'continue';
};

// One complete run (T = 4): 0.4 at interval 2, 0.3 at the end, a relative gain of 0.1 / 0.4 = 25%.
const complete = finished('c', [0.5, 0.4, 0.35, 0.3]);

describe('curveBound: stop only when both optimistic extrapolations fall short of the best so far', () => {
  it.each<Row>([
    {
      name: 'both bounds worse: 0.68 - 25% = 0.51 and 0.68 - 1.25 x 0.02 x 2 = 0.63, best 0.3',
      run: [0.7, 0.68],
      cohort: [complete],
      expected: 'val_error 0.68 cannot reach the best so far, 0.3: at best 0.51 > 0.3 with the largest relative gain of a complete run after interval 2 (25%), and 0.63 > 0.3 with 1.25 x its last step for 2 more intervals, at interval 2',
    },
    { name: 'a steep last step saves it: 0.6 - 1.25 x 0.3 x 2 = -0.15', run: [0.9, 0.6], cohort: [complete], expected: 'continue' },
    { name: 'slopeFactor 0: the peers\' bound alone decides', slopeFactor: 0, run: [0.9, 0.6], cohort: [complete], expected: 'val_error 0.6 cannot reach the best so far, 0.3: at best 0.45 > 0.3 with the largest relative gain of a complete run after interval 2 (25%), and 0.6 > 0.3 with 0 x its last step for 2 more intervals, at interval 2' },
    { name: 'a complete run that gained 87.5% after interval 2 saves it: 0.68 x 0.125 = 0.085 < 0.1', run: [0.7, 0.68], cohort: [complete, finished('c2', [0.9, 0.8, 0.2, 0.1])], expected: 'continue' },
    { name: 'the best run at N always continues', run: [0.45, 0.39], cohort: [complete], expected: 'continue' },
    { name: 'nothing longer than the run: no end to extrapolate to', run: [0.7, 0.68], cohort: [finished('short', [0.2, 0.1])], expected: 'continue' },
    { name: 'a running run ahead of this one sets no horizon: only ended runs do', run: [0.7, 0.68], cohort: [running('ahead', [0.5, 0.4, 0.35, 0.3])], expected: 'continue' },
    { name: 'interval 1 is before the default delay of 2', run: [0.9], cohort: [complete], expected: 'continue' },
    { name: 'warm start: a parent\'s run is a complete run like any other', run: [0.7, 0.68], cohort: [prior('p', [0.5, 0.4, 0.35, 0.3])], expected: 'val_error 0.68 cannot reach the best so far, 0.3: at best 0.51 > 0.3 with the largest relative gain of a complete run after interval 2 (25%), and 0.63 > 0.3 with 1.25 x its last step for 2 more intervals, at interval 2' },
    {
      name: 'maximize: 0.32 + 16.7% of 0.32 = 0.373 and 0.32 + 1.25 x 0.02 x 2 = 0.37, best 0.7',
      goal: 'maximize',
      run: [0.3, 0.32],
      cohort: [finished('c', [0.5, 0.6, 0.65, 0.7])],
      expected: 'val_error 0.32 cannot reach the best so far, 0.7: at best 0.373 < 0.7 with the largest relative gain of a complete run after interval 2 (16.7%), and 0.37 < 0.7 with 1.25 x its last step for 2 more intervals, at interval 2',
    },
    { name: 'empty cohort continues', run: [0.9, 0.9], cohort: [], expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });

  it('reads the others beyond interval N: the best so far is the best anyone logged by now', () => {
    // b comes from the complete run's interval 4, after the run's interval 2.
    const row = { name: '', run: [0.7, 0.68], cohort: [complete], expected: '' };
    expect(outcome(row)).toContain('the best so far, 0.3');
  });
});
