/**
 * What `tabtune run --resume PATH` continues (SPEC section 7): an experiment exported from the
 * page (one JSON file, see src/persistence/transfer.ts) or the results folder of an earlier
 * `tabtune run` (experiment.json, runs.json, summary.json). Only an interrupted or canceled
 * experiment resumes (an export taken while it ran counts as interrupted). Its ended runs are kept;
 * the runs its end cut short (interrupted ones, and those its cancel ended) continue with the same
 * parameters: from their last checkpoint when the export carries one, else from interval 1.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import { parseExperimentConfig, type ExperimentConfig } from '../core/experiment';
import type { PriorRun, RunRecord } from '../core/scheduler';
import type { ModelCheckpoint } from '../runtime/node';
import { continuesByDefault, continuingRecord, parseExperimentExport, resumeFromExport } from '../persistence';
import type { RunJson } from '../runtime/results';

/** An experiment to continue in Node. */
export interface ResumeSource {
  readonly experimentId: string;
  /** The experiment file as it ran (children already copied in: `resumeChildRuns` is emptied). */
  readonly config: ExperimentConfig;
  /** For the host's `restore`: ended runs as they are, continuing ones queued with `continueFrom`. */
  readonly runs: readonly RunRecord[];
  /** The checkpoint each continuing run loads (`continueFrom` > 0). */
  readonly checkpoints: ReadonlyMap<string, ModelCheckpoint>;
  /** Warm-start priors carried by an export; null: read `resumeFrom` folders as for a new run. */
  readonly priors: readonly PriorRun[] | null;
  /** Relative `file:` dataset paths resolve against this file's folder. */
  readonly baseFile: string;
  /** How many runs continue. */
  readonly continuing: number;
}

const RESUMABLE = ['interrupted', 'canceled'];

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidConfigError(`--resume: cannot read ${what} "${path}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function checkStatus(status: unknown, path: string): void {
  if (typeof status === 'string' && RESUMABLE.includes(status)) return;
  throw new InvalidConfigError(`--resume: the experiment in "${path}" is ${String(status)}; only interrupted or canceled experiments resume`);
}

/** A run of runs.json as the scheduler's record (null metric values were NaN). */
function runOfJson(run: RunJson, experimentId: string): RunRecord {
  const metrics: Record<string, number[]> = {};
  for (const [name, series] of Object.entries(run.metrics)) metrics[name] = series.map((v) => (v === null ? Number.NaN : v));
  const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));
  const startedAt = ms(run.startedAt);
  const endedAt = ms(run.endedAt);
  return {
    id: run.id,
    experimentId,
    index: run.index,
    params: run.parameters,
    status: run.status,
    ...(run.reason !== null ? { reason: run.reason } : {}),
    ...(run.backend !== null ? { backend: run.backend } : {}),
    queuedAt: startedAt ?? 0,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    metrics,
    intervals: run.intervals,
    ...(run.best ? { best: run.best } : {}),
  };
}

/** A results folder of `tabtune run`: no checkpoints, so cut-short runs start again from interval 1. */
function fromResultsFolder(dir: string): ResumeSource {
  const summary = readJson(join(dir, 'summary.json'), 'summary') as { status?: unknown; experimentId?: unknown };
  checkStatus(summary.status, dir);
  const config = parseExperimentConfig(readJson(join(dir, 'experiment.json'), 'experiment file'));
  const experimentId = typeof summary.experimentId === 'string' ? summary.experimentId : config.name;
  const json = readJson(join(dir, 'runs.json'), 'runs') as RunJson[];
  const runs = json.map((run) => {
    const record = runOfJson(run, experimentId);
    const cut = continuesByDefault(record) || record.status === 'queued' || record.status === 'running';
    return cut ? continuingRecord(record, 0, config.primaryMetricName, config.primaryMetricGoal) : record;
  });
  const continuing = runs.filter((r) => r.continueFrom !== undefined).length;
  return { experimentId, config: { ...config, resumeChildRuns: [] }, runs, checkpoints: new Map(), priors: null, baseFile: join(process.cwd(), 'experiment.json'), continuing };
}

/** An experiment exported from the page. */
function fromExport(file: string): ResumeSource {
  const data = parseExperimentExport(readFileSync(file, 'utf8'));
  const status = data.experiment.status === 'running' ? 'interrupted' : data.experiment.status;
  checkStatus(status, file);
  const { runs, checkpoints } = resumeFromExport(data);
  const continuing = runs.filter((r) => r.continueFrom !== undefined).length;
  const config = { ...data.experiment.config, resumeChildRuns: [] };
  return { experimentId: data.experiment.id, config, runs, checkpoints, priors: data.priors ?? [], baseFile: file, continuing };
}

/** Reads what `--resume PATH` names: a results folder or an exported experiment file. */
export function readResumeSource(path: string): ResumeSource {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch (error) {
    throw new InvalidConfigError(`--resume: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return directory ? fromResultsFolder(path) : fromExport(path);
}
