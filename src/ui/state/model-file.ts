/**
 * A TensorFlow.js layers model chosen in the page (model.json plus the weight files its manifest
 * names, picked or dropped together) as the inline base model of `model.file`: the weight files
 * concatenated in manifest order, base64, checked against the manifest by core's baseModelWeights. model.json is read by core's
 * readLayersModelJson, as the CLI's readBaseModel reads it from disk. Problems throw an Error naming the file and what is wrong.
 */
import { baseModelWeights, readLayersModelJson, type BaseModelFile } from '../../core/experiment';

/** A chosen file's name and bytes. */
export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Base64 of `bytes` (in chunks: String.fromCharCode takes a bounded argument list). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function modelJsonOf(files: readonly PickedFile[]): PickedFile {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const chosen = jsons.find((f) => f.name === 'model.json') ?? (jsons.length === 1 ? jsons[0] : undefined);
  if (!chosen) {
    const names = files.map((f) => f.name).join(', ') || 'none';
    throw new Error(jsons.length === 0 ? `choose model.json together with its weight files (chosen: ${names})` : `several .json files were chosen (${names}): choose one model.json with its weight files`);
  }
  return chosen;
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** The base model of the chosen `files`: model.json and every weight file it names. */
export function baseModelOf(files: readonly PickedFile[]): BaseModelFile {
  const model = modelJsonOf(files);
  const json = readLayersModelJson(new TextDecoder().decode(model.bytes), (rule) => {
    throw new Error(`${model.name} ${rule}`);
  });
  const byName = new Map(files.map((f) => [f.name, f]));
  const { paths, weightSpecs } = json;
  const missing = paths.filter((path) => !byName.has(baseName(path)));
  if (missing.length > 0) {
    const list = missing.map((p) => `"${baseName(p)}"`).join(', ');
    throw new Error(`${model.name} names weight file${missing.length > 1 ? 's' : ''} ${list}, not among the chosen files (${files.map((f) => f.name).join(', ')}): choose ${missing.length > 1 ? 'them' : 'it'} together with ${model.name}`);
  }
  const parts = paths.map((path) => byName.get(baseName(path))!.bytes);
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  const file = { name: model.name, modelTopology: json.modelTopology, weightSpecs, weightData: base64Of(data) };
  // The worker and tabtune run check the same: weight bytes that do not fit the manifest name the weight now.
  baseModelWeights(file);
  return file;
}

/** The layer names of a layers-model topology (Sequential or functional, with or without `model_config`), in order. */
export function layerNames(topology: unknown): string[] {
  const t = topology as { model_config?: unknown; config?: { layers?: { name?: string; config?: { name?: string } }[] } } | null;
  const inner = (t?.model_config ?? t) as typeof t;
  return (inner?.config?.layers ?? []).map((layer, i) => layer.config?.name ?? layer.name ?? `layer ${i}`);
}
