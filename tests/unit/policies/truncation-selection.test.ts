import { describe, expect, it } from 'vitest';
import { createPolicy, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { finished, flat, prior, running, stopped } from './helpers';

interface Row {
  readonly name: string;
  readonly pct?: number;
  readonly exclude?: boolean;
  readonly goal?: Goal;
  readonly run: readonly number[];
  readonly cohort: readonly RunCurve[];
  readonly expected: string;
}

const outcome = (row: Row) => {
  const config = { type: 'truncationSelection' as const, truncationPercentage: row.pct ?? 20, excludeFinishedRuns: row.exclude ?? false };
  const d = createPolicy(config, 'val_accuracy').decide(running('run', row.run), row.cohort, row.goal ?? 'maximize');
  return d.action === 'stop' ? d.reason : 'continue';
};

/** Nine other runs with best values 0.1, 0.2, ..., 0.9 over 3 intervals. */
const nine = Array.from({ length: 9 }, (_, i) => finished(`r${i + 1}`, flat((i + 1) / 10, 3)));

describe('TruncationSelection: the k = floor(n * pct / 100) worst stop', () => {
  it.each<Row>([
    { name: 'n 10, 20%: k 2; the worst stops', run: flat(0.05, 3), cohort: nine, expected: 'val_accuracy 0.05 < 0.2 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
    { name: 'n 10, 20%: second worst stops', run: flat(0.15, 3), cohort: nine, expected: 'val_accuracy 0.15 < 0.2 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
    { name: 'n 10, 20%: third worst continues', run: flat(0.25, 3), cohort: nine, expected: 'continue' },
    { name: 'tie with a run outside the k worst (0.2 ranks 2nd or 3rd): kept', run: flat(0.2, 3), cohort: nine, expected: 'continue' },
    { name: 'tie with a run inside the k worst only: stops', run: flat(0.1, 3), cohort: nine, expected: 'val_accuracy 0.1 < 0.2 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
    { name: 'ties all round: nobody is strictly worse than the (k+1)-th, kept', run: flat(0.5, 3), cohort: Array.from({ length: 9 }, (_, i) => finished(`t${i}`, flat(0.5, 3))), expected: 'continue' },
    { name: 'n 4, 20%: k 0, nothing stops', run: flat(0.0, 3), cohort: nine.slice(0, 3), expected: 'continue' },
    { name: 'n 5, 20%: k 1', run: flat(0.0, 3), cohort: nine.slice(0, 4), expected: 'val_accuracy 0 < 0.1 = the value ranked 2 from the worst of 5 runs, so it is among the 1 worst (20%) at interval 3' },
    { name: 'n 10, 99%: k 9, all but the best stop', run: flat(0.85, 3), cohort: nine, pct: 99, expected: 'val_accuracy 0.85 < 0.9 = the value ranked 10 from the worst of 10 runs, so it is among the 9 worst (99%) at interval 3' },
    { name: 'ranking by best so far, not the last value', run: [0.95, 0.0, 0.0], cohort: nine, expected: 'continue' },
    { name: 'empty cohort continues', run: flat(0.0, 3), cohort: [], pct: 99, expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('TruncationSelection: minimize mirror and metrics <= 0', () => {
  const nineLoss = Array.from({ length: 9 }, (_, i) => finished(`r${i + 1}`, flat((i + 1) / 10, 3)));
  it.each<Row>([
    { name: 'minimize: the highest loss stops', goal: 'minimize', run: flat(0.95, 3), cohort: nineLoss, expected: 'val_accuracy 0.95 > 0.8 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
    { name: 'minimize: third worst continues', goal: 'minimize', run: flat(0.75, 3), cohort: nineLoss, expected: 'continue' },
    { name: 'minimize: tie with outside kept', goal: 'minimize', run: flat(0.8, 3), cohort: nineLoss, expected: 'continue' },
    { name: 'maximize, negative values', run: flat(-1, 3), cohort: nineLoss.map((r) => ({ ...r, values: r.values.map((v) => -v) })), expected: 'val_accuracy -1 < -0.8 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});

describe('TruncationSelection: the cohort and excludeFinishedRuns', () => {
  const mixed = [
    ...Array.from({ length: 3 }, (_, i) => finished(`done${i}`, flat(0.9, 10))),
    ...Array.from({ length: 3 }, (_, i) => stopped(`stopped${i}`, flat(0.8, 3))),
    ...Array.from({ length: 2 }, (_, i) => prior(`parent${i}`, flat(0.7, 10))),
    running('live', flat(0.6, 4)),
  ];
  it.each<Row>([
    { name: 'finished, stopped and warm-start runs are ranked (n 10, k 2)', run: flat(0.5, 3), cohort: mixed, expected: 'val_accuracy 0.5 < 0.7 = the value ranked 3 from the worst of 10 runs, so it is among the 2 worst (20%) at interval 3' },
    { name: 'excludeFinishedRuns: only running runs are ranked (n 2, k 0)', run: flat(0.5, 3), cohort: mixed, exclude: true, expected: 'continue' },
    { name: 'excludeFinishedRuns with 50%: ranked against the running run only', run: flat(0.5, 3), cohort: mixed, exclude: true, pct: 50, expected: 'val_accuracy 0.5 < 0.6 = the value ranked 2 from the worst of 2 runs, so it is among the 1 worst (50%) at interval 3' },
    { name: 'excludeFinishedRuns and only finished runs: empty cohort, continue', run: flat(0.0, 3), cohort: nine, exclude: true, pct: 99, expected: 'continue' },
    { name: 'runs stopped before N are not ranked at N', run: flat(0.5, 4), cohort: mixed, pct: 50, expected: 'val_accuracy 0.5 < 0.7 = the value ranked 4 from the worst of 7 runs, so it is among the 3 worst (50%) at interval 4' },
    { name: 'only values up to N: later values of the cohort are not seen', run: flat(0.5, 3), cohort: nine.map((r) => finished(r.id, [...r.values, 1, 1])), expected: 'continue' },
  ])('$name', (row) => {
    expect(outcome(row)).toBe(row.expected);
  });
});
