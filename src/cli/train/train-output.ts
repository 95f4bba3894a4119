/**
 * What `tabtune train` writes to its `--out` folder: the run's best checkpoint as the export files
 * of `tabtune run`'s `best/` (`model.json`, `weights.bin`, `run.json`, `preprocessing.json`, the
 * model module), plus `checkpoint.json` / `optimizer.bin` so that the folder is also a checkpoint
 * to continue from (`--resume-from DIR`), and the latest interval's checkpoint in `last/` (what a
 * run cut short continues from) with the one before in `previous/`: a process killed between
 * writing interval k's checkpoint and its engine storing interval k still leaves the checkpoint of
 * the last interval the engine stored.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { preprocessingJson } from '../../core/data';
import { runValues } from '../../core/experiment';
import type { ParamValues } from '../../core/types';
import type { ModelCheckpoint } from '../../protocol';
import type { LoadedExperiment } from '../experiment-file';
import { writeCheckpointFolder } from './checkpoint-files';

/** The best and latest checkpoints of one run, written as they arrive. */
export class TrainOutput {
  best: ModelCheckpoint | null = null;

  constructor(
    private readonly dir: string,
    private readonly experiment: LoadedExperiment,
  ) {
    mkdirSync(dir, { recursive: true });
    const { config, dataset } = experiment;
    writeFileSync(join(dir, 'preprocessing.json'), JSON.stringify(preprocessingJson(dataset.encoding, dataset.imageShape), null, 2) + '\n');
    if (config.model.module) writeFileSync(join(dir, basename(config.model.module.name)), config.model.module.source);
  }

  /** Keeps `checkpoint`: as the best when its kinds say so, and always as the latest (`last/`). */
  checkpoint(checkpoint: ModelCheckpoint): void {
    const last = join(this.dir, 'last');
    const previous = join(this.dir, 'previous');
    if (existsSync(last)) {
      rmSync(previous, { recursive: true, force: true });
      renameSync(last, previous);
    }
    writeCheckpointFolder(last, checkpoint);
    if (checkpoint.kinds && !checkpoint.kinds.includes('best')) return;
    this.best = checkpoint;
    writeCheckpointFolder(this.dir, checkpoint);
  }

  /** `run.json`: parameters, hyperparameters, every metric per interval, the outcome and the best interval. */
  finish(run: { index: number; params: ParamValues; status: string; reason: string | null; metrics: Record<string, (number | null)[]>; backend: string | null }): void {
    const { config } = this.experiment;
    const json = {
      ...run,
      primaryMetricName: config.primaryMetricName,
      primaryMetricGoal: config.primaryMetricGoal,
      checkpointInterval: this.best?.interval ?? null,
      score: this.best && Number.isFinite(this.best.value) ? this.best.value : null,
      modelFamily: config.model.family,
      hyperparameters: runValues(config.model, run.params),
    };
    writeFileSync(join(this.dir, 'run.json'), JSON.stringify(json, null, 2) + '\n');
  }
}
