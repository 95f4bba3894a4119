/**
 * Progress of an experiment as text, for terminals: bars that are redrawn on a TTY, and one plain
 * line per event otherwise. Pure string functions over scheduler state.
 */
import type { RunRecord, SchedulerState } from '../core/scheduler';
import { bestOf } from '../core/goal';

function value(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '-' : Number(v.toPrecision(4)).toString();
}

/** `[#####.....]` for `done` of `total`. */
export function bar(done: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** `m:ss`. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Parameters as `name=value` pairs, numbers to 4 significant digits. */
export function paramsText(params: RunRecord['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? value(v) : String(v)}`)
    .join(' ');
}

/** The header line: runs done of max, running, best so far, time used of the limit. */
export function headerLine(state: SchedulerState, now: number): string {
  const { config } = state;
  const done = state.runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length;
  const running = state.runs.length - done;
  const scores = state.runs.map((r) => r.best?.value).filter((v): v is number => v !== undefined);
  const best = bestOf(scores, config.goal);
  const bestText = best === null ? '-' : value(best);
  const used = state.startedAt === undefined ? 0 : now - state.startedAt;
  const limit = config.maxDurationMinutes === undefined ? '' : ` / ${clock(config.maxDurationMinutes * 60_000)}`;
  return `runs ${bar(done, config.maxTotalRuns)} ${done}/${config.maxTotalRuns} done, ${running} running | best ${config.primaryMetricName} ${bestText} | ${clock(used)}${limit}`;
}

/** One in-flight run: its interval bar against its epoch count and its last primary value. */
export function runLine(run: RunRecord, metric: string, epochs: number): string {
  const last = run.metrics[metric]?.at(-1);
  return `  ${run.id} ${bar(run.intervals, epochs)} ${run.intervals}/${epochs} ${metric} ${value(last)}  ${paramsText(run.params)}`;
}

/** The plain line for a run that just ended. */
export function endLine(run: RunRecord, metric: string): string {
  const seconds = run.startedAt !== undefined && run.endedAt !== undefined ? ` in ${((run.endedAt - run.startedAt) / 1000).toFixed(1)} s` : '';
  const best = run.best ? `best ${metric} ${value(run.best.value)} at interval ${run.best.interval}` : `no ${metric}`;
  const reason = run.reason ? ` (${run.reason})` : '';
  return `run ${run.id} ${run.status}: ${best}, ${run.intervals} intervals${seconds}${reason}`;
}

/** The plain line for a run that just started. */
export function startLine(run: RunRecord): string {
  return `run ${run.id} started on ${run.backend ?? '?'}: ${paramsText(run.params)}`;
}
