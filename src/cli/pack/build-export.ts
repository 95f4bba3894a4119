/**
 * An experiment run elsewhere (an outside engine's runs) as tabtune's experiment export file
 * (src/persistence/export-format.ts): what the page imports and `tabtune run --resume` continues.
 * Runs come as plain data; checkpoints as folders written by `tabtune train --out`.
 */
import { bestIntervalOf } from '../../core/goal';
import { InvalidConfigError } from '../../core/errors';
import { parseExperimentConfig, type ExperimentConfig } from '../../core/experiment';
import { getBestRunByPrimaryMetric, runId, type RunRecord } from '../../core/scheduler';
import type { ExperimentStatus, ParamValues, RunStatus } from '../../core/types';
import { EXPORT_FORMAT, EXPORT_VERSION, storedRunOf, type ExperimentExport, type StoredCheckpoint, type StoredExperiment } from '../../persistence';
import type { ModelCheckpoint } from '../../protocol';
import { arrayField, objectField } from '../decisions/fields';

/** One run as an engine reports it. */
export interface PackRun {
  readonly params: ParamValues;
  readonly status: RunStatus;
  readonly reason?: string;
  /** Every metric per interval (null: not a number). */
  readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
  readonly backend?: string;
  /** Ms since the epoch. */
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Where it trained (a machine or worker name; the timeline's row). */
  readonly ranOn?: string;
  /** Its `tabtune train --out` folder (its best checkpoint; `last/` for one cut short). */
  readonly checkpointDir?: string;
}

/** The whole request of `tabtune pack`. */
export interface PackRequest {
  readonly id: string;
  readonly config: ExperimentConfig;
  readonly status: ExperimentStatus;
  readonly reason?: string;
  readonly runs: readonly PackRun[];
}

const STATUSES: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'canceled', 'interrupted'];

/** Checks the request's JSON; InvalidConfigError naming the field. */
export function parsePackRequest(json: unknown): PackRequest {
  const request = objectField(json, 'a pack request');
  if (typeof request.id !== 'string' || request.id === '') throw new InvalidConfigError(`"id" must be a non-empty string (got ${JSON.stringify(request.id)})`);
  const config = parseExperimentConfig(objectField(request.config, '"config"'));
  const status = request.status as ExperimentStatus;
  if (!['completed', 'interrupted', 'canceled', 'failed'].includes(status)) throw new InvalidConfigError(`"status" must be completed, interrupted, canceled or failed (got ${JSON.stringify(status)})`);
  const runs = arrayField(request.runs, '"runs"').map((raw, i) => {
    const run = objectField(raw, `"runs"[${i}]`);
    if (!STATUSES.includes(run.status as RunStatus)) throw new InvalidConfigError(`"runs"[${i}].status must be one of ${STATUSES.join(', ')} (got ${JSON.stringify(run.status)})`);
    objectField(run.params, `"runs"[${i}].params`);
    objectField(run.metrics ?? {}, `"runs"[${i}].metrics`);
    return { metrics: {}, ...run } as unknown as PackRun;
  });
  return { id: request.id, config, status, ...(typeof request.reason === 'string' ? { reason: request.reason } : {}), runs };
}

function recordOf(request: PackRequest, run: PackRun, index: number): RunRecord {
  const metrics: Record<string, number[]> = {};
  for (const [name, series] of Object.entries(run.metrics)) metrics[name] = series.map((v) => (v === null ? Number.NaN : v));
  const primary = metrics[request.config.primaryMetricName] ?? [];
  const best = bestIntervalOf(primary, request.config.primaryMetricGoal);
  return {
    id: runId(request.id, index),
    experimentId: request.id,
    index,
    params: run.params,
    status: run.status,
    ...(run.reason ? { reason: run.reason } : {}),
    ...(run.backend ? { backend: run.backend } : {}),
    queuedAt: run.startedAt ?? 0,
    ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    ...(run.ranOn ? { ranOn: run.ranOn } : {}),
    metrics,
    intervals: primary.length,
    ...(best ? { best } : {}),
  };
}

function storedCheckpoint(record: RunRecord, kind: 'best' | 'last', c: ModelCheckpoint, now: number): StoredCheckpoint {
  const byteLength = c.weightData.byteLength + (c.optimizer?.weightData.byteLength ?? 0);
  return {
    runId: record.id,
    kind,
    experimentId: record.experimentId,
    interval: c.interval,
    value: c.value,
    modelTopology: c.modelTopology,
    weightSpecs: c.weightSpecs,
    weightData: c.weightData,
    ...(c.optimizer ? { optimizer: c.optimizer } : {}),
    byteLength,
    savedAt: now,
  };
}

/**
 * The export of `request`: runs in the given order (their start order), the best run's `best`
 * checkpoint and, for interrupted runs, their latest one (`last`) of an interval the run has
 * metrics for, read by `read(dir, kind, upTo)` (null when the folder has none). Returns the export and notes on what was missing.
 */
export function buildExport(request: PackRequest, read: (dir: string, kind: 'best' | 'last', upTo: number) => ModelCheckpoint | null, now = Date.now()): { data: ExperimentExport; notes: string[] } {
  const { config } = request;
  const records = request.runs.map((run, i) => recordOf(request, run, i));
  const notes: string[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  const best = getBestRunByPrimaryMetric(records, config.primaryMetricGoal, config.primaryMetricName);
  records.forEach((record, i) => {
    const dir = request.runs[i].checkpointDir;
    const wantBest = best?.kind === 'run' && best.run.id === record.id;
    const wantLast = record.status === 'interrupted';
    for (const kind of [...(wantBest ? ['best' as const] : []), ...(wantLast ? ['last' as const] : [])]) {
      const found = dir ? read(dir, kind, record.intervals) : null;
      if (found) checkpoints.push(storedCheckpoint(record, kind, found, now));
      else notes.push(`run ${record.index}: no ${kind} checkpoint${dir ? ` in ${dir}` : ''}`);
    }
  });
  const starts = records.map((r) => r.startedAt).filter((t): t is number => t !== undefined);
  const ends = records.map((r) => r.endedAt).filter((t): t is number => t !== undefined);
  const experiment: StoredExperiment = {
    id: request.id,
    createdAt: starts.length ? Math.min(...starts) : now,
    name: config.name,
    config,
    status: request.status,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(starts.length ? { startedAt: Math.min(...starts) } : {}),
    ...(request.status !== 'interrupted' && ends.length ? { endedAt: Math.max(...ends) } : {}),
    updatedAt: now,
    runCount: records.length,
    failedCount: records.filter((r) => r.status === 'failed').length,
    resumedAt: [],
  };
  const runs = records.map((r) => storedRunOf(r, config.primaryMetricName, undefined, now));
  const metrics = Object.fromEntries(records.map((r) => [r.id, Object.fromEntries(Object.entries(r.metrics).map(([name, series]) => [name, [...series]]))]));
  return { data: { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), experiment, runs, metrics, checkpoints }, notes };
}
