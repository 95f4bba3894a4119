/**
 * The runs table as data (SPEC section 8): one row per run with status, parameters, best and last
 * primary metric, intervals, duration and backend; sorting; and the table as CSV.
 */
import { formatNumber } from '../../core/space';
import type { RunRecord } from '../../core/scheduler';
import { tensorsOf } from '../../runtime';
import type { Goal, ParamValue, RunStatus } from '../../core/types';

export interface RunRow {
  readonly id: string;
  /** 1-based start order, as users count runs. */
  readonly number: number;
  readonly status: RunStatus;
  readonly reason: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly best: number | null;
  readonly last: number | null;
  readonly intervals: number;
  /** Milliseconds, running runs up to `now`; null before the run started. */
  readonly durationMs: number | null;
  readonly backend: string;
  /** Tensors the run left behind (the user's model code can leak); 0 when none or unknown. */
  readonly leaked: number;
}

/** Sort keys: a column of the table, or `param:NAME` for a parameter. */
export type SortKey = 'number' | 'status' | 'best' | 'last' | 'intervals' | 'duration' | 'backend' | `param:${string}`;

export interface SortOrder {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** The row of `run` at time `now` (ms). */
export function rowOf(run: RunRecord, metric: string, now: number): RunRow {
  const series = run.metrics[metric] ?? [];
  const end = run.endedAt ?? (run.status === 'running' ? now : undefined);
  return {
    id: run.id,
    number: run.index + 1,
    status: run.status,
    reason: run.reason ?? run.ending?.reason ?? '',
    params: run.params,
    best: run.best?.value ?? null,
    last: series.length > 0 ? series[series.length - 1] : null,
    intervals: run.intervals,
    durationMs: run.startedAt !== undefined && end !== undefined ? Math.max(0, end - run.startedAt) : null,
    backend: run.backend ?? '',
    leaked: tensorsOf(run)?.leaked ?? 0,
  };
}

function valueOf(row: RunRow, key: SortKey): number | string | null {
  if (key.startsWith('param:')) {
    const v = row.params[key.slice(6)];
    return typeof v === 'boolean' ? String(v) : (v ?? null);
  }
  switch (key) {
    case 'duration':
      return row.durationMs;
    case 'number':
    case 'status':
    case 'best':
    case 'last':
    case 'intervals':
    case 'backend':
      return row[key];
    default:
      return null;
  }
}

/** Null, NaN and '' (a run not started has no backend yet) are empty cells. */
function isEmpty(v: number | string | null): boolean {
  return v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** Compares two cell values; empty cells sort last whatever the direction. */
function compare(a: number | string | null, b: number | string | null, descending: boolean): number {
  if (isEmpty(a)) return isEmpty(b) ? 0 : 1;
  if (isEmpty(b)) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

/** `rows` sorted by `order` (stable: ties keep start order). */
export function sortRows(rows: readonly RunRow[], order: SortOrder): RunRow[] {
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row, order.key) }))
    .sort((x, y) => compare(x.v, y.v, order.descending) || x.i - y.i)
    .map((x) => x.row);
}

/** The natural first direction of a column: best metric first for the metric columns. */
export function defaultDescending(key: SortKey, goal: Goal): boolean {
  if (key === 'best' || key === 'last') return goal === 'maximize';
  return key === 'duration' || key === 'intervals';
}

/** A duration for the table: `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A metric for display (4 significant digits), empty for none. */
export function formatMetric(value: number | null): string {
  return value === null ? '' : formatNumber(value);
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The runs table as CSV (header row, full-precision numbers), in the given row order. */
export function runsCsv(rows: readonly RunRow[], paramNames: readonly string[], metric: string): string {
  const header = ['run', 'id', 'status', 'reason', ...paramNames, `best_${metric}`, `last_${metric}`, 'intervals', 'duration_s', 'backend'];
  const lines = rows.map((row) =>
    [
      row.number,
      row.id,
      row.status,
      row.reason,
      ...paramNames.map((name) => row.params[name]),
      row.best,
      row.last,
      row.intervals,
      row.durationMs === null ? null : row.durationMs / 1000,
      row.backend,
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.map(csvCell).join(','), ...lines].join('\n') + '\n';
}
