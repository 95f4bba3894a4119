/**
 * A TensorFlow.js layers model on disk (`model.json` and the weight files its manifest names) as
 * the inline base model of `model.file`. Every problem names the file and what is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import { readLayersModelJson, type BaseModelFile } from '../core/experiment';

function bad(path: string, rule: string): never {
  throw new InvalidConfigError(`experiment file: "model.file" ${JSON.stringify(path)}: ${rule}`);
}

/** Reads `file` (model.json) and its weight files into one inline base model. */
export function readBaseModel(file: string, written: string): BaseModelFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return bad(written, `cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const json = readLayersModelJson(text, (rule) => bad(written, rule));
  const parts = json.paths.map((path) => {
    try {
      return readFileSync(join(dirname(file), path));
    } catch (error) {
      return bad(written, `weight file "${path}" named in its weightsManifest is missing (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  });
  return { name: basename(file), modelTopology: json.modelTopology, weightSpecs: json.weightSpecs, weightData: Buffer.concat(parts).toString('base64') };
}
