/**
 * Moving an experiment between browsers (and into `tabtune run --resume`): one JSON file with the
 * experiment (its file as run, status, progress), every run, every metric series, the best run's
 * `best` checkpoint and, with `checkpoints: 'resumable'`, the checkpoints that continuing runs
 * need. Buffers are base64; NaN and +-Infinity, which JSON lacks, are written as
 * `{"nonFinite": "NaN" | "Infinity" | "-Infinity"}`. The encoded dataset is not included: the
 * importing side loads it again from `config.dataset`.
 */
import { InvalidConfigError } from '../core/errors';
import { parseExperimentConfig } from '../core/experiment';
import { getBestRunByPrimaryMetric, runId as runIdOf, type PriorRun, type RunRecord } from '../core/scheduler';
import type { StoredCheckpoint, StoredExperiment, StoredMetric, StoredRun, StoredWeights, TabtuneDatabase } from './db';
import { commit, readTx, writeTx } from './db';
import { checkpointsOfRunIn, putCheckpointsIn } from './checkpoints-store';
import { newExperimentId, putExperimentIn } from './experiments-store';
import { metricRecords, putMetricsIn, seriesOfRunIn, type MetricSeries } from './metrics-store';
import { continuesByDefault, continuingRecord } from './resume';
import { IN_FLIGHT_STATUSES, putStoredRunsIn, runRecordOf, runsOfIn } from './runs-store';
import { loadWarmStart } from './warm-start';

export const EXPORT_FORMAT = 'tabtune-experiment';
export const EXPORT_VERSION = 1;

/** A checkpoint in the file: buffers as base64. */
export interface ExportedCheckpoint extends Omit<StoredCheckpoint, 'weightData' | 'optimizer'> {
  readonly weightData: string;
  readonly optimizer?: { readonly weightSpecs: StoredWeights['weightSpecs']; readonly weightData: string };
}

/** The exported file (after JSON parsing and base64 decoding, see `parseExperimentExport`). */
export interface ExperimentExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: number;
  readonly exportedAt: string;
  readonly experiment: StoredExperiment;
  readonly runs: readonly StoredRun[];
  /** runId -> metric name -> values by interval. */
  readonly metrics: Readonly<Record<string, MetricSeries>>;
  readonly checkpoints: readonly StoredCheckpoint[];
  /**
   * The warm-start parents' runs as the scheduler got them (absent without `resumeFrom`, or when a
   * parent was deleted since), so a resume elsewhere keeps its priors.
   */
  readonly priors?: readonly PriorRun[];
}

/** Base64 of `buffer` (chunked: no call-stack limit for large weights). */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 `text` in a fresh ArrayBuffer. */
export function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { nonFinite: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const tag = (value as { nonFinite?: unknown }).nonFinite;
  if (keys.length === 1 && (tag === 'NaN' || tag === 'Infinity' || tag === '-Infinity')) return Number(tag);
  return value;
}

function encodeCheckpoint(checkpoint: StoredCheckpoint): ExportedCheckpoint {
  const { weightData, optimizer, ...rest } = checkpoint;
  return {
    ...rest,
    weightData: toBase64(weightData),
    ...(optimizer ? { optimizer: { weightSpecs: optimizer.weightSpecs, weightData: toBase64(optimizer.weightData) } } : {}),
  };
}

function decodeCheckpoint(checkpoint: ExportedCheckpoint): StoredCheckpoint {
  const { weightData, optimizer, ...rest } = checkpoint;
  return {
    ...rest,
    weightData: fromBase64(weightData),
    ...(optimizer ? { optimizer: { weightSpecs: optimizer.weightSpecs, weightData: fromBase64(optimizer.weightData) } } : {}),
  };
}

/** The file's text for `data`. */
export function serializeExperimentExport(data: ExperimentExport): string {
  return JSON.stringify({ ...data, checkpoints: data.checkpoints.map(encodeCheckpoint) }, replacer);
}

function fail(rule: string): never {
  throw new InvalidConfigError(`experiment export: ${rule}`);
}

