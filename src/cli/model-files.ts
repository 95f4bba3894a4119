/**
 * `model.module` and `model.file` paths of an experiment file, read for `tabtune run` relative to
 * the experiment file's folder and turned into the inline form every other part uses.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { InvalidConfigError } from '../core/errors';
import type { ModelReaders } from '../core/experiment';
import { readBaseModel } from './base-model-file';

/** Where `path` (as written in the experiment file) lives. */
export function besideExperiment(experimentFile: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(experimentFile), path);
}

/** Readers of module and model-file paths relative to `experimentFile`. */
export function modelReaders(experimentFile: string): ModelReaders {
  return {
    readModule(path) {
      const file = besideExperiment(experimentFile, path);
      if (!/\.(mjs|js)$/i.test(file)) throw new InvalidConfigError(`experiment file: "model.module" must be an ES module file ending in .mjs or .js (got "${path}")`);
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InvalidConfigError(`experiment file: "model.module" cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      return { name: basename(file), source };
    },
    readModelFile(path) {
      return readBaseModel(besideExperiment(experimentFile, path), path);
    },
  };
}
