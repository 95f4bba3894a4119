/**
 * The best run's export (SPEC section 9): its model in TensorFlow.js layers format (`model.json`
 * plus `weights.bin`), `run.json` with its parameters and metrics, `preprocessing.json` with what a
 * user needs to apply it to raw rows, the experiment file, and the model module's source when the
 * experiment trained the user's own code, zipped with fflate.
 */
import { strToU8, zipSync } from 'fflate';
import { preprocessingJson, type DatasetEncoding } from '../../core/data';
import type { ExperimentConfig } from '../../core/experiment';
import { modelJson, type ModelCheckpoint } from '../../runtime';
import type { ParamValues, RunStatus } from '../../core/types';

/** The run facts written to `run.json`. */
export interface ExportedRun {
  readonly id: string;
  readonly experimentId: string;
  readonly params: ParamValues;
  readonly status: RunStatus;
  readonly reason?: string;
  readonly backend?: string;
  readonly metrics: Readonly<Record<string, readonly number[]>>;
  readonly best: { readonly value: number; readonly interval: number };
}

const USAGE = `tabtune export: the best run of an experiment

model.json + weights.bin   TensorFlow.js layers model: tf.loadLayersModel('.../model.json')
preprocessing.json         feature columns in input order, standardization, one-hot levels, class labels / target scaling
run.json                   the run's parameters and every metric over its intervals
experiment.json            the experiment file it came from
*.mjs / *.js               the model module's code, when the experiment trained your own model

Apply it to raw rows: build one input row per record, column by column in featureColumns order:
numeric -> (x - mean) / std; one-hot -> a 1 at the level's index. Then
  const y = model.predict(tf.tensor2d(rows, [rows.length, inputWidth]));
classification: label = classLabels[argmax]; regression: value = y * targetStd + targetMean.
`;

/** The zip of the export, ready to save as `<experiment>-best.zip`. */
export function exportZip(
  checkpoint: ModelCheckpoint,
  run: ExportedRun,
  config: ExperimentConfig,
  encoding: DatasetEncoding | null,
  imageShape?: readonly number[],
): Uint8Array {
  const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2));
  const runJson = {
    ...run,
    primaryMetricName: config.primaryMetricName,
    primaryMetricGoal: config.primaryMetricGoal,
    checkpoint: { interval: checkpoint.interval, value: checkpoint.value },
  };
  return zipSync({
    'model.json': json(modelJson(checkpoint)),
    'weights.bin': new Uint8Array(checkpoint.weightData),
    'run.json': json(runJson),
    ...(encoding ? { 'preprocessing.json': json(preprocessingJson(encoding, imageShape)) } : {}),
    'experiment.json': json(config),
    ...(config.model.module ? { [config.model.module.name]: strToU8(config.model.module.source) } : {}),
    'README.txt': strToU8(USAGE),
  });
}

/** Offers `data` as a download named `name` (an anchor click; the URL is revoked after). */
export function download(name: string, data: Uint8Array | string, type: string): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe version of an experiment name. */
export function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'experiment';
}
