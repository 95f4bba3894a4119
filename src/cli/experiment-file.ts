/**
 * One experiment file read for the commands that train or decide for a single run (`tabtune
 * train`, `tabtune inspect`): the file's text, its dataset loaded and encoded as `tabtune run`
 * does, and the configuration completed for the dataset's task (metric, goal, defaults).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EncodedDataset } from '../core/data';
import { InvalidConfigError } from '../core/errors';
import { parseExperimentConfig, type ExperimentConfig } from '../core/experiment';
import { checkBaseModel } from './base-model-check';
import { loadDatasetSpec } from './data-file';
import { modelReaders } from './model-files';

/** An experiment file with its dataset. */
export interface LoadedExperiment {
  readonly file: string;
  readonly config: ExperimentConfig;
  readonly dataset: EncodedDataset;
}

/** The text of experiment file `path`; InvalidConfigError (exit 2) when it cannot be read. */
export function readExperimentText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidConfigError(`cannot read experiment file "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * Reads `file`, loads its dataset (`onNote` gets the image summary lines) and completes the
 * configuration for the dataset's task. A dataset that cannot be read is InvalidDataError.
 */
export async function loadExperiment(file: string, onNote: (text: string) => void = () => undefined): Promise<LoadedExperiment> {
  const text = readExperimentText(file);
  const readers = modelReaders(file);
  const draft = parseExperimentConfig(text, readers);
  const { imageSummaryLines } = await import('../core/data');
  const dataset = await loadDatasetSpec(draft.dataset, {
    baseDir: dirname(resolve(file)),
    onImageSummary: (summary) => onNote(imageSummaryLines(summary).join('\n') + '\n'),
  });
  const config = parseExperimentConfig(text, { ...readers, task: dataset.encoding.task });
  await checkBaseModel(config, dataset);
  return { file, config, dataset };
}
