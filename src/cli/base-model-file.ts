/**
 * A TensorFlow.js layers model on disk (`model.json` and the weight files its manifest names) as
 * the inline base model of `model.file`. Every problem names the file and what is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import type { BaseModelFile } from '../core/experiment';

function bad(path: string, rule: string): never {
  throw new InvalidConfigError(`experiment file: "model.file" ${JSON.stringify(path)}: ${rule}`);
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  weightsManifest?: { paths: string[]; weights: BaseModelFile['weightSpecs'] }[];
}

/** Reads `file` (model.json) and its weight files into one inline base model. */
export function readBaseModel(file: string, written: string): BaseModelFile {
  let json: ModelJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return bad(written, code ? `cannot read "${file}" (${code})` : `is not valid JSON (${(error as Error).message})`);
  }
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) bad(written, 'has no "modelTopology" (is it a TensorFlow.js layers model.json?)');
  if (json.format === 'graph-model') bad(written, 'is a graph model, which cannot be trained; convert a Keras model to the layers format');
  if (!Array.isArray(json.weightsManifest)) bad(written, 'has no "weightsManifest"');
  const parts: Buffer[] = [];
  const weightSpecs: BaseModelFile['weightSpecs'][number][] = [];
  for (const group of json.weightsManifest) {
    for (const path of group.paths) {
      try {
        parts.push(readFileSync(join(dirname(file), path)));
      } catch (error) {
        bad(written, `weight file "${path}" named in its weightsManifest is missing (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
    weightSpecs.push(...group.weights);
  }
  return { name: basename(file), modelTopology: json.modelTopology, weightSpecs, weightData: Buffer.concat(parts).toString('base64') };
}
