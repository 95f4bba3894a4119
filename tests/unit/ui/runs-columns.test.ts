import { describe, expect, it } from 'vitest';
import { allColumns, cellText, shownColumns } from '../../../src/ui/state/runs-columns';
import { rowOf } from '../../../src/ui/state/runs-table';
import { run } from './helpers';

describe('runs table columns', () => {
  const columns = allColumns(['learning_rate', 'units'], 'val_accuracy');

  it('keeps Run and Status, fixed, whatever is hidden', () => {
    const shown = shownColumns(columns, ['number', 'status', 'param:units', 'backend', 'last']);
    expect(shown.map((c) => c.label)).toEqual(['Run', 'Status', 'learning_rate', 'Best val_accuracy', 'Intervals', 'Duration']);
    expect(shown.filter((c) => c.fixed).map((c) => c.key)).toEqual(['number', 'status']);
  });

  it('shows every column when none is hidden', () => {
    expect(shownColumns(columns, [])).toHaveLength(9);
  });

  it('writes each cell as the table shows it', () => {
    const row = rowOf(run(0, [0.5, 0.75], { backend: 'wasm' }), 'm', 0);
    expect(cellText(row, 'param:learning_rate')).toBe('0.001');
    expect(cellText(row, 'best')).toBe('0.75');
    expect(cellText(row, 'duration')).toBe('5 s');
    expect(cellText(row, 'intervals')).toBe('2');
    expect(cellText(row, 'backend')).toBe('wasm');
  });
});
