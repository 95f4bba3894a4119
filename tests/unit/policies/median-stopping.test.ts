import { describe, expect, it } from 'vitest';
import { createPolicy, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { finished, flat, prior, running, stopped } from './helpers';

interface Row {
  readonly name: string;
  readonly goal?: Goal;
  readonly run: readonly number[];
  readonly cohort: readonly RunCurve[];
  readonly expected: string;
}

const policy = createPolicy({ type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 0 }, 'val_accuracy');
const outcome = (row: Row) => {
  const d = policy.decide(running('run', row.run), row.cohort, row.goal ?? 'maximize');
  return d.action === 'stop' ? d.reason : 'continue';
};

// Means over intervals 1..4: a 0.5, b 0.7, c 0.9 -> median 0.7.
const three = [finished('a', flat(0.5, 4)), finished('b', [0.4, 0.6, 0.8, 1.0]), finished('c', flat(0.9, 4))];

describe('MedianStopping: y(run, N) against the median of the cohort means a(r, N)', () => {
  it.each<Row>([
    { name: 'strictly below the median stops', run: flat(0.69, 4), cohort: three, expected: 'val_accuracy 0.69 < 0.7 = median of the means over intervals 1..4 of 3 other runs at interval 4' },
    { name: 'equal to the median continues (strictly worse only)', run: flat(0.7, 4), cohort: three, expected: 'continue' },
    { name: 'above the median continues', run: flat(0.71, 4), cohort: three, expected: 'continue' },
    { name: 'the run is judged by its best, not its mean', run: [0.1, 0.1, 0.1, 0.75], cohort: three, expected: 'continue' },
    { name: 'others are judged by their mean, not their best (b peaks at 1.0 but averages 0.7)', run: flat(0.8, 4), cohort: [finished('b', [0.4, 0.6, 0.8, 1.0]), finished('b2', [0.4, 0.6, 0.8, 1.0])], expected: 'continue' },
    { name: 'even count: the mean of the two middle values', run: flat(0.49, 4), cohort: [finished('a', flat(0.4, 4)), finished('b', flat(0.6, 4))], expected: 'val_accuracy 0.49 < 0.5 = median of the means over intervals 1..4 of 2 other runs at interval 4' },
    { name: 'even count, at the mean of the middle two: continues', run: flat(0.5, 4), cohort: [finished('a', flat(0.4, 4)), finished('b', flat(0.6, 4))], expected: 'continue' },
    { name: 'a tie after float rounding continues ((0.1 + 0.2 + 0.3) / 3 = 0.20000000000000004)', run: flat(0.2, 3), cohort: [finished('a', [0.1, 0.2, 0.3])], expected: 'continue' },
    { name: 'one other run', run: flat(0.4, 4), cohort: [finished('a', flat(0.5, 4))], expected: 'val_accuracy 0.4 < 0.5 = median of the means over intervals 1..4 of 1 other run at interval 4' },
    { name: 'empty cohort continues', run: flat(0.0, 4), cohort: [], expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('MedianStopping: the minimize mirror and metrics <= 0', () => {
  it.each<Row>([
    { name: 'minimize: above the median stops', goal: 'minimize', run: flat(0.71, 4), cohort: three, expected: 'val_accuracy 0.71 > 0.7 = median of the means over intervals 1..4 of 3 other runs at interval 4' },
    { name: 'minimize: equal continues', goal: 'minimize', run: flat(0.7, 4), cohort: three, expected: 'continue' },
    { name: 'minimize: best (lowest) value counts', goal: 'minimize', run: [0.9, 0.9, 0.9, 0.6], cohort: three, expected: 'continue' },
    { name: 'maximize, negative metric', run: flat(-0.71, 4), cohort: [finished('a', flat(-0.7, 4))], expected: 'val_accuracy -0.71 < -0.7 = median of the means over intervals 1..4 of 1 other run at interval 4' },
    { name: 'minimize, negative metric', goal: 'minimize', run: flat(-0.69, 4), cohort: [finished('a', flat(-0.7, 4))], expected: 'val_accuracy -0.69 > -0.7 = median of the means over intervals 1..4 of 1 other run at interval 4' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('MedianStopping: the cohort', () => {
  it.each<Row>([
    {
      name: 'finished, stopped and warm-start runs all count',
      run: flat(0.55, 4),
      cohort: [finished('done', flat(0.6, 8)), stopped('stopped-at-4', flat(0.6, 4)), prior('parent-run', flat(0.2, 8)), running('live', flat(0.9, 5))],
      expected: 'val_accuracy 0.55 < 0.6 = median of the means over intervals 1..4 of 4 other runs at interval 4',
    },
    {
      name: 'a run stopped before N does not count',
      run: flat(0.55, 4),
      cohort: [stopped('stopped-at-3', flat(0.9, 3)), finished('done', flat(0.5, 8))],
      expected: 'continue',
    },
    {
      name: 'only values up to N: a cohort run that shines later is not held against the run',
      run: flat(0.55, 4),
      cohort: [finished('late-bloomer', [...flat(0.5, 4), ...flat(1.0, 10)])],
      expected: 'continue',
    },
    {
      name: 'the run itself in the cohort list is ignored',
      run: flat(0.55, 4),
      cohort: [running('run', flat(0.55, 4))],
      expected: 'continue',
    },
    {
      name: 'a prior may share the run id and still counts',
      run: flat(0.55, 4),
      cohort: [prior('run', flat(0.6, 10))],
      expected: 'val_accuracy 0.55 < 0.6 = median of the means over intervals 1..4 of 1 other run at interval 4',
    },
    {
      name: 'a cohort run with NaN up to N is left out (it failed)',
      run: flat(0.55, 4),
      cohort: [finished('nan', [0.9, Number.NaN, 0.9, 0.9])],
      expected: 'continue',
    },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });

  it('waits for delayEvaluation (1, 5): nothing before interval 5', () => {
    const p = createPolicy({ type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 5 }, 'acc');
    const cohort = [finished('a', flat(0.9, 10))];
    const stops = [1, 2, 3, 4, 5, 6].map((n) => p.decide(running('run', flat(0.1, n)), cohort, 'maximize').action);
    expect(stops).toEqual(['continue', 'continue', 'continue', 'continue', 'stop', 'stop']);
  });
});
