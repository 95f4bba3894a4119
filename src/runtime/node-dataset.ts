/**
 * Datasets for `tabtune run`: the bundled demos from public/datasets/ and CSV files from disk,
 * through the data module's one-call loader (the same inference and encoding as the page).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEncodeOptions, findDemo, demoDatasets, loadCsvText, type EncodedDataset } from '../core/data';
import { InvalidConfigError } from '../core/errors';
import type { DatasetSpec } from '../core/experiment';

const DEMO_DIR = fileURLToPath(new URL('../../public/datasets/', import.meta.url));

/** Where a `file:` source lives: relative paths are taken from the experiment file's folder. */
export function datasetPath(spec: DatasetSpec, experimentFile: string): string {
  const path = spec.source.slice('file:'.length);
  return isAbsolute(path) ? path : resolve(dirname(experimentFile), path);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidConfigError(`${what}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Loads and encodes the experiment's dataset (InvalidConfigError / InvalidDataError when it cannot). */
export async function loadDatasetForNode(spec: DatasetSpec, experimentFile: string): Promise<EncodedDataset> {
  const options = { ...(spec.target ? { target: spec.target } : {}), ...(spec.task ? { task: spec.task } : {}) };
  if (spec.source.startsWith('demo:')) {
    const demo = findDemo(spec.source);
    if (!demo) {
      const known = demoDatasets.map((d) => `demo:${d.id}`).join(', ');
      throw new InvalidConfigError(`experiment file: "dataset.source" names no bundled demo (got "${spec.source}"; known: ${known})`);
    }
    const text = readText(resolve(DEMO_DIR, demo.file), 'demo dataset');
    return loadCsvText(text, { ...demoEncodeOptions(demo), target: demo.target, ...options });
  }
  if (spec.source.startsWith('file:')) {
    const path = datasetPath(spec, experimentFile);
    return loadCsvText(readText(path, 'dataset.source'), { ...options, name: path, source: spec.source as `file:${string}` });
  }
  throw new InvalidConfigError(`experiment file: "dataset.source" ${JSON.stringify(spec.source)} exists only in the page; use demo:NAME or file:PATH`);
}
