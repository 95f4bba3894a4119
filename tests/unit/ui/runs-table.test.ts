import { describe, expect, it } from 'vitest';
import {
  defaultDescending,
  formatDuration,
  formatMetric,
  rowOf,
  runsCsv,
  sortRows,
  type RunRow,
  type SortKey,
} from '../../../src/ui/state/runs-table';
import { run } from './helpers';

function row(number: number, fields: Partial<RunRow> = {}): RunRow {
  return {
    id: `r${number}`,
    number,
    status: 'completed',
    reason: '',
    params: {},
    best: null,
    last: null,
    intervals: 0,
    durationMs: null,
    backend: '',
    leaked: 0,
    ...fields,
  };
}

const numbers = (rows: readonly RunRow[]) => rows.map((r) => r.number);

describe('leaked tensors', () => {
  it('come from the run record: after - before, never negative, 0 when unknown', () => {
    expect(rowOf(run(0, [1], { tensors: { before: 4, after: 7 } }), 'm', 0).leaked).toBe(3);
    expect(rowOf(run(0, [1], { tensors: { before: 9, after: 5 } }), 'm', 0).leaked).toBe(0);
    expect(rowOf(run(0, [1]), 'm', 0).leaked).toBe(0);
  });
});

describe('rowOf', () => {
  it('takes number, best, last, intervals, duration and backend from the run record', () => {
    const r = rowOf(run(2, [0.5, 0.9, 0.7], { backend: 'webgpu', startedAt: 1000, endedAt: 43_000 }), 'm', 99_999);
    expect(r).toMatchObject({ id: 'run-2', number: 3, status: 'completed', best: 0.9, last: 0.7, intervals: 3, durationMs: 42_000, backend: 'webgpu' });
  });

  it('a running run lasts until now; a queued one has no duration; a clock behind the start gives 0, not negative', () => {
    expect(rowOf(run(0, [1], { status: 'running', startedAt: 1000, endedAt: undefined }), 'm', 6000).durationMs).toBe(5000);
    expect(rowOf(run(0, [], { status: 'queued', startedAt: undefined, endedAt: undefined }), 'm', 6000).durationMs).toBeNull();
    expect(rowOf(run(0, [1], { status: 'running', startedAt: 7000, endedAt: undefined }), 'm', 6000).durationMs).toBe(0);
  });

  it('a run that never logged the metric has empty best and last', () => {
    const r = rowOf(run(0, [], { status: 'failed', reason: 'out of memory' }), 'm', 0);
    expect(r).toMatchObject({ best: null, last: null, intervals: 0, reason: 'out of memory', backend: '' });
  });

  it('reads the reason of a decided ending when the run has none yet', () => {
    const r = rowOf(run(0, [1], { status: 'running', ending: { status: 'stopped', reason: 'stopped by policy: below median' } as never }), 'm', 0);
    expect(r.reason).toBe('stopped by policy: below median');
  });

  it('last is the last logged value of the table metric, NaN included', () => {
    expect(rowOf(run(0, [0.5, Number.NaN]), 'm', 0).last).toBeNaN();
    expect(rowOf(run(0, [0.5], { metrics: { other: [3, 4] } }), 'other', 0).last).toBe(4);
  });
});

