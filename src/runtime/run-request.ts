/** What a worker is asked to train for one `startRun` command. */
import * as Comlink from 'comlink';
import type { ExperimentConfig } from '../core/experiment';
import { createRng } from '../core/rng';
import type { SchedulerCommand } from '../core/scheduler';
import type { ModelCheckpoint, ModelSource, ResumePoint, TrainRequest } from '../protocol';

type StartRun = Extract<SchedulerCommand, { type: 'startRun' }>;

/** Loads the stored checkpoint a continuing run starts from. */
export type ResumeCheckpoint = (runId: string, continueFrom: number) => Promise<ModelCheckpoint | undefined>;

/** The user's model source for the worker (`module`, `file`), absent for the built-in families. */
export function modelSourceOf(config: Pick<ExperimentConfig, 'model'>): { model?: ModelSource } {
  const { module, file, freezeUpTo, head } = config.model;
  if (!module && !file) return {};
  return { model: { ...(module ? { module } : {}), ...(file ? { file, freezeUpTo, head } : {}) } };
}

/**
 * The train request of `command`. `checkpoints`: report the model when the primary metric
 * improves; `keepsCheckpoints`: a store keeps them, so every interval is saved (a run can then
 * continue after a reload). Weight init and dropout are seeded per run from the experiment seed.
 */
export function trainRequest(config: ExperimentConfig, command: StartRun, checkpoints: boolean, keepsCheckpoints: boolean, resume?: ResumePoint): TrainRequest {
  return {
    runId: command.runId,
    family: config.model.family,
    ...modelSourceOf(config),
    params: command.params,
    fixed: config.model.hyperparameters,
    primaryMetricName: config.primaryMetricName,
    goal: config.primaryMetricGoal,
    seed: createRng(config.sampling.seed, command.index + 1_000_003).int(2 ** 31 - 1),
    checkpoints,
    ...(checkpoints && keepsCheckpoints ? { lastCheckpoints: true } : {}),
    ...(resume ? { resume } : {}),
  };
}

/**
 * The checkpoint a continuing run starts from (none for a new run or `continueFrom` 0), marked for
 * transfer, with `best` (the run's score so far). Throws a setup error (InvalidConfigError: the
 * worker stays) when it is missing: the run cannot continue where it stopped.
 */
export async function resumePointFor(command: StartRun, load: ResumeCheckpoint | undefined, best: number | undefined): Promise<ResumePoint | undefined> {
  const from = command.continueFrom ?? 0;
  if (from === 0) return undefined;
  const checkpoint = await load?.(command.runId, from);
  if (!checkpoint || checkpoint.interval !== from) {
    const error = new Error(`cannot continue run ${command.runId}: no checkpoint of interval ${from} (found ${checkpoint ? `interval ${checkpoint.interval}` : 'none'})`);
    error.name = 'InvalidConfigError';
    throw error;
  }
  const buffers = checkpoint.optimizer ? [checkpoint.weightData, checkpoint.optimizer.weightData] : [checkpoint.weightData];
  return Comlink.transfer({ checkpoint, ...(best !== undefined ? { best } : {}) }, buffers);
}
