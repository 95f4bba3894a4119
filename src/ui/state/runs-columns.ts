/**
 * The runs table's columns: Run and Status always shown (and kept in view when the table scrolls
 * sideways), the others chosen by the user; and the text of each cell.
 */
import { formatNumber } from '../../core/space';
import { formatDuration, formatMetric, type RunRow, type SortKey } from './runs-table';

export interface RunsColumn {
  readonly key: SortKey;
  readonly label: string;
  /** Always shown, and sticky on the left. */
  readonly fixed: boolean;
}

/** Every column of the table for the space's `paramNames` and the primary `metric`, in order. */
export function allColumns(paramNames: readonly string[], metric: string): RunsColumn[] {
  const optional = (key: SortKey, label: string): RunsColumn => ({ key, label, fixed: false });
  return [
    { key: 'number', label: 'Run', fixed: true },
    { key: 'status', label: 'Status', fixed: true },
    ...paramNames.map((name) => optional(`param:${name}`, name)),
    optional('best', `Best ${metric}`),
    optional('last', `Last ${metric}`),
    optional('intervals', 'Intervals'),
    optional('duration', 'Duration'),
    optional('backend', 'Backend'),
  ];
}

/** The columns shown: all but the `hidden` ones (fixed columns cannot be hidden). */
export function shownColumns(columns: readonly RunsColumn[], hidden: readonly SortKey[]): RunsColumn[] {
  return columns.filter((c) => c.fixed || !hidden.includes(c.key));
}

/** The text of `row`'s cell in column `key` (Run and Status have their own markup). */
export function cellText(row: RunRow, key: SortKey): string {
  if (key.startsWith('param:')) {
    const v = row.params[key.slice('param:'.length)];
    return typeof v === 'number' ? formatNumber(v) : String(v ?? '');
  }
  switch (key) {
    case 'best':
    case 'last':
      return formatMetric(row[key]);
    case 'duration':
      return formatDuration(row.durationMs);
    case 'number':
    case 'intervals':
      return String(row[key]);
    default:
      return String(row[key as 'status' | 'backend']);
  }
}
