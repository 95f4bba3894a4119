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
import type { ExperimentConfig } from '../core/experiment';
import type { PriorRun, RunRecord } from '../core/scheduler';
import type { ModelCheckpoint } from '../runtime/node';
import { continuesByDefault, continuingRecord, parseExperimentExport, resumeFromExport } from '../persistence';
import { readResultsFolder } from './results-folder';

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

function checkStatus(status: unknown, path: string): void {
  if (typeof status === 'string' && RESUMABLE.includes(status)) return;
  throw new InvalidConfigError(`--resume: the experiment in "${path}" is ${String(status)}; only interrupted or canceled experiments resume`);
}

/** A results folder of `tabtune run`: no checkpoints, so cut-short runs start again from interval 1. */
function fromResultsFolder(dir: string): ResumeSource {
  const { experimentId, config, runs: ended } = readResultsFolder(dir, '--resume', (status) => checkStatus(status, dir));
  const runs = ended.map((record) => {
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