describe('sortRows: every column type', () => {
  const rows = [
    row(1, { status: 'running', best: 0.8, last: 0.8, intervals: 3, durationMs: 30_000, backend: 'webgpu', params: { units: 64, act: 'relu', flag: true } }),
    row(2, { status: 'completed', best: 0.95, last: 0.9, intervals: 10, durationMs: 120_000, backend: 'cpu', params: { units: 128, act: 'elu', flag: false } }),
    row(3, { status: 'failed', best: null, last: null, intervals: 0, durationMs: null, backend: '', params: { units: 8, act: 'tanh' } }),
    row(4, { status: 'stopped', best: 0.6, last: 0.55, intervals: 5, durationMs: 9_000, backend: 'wasm', params: { units: 1024, act: 'relu', flag: true } }),
  ];

  // [key, ascending order of run numbers] - empty cells (null) at the end in both directions.
  const cases: [SortKey, number[], number[]][] = [
    ['number', [1, 2, 3, 4], [4, 3, 2, 1]],
    ['status', [2, 3, 1, 4], [4, 1, 3, 2]],
    ['best', [4, 1, 2, 3], [2, 1, 4, 3]],
    ['last', [4, 1, 2, 3], [2, 1, 4, 3]],
    ['intervals', [3, 1, 4, 2], [2, 4, 1, 3]],
    ['duration', [4, 1, 2, 3], [2, 1, 4, 3]],
    // numbers compare as numbers (8 < 64 < 128 < 1024), not as text
    ['param:units', [3, 1, 2, 4], [4, 2, 1, 3]],
    // strings by text; ties keep start order in both directions
    ['param:act', [2, 1, 4, 3], [3, 1, 4, 2]],
    // booleans as text, a missing value last
    ['param:flag', [2, 1, 4, 3], [1, 4, 2, 3]],
  ];

  it.each(cases)('%s', (key, ascending, descending) => {
    expect(numbers(sortRows(rows, { key, descending: false }))).toEqual(ascending);
    expect(numbers(sortRows(rows, { key, descending: true }))).toEqual(descending);
  });

  it('backend sorts by name', () => {
    const named = rows.filter((r) => r.backend !== '');
    expect(numbers(sortRows(named, { key: 'backend', descending: false }))).toEqual([2, 4, 1]);
    expect(numbers(sortRows(named, { key: 'backend', descending: true }))).toEqual([1, 4, 2]);
  });

  it('an empty backend cell (a run not started yet) sorts last in both directions', () => {
    expect(numbers(sortRows(rows, { key: 'backend', descending: false }))).toEqual([2, 4, 1, 3]);
    expect(numbers(sortRows(rows, { key: 'backend', descending: true }))).toEqual([1, 4, 2, 3]);
  });

  it('a NaN metric sorts with the empty cells, after every number', () => {
    const withNaN = [row(1, { best: Number.NaN }), row(2, { best: 0.1 }), row(3, { best: null }), row(4, { best: 0.7 })];
    expect(numbers(sortRows(withNaN, { key: 'best', descending: true }))).toEqual([4, 2, 1, 3]);
    expect(numbers(sortRows(withNaN, { key: 'best', descending: false }))).toEqual([2, 4, 1, 3]);
  });

  it('does not change the rows it is given', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'best', descending: true });
    expect(rows).toEqual(copy);
  });
});

describe('defaultDescending', () => {
  it.each([
    ['best', 'maximize', true],
    ['best', 'minimize', false],
    ['last', 'maximize', true],
    ['last', 'minimize', false],
    ['duration', 'minimize', true],
    ['intervals', 'maximize', true],
    ['number', 'maximize', false],
    ['status', 'minimize', false],
    ['param:units', 'maximize', false],
  ] as const)('%s with goal %s: descending %s', (key, goal, expected) => {
    expect(defaultDescending(key, goal)).toBe(expected);
  });
});

describe('formatDuration and formatMetric', () => {
  it.each([
    [null, ''],
    [0, '0 s'],
    [42_400, '42 s'],
    [59_600, '1 min 00 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min'],
  ])('formatDuration(%s) = %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formatMetric shows 4 significant digits and nothing for none', () => {
    expect(formatMetric(0.912345)).toBe('0.9123');
    expect(formatMetric(0.000123456)).toBe('1.235e-4');
    expect(formatMetric(null)).toBe('');
  });
});

describe('runsCsv', () => {
  it('has a header naming the metric and parameters, full precision, seconds, and quoted cells', () => {
    const rows = [
      row(1, { id: 'a', reason: 'stopped by policy: 0.5 < 0.6, "median"', params: { units: 64, act: 'relu' }, best: 0.123456789, last: 0.1, intervals: 3, durationMs: 1500, backend: 'cpu' }),
      row(2, { id: 'b', status: 'queued' }),
    ];
    const text = runsCsv(rows, ['units', 'act'], 'val_accuracy');
    expect(text.split('\n')).toEqual([
      'run,id,status,reason,units,act,best_val_accuracy,last_val_accuracy,intervals,duration_s,backend',
      '1,a,completed,"stopped by policy: 0.5 < 0.6, ""median""",64,relu,0.123456789,0.1,3,1.5,cpu',
      '2,b,queued,,,,,,0,,',
      '',
    ]);
  });
});
