/**
 * The results folder of an earlier `tabtune run` read back (experiment.json, runs.json,
 * summary.json): what `--resume` continues and what a `resumeFrom` parent contributes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import { parseExperimentConfig, type ExperimentConfig } from '../core/experiment';
import type { RunRecord } from '../core/scheduler';
import type { RunJson } from '../runtime/results';

/** One results folder as the engine's records. */
export interface ResultsFolder {
  readonly experimentId: string;
  /** The experiment file as it ran, every default filled in. */
  readonly config: ExperimentConfig;
  /** Every run of runs.json (null metric values, which were NaN, are NaN again). */
  readonly runs: readonly RunRecord[];
}

/** Parses the JSON file at `path`; `context` starts the error message (who asked for the file). */
export function readJsonFile(path: string, what: string, context: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidConfigError(`${context}: cannot read ${what} "${path}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A run of runs.json as the scheduler's record (null metric values were NaN). */
export function runOfJson(run: RunJson, experimentId: string): RunRecord {
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

/**
 * Reads the folder `dir`. `checkStatus` sees summary.json's status first and throws when the
 * caller cannot use an experiment in that state; `context` starts every error message.
 */
export function readResultsFolder(dir: string, context: string, checkStatus: (status: unknown) => void): ResultsFolder {
  const summary = readJsonFile(join(dir, 'summary.json'), 'summary', context) as { status?: unknown; experimentId?: unknown };
  checkStatus(summary.status);
  const config = parseExperimentConfig(readJsonFile(join(dir, 'experiment.json'), 'experiment file', context));
  const experimentId = typeof summary.experimentId === 'string' ? summary.experimentId : config.name;
  const json = readJsonFile(join(dir, 'runs.json'), 'runs', context) as RunJson[];
  return { experimentId, config, runs: json.map((run) => runOfJson(run, experimentId)) };
}