/** Reads an exported file (its text); throws InvalidConfigError naming what is wrong. */
export function parseExperimentExport(text: string): ExperimentExport {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text, reviver) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== EXPORT_FORMAT) fail(`"format" must be "${EXPORT_FORMAT}"`);
  if (typeof raw.version !== 'number' || raw.version > EXPORT_VERSION) fail(`"version" must be at most ${EXPORT_VERSION} (got ${JSON.stringify(raw.version)})`);
  const experiment = raw.experiment as StoredExperiment | undefined;
  if (!experiment || typeof experiment.id !== 'string') fail('"experiment" with an "id" is required');
  const config = parseExperimentConfig(experiment.config);
  if (!Array.isArray(raw.runs)) fail('"runs" must be a list');
  if (typeof raw.metrics !== 'object' || raw.metrics === null) fail('"metrics" must be an object of run ids');
  const checkpoints = Array.isArray(raw.checkpoints) ? (raw.checkpoints as ExportedCheckpoint[]).map(decodeCheckpoint) : [];
  return {
    format: EXPORT_FORMAT,
    version: raw.version,
    exportedAt: String(raw.exportedAt ?? ''),
    experiment: { ...experiment, config },
    runs: raw.runs as StoredRun[],
    metrics: raw.metrics as Record<string, MetricSeries>,
    checkpoints,
    ...(Array.isArray(raw.priors) ? { priors: raw.priors as PriorRun[] } : {}),
  };
}

/** Which checkpoints an export carries: the best run's model only, or also what continuing runs need. */
export type ExportCheckpoints = 'best' | 'resumable';

/** Experiment `id` with runs, series and checkpoints, ready to serialize. */
export async function exportExperiment(db: TabtuneDatabase, id: string, checkpoints: ExportCheckpoints = 'best'): Promise<ExperimentExport> {
  const tx = readTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  const reading = (async () => {
    const experiment = await tx.objectStore('experiments').get(id);
    const runs = experiment ? await runsOfIn(tx, id) : [];
    const series = await Promise.all(runs.map((run) => seriesOfRunIn(tx, run.id)));
    const records = runs.map((run, i) => runRecordOf(run, series[i]));
    const wanted = experiment ? exportedCheckpointRuns(experiment, records, checkpoints) : [];
    const found = await Promise.all(wanted.map(([runId]) => checkpointsOfRunIn(tx, runId)));
    return { experiment, runs, series, wanted, found };
  })();
  await commit(tx, reading);
  const { experiment, runs, series, wanted, found } = await reading;
  if (!experiment) throw new InvalidConfigError(`export: experiment "${id}" is not stored in this browser`);
  const chosen = found.flatMap((pair, i) => pair.filter((c): c is StoredCheckpoint => c !== undefined && wanted[i][1].includes(c.kind)));
  const priors = await exportedPriors(db, experiment);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    experiment,
    runs,
    metrics: Object.fromEntries(runs.map((run, i) => [run.id, series[i]])),
    checkpoints: chosen,
    ...(priors ? { priors } : {}),
  };
}

/** The warm-start priors of `experiment`, or undefined without parents (or when one was deleted). */
async function exportedPriors(db: TabtuneDatabase, experiment: StoredExperiment): Promise<readonly PriorRun[] | undefined> {
  if (experiment.config.resumeFrom.length === 0) return undefined;
  try {
    return (await loadWarmStart(db, experiment.config)).priors;
  } catch {
    // A parent is gone: the file is still complete without priors; the resume then has none.
    return undefined;
  }
}

/** [runId, kinds] of the checkpoints an export takes. */
function exportedCheckpointRuns(experiment: StoredExperiment, runs: readonly RunRecord[], mode: ExportCheckpoints): [string, string[]][] {
  const { primaryMetricGoal, primaryMetricName } = experiment.config;
  const best = getBestRunByPrimaryMetric(runs, primaryMetricGoal, primaryMetricName);
  const out = new Map<string, string[]>();
  if (best?.kind === 'run') out.set(best.run.id, ['best']);
  if (mode === 'resumable') {
    for (const run of runs) {
      if (run.status === 'stopped' || run.status === 'canceled' || run.status === 'interrupted' || IN_FLIGHT_STATUSES.includes(run.status)) {
        out.set(run.id, ['best', 'last']);
      }
    }
  }
  return [...out.entries()];
}

