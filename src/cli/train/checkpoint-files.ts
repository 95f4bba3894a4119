/**
 * A checkpoint as a folder, the unit `tabtune train` writes and continues from: `model.json` and
 * `weights.bin` (tfjs layers format, loadable by `tf.loadLayersModel`), `checkpoint.json` (the
 * interval, the primary value, the optimizer's weight manifest) and `optimizer.bin` when the
 * optimizer's state was saved.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '../../core/errors';
import type { ModelCheckpoint, WeightSpec } from '../../protocol';
import { modelJson } from '../../runtime/results';

/** What checkpoint.json holds besides the model. */
interface CheckpointJson {
  readonly interval: number;
  readonly value: number | null;
  readonly optimizer: { readonly weightSpecs: readonly WeightSpec[] } | null;
}

function bytes(buffer: ArrayBuffer): Uint8Array {
  return new Uint8Array(buffer);
}

/** The buffer of a file's bytes (a copy, not a view into Node's pool). */
function readBuffer(path: string): ArrayBuffer {
  const data = readFileSync(path);
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

/** Writes `data` to `path` through a temporary file and a rename: a reader never sees half a file. */
function writeWhole(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/**
 * Writes `checkpoint` into folder `dir` (other files there stay), each file whole; checkpoint.json
 * goes last, so a process killed mid-write leaves a folder that reads as the previous checkpoint
 * at worst with newer weights of the same model.
 */
export function writeCheckpointFolder(dir: string, checkpoint: ModelCheckpoint): void {
  mkdirSync(dir, { recursive: true });
  writeWhole(join(dir, 'model.json'), JSON.stringify(modelJson(checkpoint)) + '\n');
  writeWhole(join(dir, 'weights.bin'), bytes(checkpoint.weightData));
  if (checkpoint.optimizer) writeWhole(join(dir, 'optimizer.bin'), bytes(checkpoint.optimizer.weightData));
  else rmSync(join(dir, 'optimizer.bin'), { force: true });
  const meta: CheckpointJson = {
    interval: checkpoint.interval,
    value: Number.isFinite(checkpoint.value) ? checkpoint.value : null,
    optimizer: checkpoint.optimizer ? { weightSpecs: checkpoint.optimizer.weightSpecs } : null,
  };
  writeWhole(join(dir, 'checkpoint.json'), JSON.stringify(meta) + '\n');
}

/** Reads a folder written by {@link writeCheckpointFolder}; InvalidConfigError naming what is missing. */
export function readCheckpointFolder(dir: string): ModelCheckpoint {
  let meta: CheckpointJson;
  let model: { modelTopology: unknown; weightsManifest: { weights: WeightSpec[] }[] };
  try {
    meta = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as CheckpointJson;
    model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as typeof model;
  } catch (error) {
    throw new InvalidConfigError(`--resume-from: "${dir}" is not a checkpoint folder of tabtune train (${(error as Error).message})`);
  }
  if (!Number.isInteger(meta.interval) || meta.interval < 1) {
    throw new InvalidConfigError(`--resume-from: checkpoint.json "interval" must be an integer >= 1 (got ${JSON.stringify(meta.interval)})`);
  }
  return {
    interval: meta.interval,
    value: meta.value ?? Number.NaN,
    modelTopology: model.modelTopology,
    weightSpecs: model.weightsManifest.flatMap((group) => group.weights),
    weightData: readBuffer(join(dir, 'weights.bin')),
    ...(meta.optimizer ? { optimizer: { weightSpecs: meta.optimizer.weightSpecs, weightData: readBuffer(join(dir, 'optimizer.bin')) } } : {}),
  };
}
