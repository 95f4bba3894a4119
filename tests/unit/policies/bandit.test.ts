import { describe, expect, it } from 'vitest';
import { createPolicy, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { finished, flat, rising, running } from './helpers';

interface Row {
  readonly name: string;
  readonly goal: Goal;
  readonly slack: { slackFactor: number } | { slackAmount: number };
  readonly run: readonly number[];
  readonly cohort: readonly RunCurve[];
  /** 'continue', or the exact stop reason. */
  readonly expected: string;
}

const decide = (row: Row, metric = 'val_accuracy') =>
  createPolicy({ type: 'bandit', ...row.slack }, metric).decide(running('run', row.run), row.cohort, row.goal);

const outcome = (row: Row, metric?: string) => {
  const d = decide(row, metric);
  return d.action === 'stop' ? d.reason : 'continue';
};

describe('Bandit: the guide examples (best 0.8 at interval 10)', () => {
  const best = [finished('best', rising(0.8, 10))];
  it.each<Row>([
    { name: 'slackFactor 0.2: 0.61 stops below 0.667', goal: 'maximize', slack: { slackFactor: 0.2 }, run: rising(0.61, 10), cohort: best, expected: 'val_accuracy 0.61 < 0.667 = 0.8 / (1 + 0.2) at interval 10' },
    { name: 'slackFactor 0.2: 0.666 stops (more digits where needed)', goal: 'maximize', slack: { slackFactor: 0.2 }, run: rising(0.666, 10), cohort: best, expected: 'val_accuracy 0.666 < 0.667 = 0.8 / (1 + 0.2) at interval 10' },
    { name: 'slackFactor 0.2: 0.6667 continues', goal: 'maximize', slack: { slackFactor: 0.2 }, run: rising(0.6667, 10), cohort: best, expected: 'continue' },
    { name: 'slackFactor 0.2: exactly 0.8 / 1.2 is a tie and continues', goal: 'maximize', slack: { slackFactor: 0.2 }, run: rising(0.8 / 1.2, 10), cohort: best, expected: 'continue' },
    { name: 'slackAmount 0.2: 0.59 stops below 0.6', goal: 'maximize', slack: { slackAmount: 0.2 }, run: rising(0.59, 10), cohort: best, expected: 'val_accuracy 0.59 < 0.6 = 0.8 - 0.2 at interval 10' },
    { name: 'slackAmount 0.2: 0.6 is a tie (0.8 - 0.2 = 0.6000000000000001) and continues', goal: 'maximize', slack: { slackAmount: 0.2 }, run: rising(0.6, 10), cohort: best, expected: 'continue' },
    { name: 'slackAmount 0.2: 0.65 continues', goal: 'maximize', slack: { slackAmount: 0.2 }, run: rising(0.65, 10), cohort: best, expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('Bandit: the minimize mirror and metrics <= 0 (the |b| rule)', () => {
  it.each<Row>([
    { name: 'minimize, b 0.2, factor 0.2: 0.25 > 0.24 stops', goal: 'minimize', slack: { slackFactor: 0.2 }, run: rising(0.25, 10, 'minimize'), cohort: [finished('b', rising(0.2, 10, 'minimize'))], expected: 'val_loss 0.25 > 0.24 = 0.2 * (1 + 0.2) at interval 10' },
    { name: 'minimize, b 0.2, factor 0.2: 0.23 continues', goal: 'minimize', slack: { slackFactor: 0.2 }, run: rising(0.23, 10, 'minimize'), cohort: [finished('b', rising(0.2, 10, 'minimize'))], expected: 'continue' },
    { name: 'minimize, b 0.2, amount 0.05: 0.26 > 0.25 stops', goal: 'minimize', slack: { slackAmount: 0.05 }, run: rising(0.26, 10, 'minimize'), cohort: [finished('b', rising(0.2, 10, 'minimize'))], expected: 'val_loss 0.26 > 0.25 = 0.2 + 0.05 at interval 10' },
    { name: 'maximize, b -0.5, factor 0.2: threshold b - |b|*s/(1+s) = -0.583; -0.6 stops', goal: 'maximize', slack: { slackFactor: 0.2 }, run: flat(-0.6, 10), cohort: [finished('b', flat(-0.5, 10))], expected: 'val_loss -0.6 < -0.583 = -0.5 - 0.5 * 0.2 / (1 + 0.2) at interval 10' },
    { name: 'maximize, b -0.5, factor 0.2: -0.58 continues (b / (1 + s) = -0.417 would stop it)', goal: 'maximize', slack: { slackFactor: 0.2 }, run: flat(-0.58, 10), cohort: [finished('b', flat(-0.5, 10))], expected: 'continue' },
    { name: 'minimize, b -0.5, factor 0.2: threshold b + |b|*s = -0.4; -0.39 stops', goal: 'minimize', slack: { slackFactor: 0.2 }, run: flat(-0.39, 10), cohort: [finished('b', flat(-0.5, 10))], expected: 'val_loss -0.39 > -0.4 = -0.5 + 0.5 * 0.2 at interval 10' },
    { name: 'minimize, b -0.5, factor 0.2: -0.45 continues (b * (1 + s) = -0.6 would stop it)', goal: 'minimize', slack: { slackFactor: 0.2 }, run: flat(-0.45, 10), cohort: [finished('b', flat(-0.5, 10))], expected: 'continue' },
    { name: 'maximize, b 0, factor 0.5: any negative value stops', goal: 'maximize', slack: { slackFactor: 0.5 }, run: flat(-0.001, 10), cohort: [finished('b', flat(0, 10))], expected: 'val_loss -0.001 < 0 = 0 - 0 * 0.5 / (1 + 0.5) at interval 10' },
    { name: 'minimize, b 0, factor 0.5: 0 continues', goal: 'minimize', slack: { slackFactor: 0.5 }, run: flat(0, 10), cohort: [finished('b', flat(0, 10))], expected: 'continue' },
    { name: 'maximize, b -2, amount 1: -3.5 < -3 stops', goal: 'maximize', slack: { slackAmount: 1 }, run: flat(-3.5, 10), cohort: [finished('b', flat(-2, 10))], expected: 'val_loss -3.5 < -3 = -2 - 1 at interval 10' },
  ])('$name', (row) => {
    expect(outcome(row, 'val_loss')).toBe(row.expected);
  });

  it('minimizing is not maximizing the negated metric: the best run is never stopped', () => {
    for (const b of [0.3, -0.3, 0]) {
      const cohort = [finished('worse', flat(b + 0.1, 10))];
      const d = createPolicy({ type: 'bandit', slackFactor: 0.2 }, 'loss').decide(running('run', flat(b, 10)), cohort, 'minimize');
      expect(d).toEqual({ action: 'continue' });
    }
  });
});

describe('Bandit: b, ties and the interval', () => {
  it.each<Row>([
    { name: 'the run itself is the best: continues', goal: 'maximize', slack: { slackFactor: 0 }, run: rising(0.9, 10), cohort: [finished('a', rising(0.8, 10))], expected: 'continue' },
    { name: 'slack 0 and a tie with the best: continues', goal: 'maximize', slack: { slackFactor: 0 }, run: flat(0.8, 10), cohort: [finished('a', flat(0.8, 10))], expected: 'continue' },
    { name: 'y is the best so far, not the last value', goal: 'maximize', slack: { slackAmount: 0.1 }, run: [...flat(0.3, 4), 0.75, ...flat(0.3, 5)], cohort: [finished('a', flat(0.8, 10))], expected: 'continue' },
    { name: 'b is the best over the cohort', goal: 'maximize', slack: { slackAmount: 0.1 }, run: flat(0.65, 10), cohort: [finished('a', flat(0.6, 10)), finished('b', flat(0.8, 10)), finished('c', flat(0.7, 10))], expected: 'val_accuracy 0.65 < 0.7 = 0.8 - 0.1 at interval 10' },
    { name: 'only values up to interval N count (0.95 at interval 11 is not seen at 10)', goal: 'maximize', slack: { slackAmount: 0.1 }, run: flat(0.65, 10), cohort: [finished('a', [...flat(0.7, 10), 0.95, 0.95])], expected: 'continue' },
    { name: 'runs shorter than N are not in the cohort', goal: 'maximize', slack: { slackAmount: 0.1 }, run: flat(0.2, 10), cohort: [finished('a', flat(0.9, 9))], expected: 'continue' },
    { name: 'empty cohort: continues', goal: 'maximize', slack: { slackFactor: 0 }, run: flat(0.1, 10), cohort: [], expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });

  it('acts only on its schedule (interval 2, delay 5: at 6, 8, 10)', () => {
    const policy = createPolicy({ type: 'bandit', slackAmount: 0.1, evaluationInterval: 2, delayEvaluation: 5 }, 'acc');
    const cohort = [finished('a', flat(0.9, 12))];
    const stopsAt = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter(
      (n) => policy.decide(running('run', flat(0.1, n)), cohort, 'maximize').action === 'stop',
    );
    expect(stopsAt).toEqual([6, 8, 10, 12]);
  });
});