/** Renames run ids `<old>_<k>` of an experiment to `<new>_<k>`. */
function renamer(from: string, to: string): (runId: string) => string {
  const prefix = `${from}_`;
  return (runId) => (from !== to && runId.startsWith(prefix) ? runIdOf(to, Number(runId.slice(prefix.length))) : runId);
}

/**
 * Stores an exported experiment under a fresh id (the file's id when free and `keepId`), in one
 * transaction. An experiment exported while running comes in as interrupted (its running runs
 * too), so it can be resumed here. Returns the stored experiment.
 */
export async function importExperiment(db: TabtuneDatabase, data: ExperimentExport, options: { keepId?: boolean; now?: number } = {}): Promise<StoredExperiment> {
  const now = options.now ?? Date.now();
  const taken = (await db.getKey('experiments', data.experiment.id)) !== undefined;
  const id = options.keepId && !taken ? data.experiment.id : newExperimentId(now);
  const rename = renamer(data.experiment.id, id);
  const wasRunning = data.experiment.status === 'running';
  const { reason, endedAt, ...rest } = data.experiment;
  const experiment: StoredExperiment = {
    ...rest,
    id,
    status: wasRunning ? 'interrupted' : data.experiment.status,
    ...(wasRunning ? { reason: 'interrupted: exported while it ran' } : reason !== undefined ? { reason } : {}),
    ...(endedAt !== undefined ? { endedAt } : wasRunning ? { endedAt: now } : {}),
    imported: { from: data.experiment.id, at: now },
    updatedAt: now,
  };
  const runs = data.runs.map((run): StoredRun => {
    const moved = { ...run, id: rename(run.id), experimentId: id, updatedAt: now };
    if (!IN_FLIGHT_STATUSES.includes(run.status)) return moved;
    return { ...moved, status: 'interrupted', reason: 'interrupted: exported while it ran', endedAt: run.endedAt ?? now };
  });
  const metrics: StoredMetric[] = Object.entries(data.metrics).flatMap(([runId, series]) =>
    Object.entries(series).flatMap(([name, values]) => metricRecords(rename(runId), name, values)),
  );
  const checkpoints = data.checkpoints.map((c) => ({ ...c, runId: rename(c.runId), experimentId: id }));
  const tx = writeTx(db, ['experiments', 'runs', 'metrics', 'checkpoints']);
  await commit(tx, putExperimentIn(tx, experiment), putStoredRunsIn(tx, runs), putMetricsIn(tx, metrics), putCheckpointsIn(tx, checkpoints));
  return experiment;
}

/**
 * The scheduler's view of an exported experiment, for `tabtune run --resume FILE` (no database):
 * every run as a `RunRecord` (series included), the runs a resume continues by default queued with
 * `continueFrom` at their latest checkpoint in the file (0 without one), and those checkpoints.
 */
export function resumeFromExport(data: ExperimentExport): { runs: RunRecord[]; checkpoints: Map<string, StoredCheckpoint> } {
  const { primaryMetricName, primaryMetricGoal } = data.experiment.config;
  const checkpoints = new Map<string, StoredCheckpoint>();
  const runs = data.runs.map((stored) => {
    const record = runRecordOf(stored, data.metrics[stored.id] ?? {});
    if (!continuesByDefault(stored) && !IN_FLIGHT_STATUSES.includes(stored.status)) return record;
    const candidates = data.checkpoints.filter((c) => c.runId === stored.id && c.interval <= record.intervals);
    const latest = candidates.sort((a, b) => b.interval - a.interval)[0];
    if (latest) checkpoints.set(stored.id, latest);
    return continuingRecord(record, latest?.interval ?? 0, primaryMetricName, primaryMetricGoal);
  });
  return { runs, checkpoints };
}
