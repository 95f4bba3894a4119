/**
 * `model.json` of a TensorFlow.js layers model, read the one way the page (picked files) and
 * `tabtune run` (files on disk) both use for `model.file`: its topology, its weight manifest as
 * one list of specs, and the weight files it names in manifest order (their bytes, concatenated
 * in that order, are the model's weights).
 */
import type { BaseModelFile } from './model-spec';

/** What a base model needs from model.json. */
export interface LayersModelJson {
  readonly modelTopology: unknown;
  readonly weightSpecs: BaseModelFile['weightSpecs'];
  /** Weight file paths as the manifest names them, in order. */
  readonly paths: readonly string[];
}

interface RawModelJson {
  modelTopology?: unknown;
  format?: string;
  weightsManifest?: { paths?: unknown; weights?: BaseModelFile['weightSpecs'] }[];
}

/** Parses and checks model.json's `text`; `fail(rule)` reports a problem (the caller names the file). */
export function readLayersModelJson(text: string, fail: (rule: string) => never): LayersModelJson {
  let json: RawModelJson;
  try {
    json = JSON.parse(text) as RawModelJson;
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) fail('has no "modelTopology" (is it a TensorFlow.js layers model.json?)');
  if (json.format === 'graph-model') fail('is a graph model, which cannot be trained; convert a Keras model to the layers format');
  if (!Array.isArray(json.weightsManifest)) return fail('has no "weightsManifest"');
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights ?? []),
    paths: json.weightsManifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths.map(String) : [])),
  };
}
