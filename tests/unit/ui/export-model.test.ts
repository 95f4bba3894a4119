import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DatasetEncoding } from '../../../src/core/data';
import type { ModelCheckpoint } from '../../../src/runtime';
import { exportZip, fileStem, type ExportedRun } from '../../../src/ui/state/export-model';
import { config } from './helpers';

const weights = new Float32Array([0.5, -1.25, 3, 0, 42, -0.001]);

const checkpoint: ModelCheckpoint = {
  interval: 4,
  value: 0.93,
  modelTopology: { class_name: 'Sequential', config: { name: 'mlp', layers: [{ class_name: 'Dense', config: { units: 2 } }] } },
  weightSpecs: [
    { name: 'dense/kernel', shape: [2, 2], dtype: 'float32' },
    { name: 'dense/bias', shape: [2], dtype: 'float32' },
  ],
  weightData: weights.buffer.slice(0),
};

const exported: ExportedRun = {
  id: 'run-7',
  experimentId: 'exp-1',
  params: { learning_rate: 0.003, units: 64 },
  status: 'completed',
  backend: 'wasm',
  metrics: { m: [0.5, 0.8, 0.9, 0.93, 0.91], loss: [1, 0.6, 0.4, 0.3, 0.31] },
  best: { value: 0.93, interval: 4 },
};

const encoding: DatasetEncoding = {
  target: 'label',
  task: 'classification',
  columns: [
    { kind: 'numeric', name: 'x', mean: 2, std: 0.5 },
    { kind: 'categorical', name: 'c', levels: ['a', 'b'] },
  ],
  classLabels: ['no', 'yes'],
};

function unzip(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

function json(files: Record<string, Uint8Array>, name: string): Record<string, unknown> {
  return JSON.parse(strFromU8(files[name])) as Record<string, unknown>;
}

describe('exportZip', () => {
  const cfg = config({ name: 'digits run', primaryMetricName: 'm', primaryMetricGoal: 'maximize' });
  const files = unzip(exportZip(checkpoint, exported, cfg, encoding));

  it('holds the model, its weights, the run, the preprocessing, the experiment and a README', () => {
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'experiment.json', 'model.json', 'preprocessing.json', 'run.json', 'weights.bin']);
  });

  it('holds the model module\'s source under its file name when the experiment trained the user\'s code', () => {
    const source = 'export function build(hp, ctx) {\n  return ctx.tf.sequential();\n}\n';
    const own = { ...cfg, model: { family: 'module' as const, module: { name: 'my-model.mjs', source }, hyperparameters: {} } };
    const zipped = unzip(exportZip(checkpoint, exported, own, encoding));
    expect(Object.keys(zipped)).toContain('model.json');
    expect(strFromU8(zipped['my-model.mjs'])).toBe(source);
  });

  it('model.json is a TensorFlow.js layers model whose manifest points at weights.bin', () => {
    const model = json(files, 'model.json');
    expect(model.format).toBe('layers-model');
    expect(model.modelTopology).toEqual(checkpoint.modelTopology);
    expect(model.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: checkpoint.weightSpecs }]);
  });

  it('weights.bin is the checkpoint weights byte for byte, sized as the manifest says', () => {
    const bytes = files['weights.bin'];
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))).toEqual(Array.from(weights));
    const values = checkpoint.weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    expect(bytes.byteLength).toBe(values * 4);
  });

  it('run.json has the parameters, every metric, the score and the interval the model comes from', () => {
    expect(json(files, 'run.json')).toEqual({
      ...exported,
      primaryMetricName: 'm',
      primaryMetricGoal: 'maximize',
      checkpoint: { interval: 4, value: 0.93 },
    });
  });

  it('preprocessing.json describes the inputs and class labels', () => {
    const pre = json(files, 'preprocessing.json');
    expect(pre).toMatchObject({ target: 'label', task: 'classification', featureColumns: ['x', 'c'], inputWidth: 3 });
    expect(pre.output).toMatchObject({ classLabels: ['no', 'yes'] });
    expect(pre).not.toHaveProperty('imageShape');
  });

  it('experiment.json is the experiment file, re-importable as is', () => {
    expect(json(files, 'experiment.json')).toEqual(JSON.parse(JSON.stringify(cfg)));
  });

  it('README.txt tells how to load the model and apply preprocessing', () => {
    const readme = strFromU8(files['README.txt']);
    expect(readme).toMatch(/tf\.loadLayersModel/);
    expect(readme).toMatch(/featureColumns/);
  });

  it('carries the image shape for image data, and leaves preprocessing.json out without an encoding', () => {
    const image = unzip(exportZip(checkpoint, exported, cfg, encoding, [8, 8, 1]));
    expect(json(image, 'preprocessing.json').imageShape).toEqual([8, 8, 1]);
    const bare = unzip(exportZip(checkpoint, exported, cfg, null));
    expect(Object.keys(bare)).not.toContain('preprocessing.json');
    expect(Object.keys(bare)).toContain('model.json');
  });

  it('does not detach or change the checkpoint weights it reads', () => {
    const before = Array.from(new Float32Array(checkpoint.weightData));
    exportZip(checkpoint, exported, cfg, encoding);
    expect(Array.from(new Float32Array(checkpoint.weightData))).toEqual(before);
  });
});

describe('fileStem', () => {
  it.each([
    ['digits-mlp', 'digits-mlp'],
    ['my experiment #2', 'my-experiment-2'],
    ['  ../etc/passwd  ', '..-etc-passwd'],
    ['v1.2_final', 'v1.2_final'],
    ['***', 'experiment'],
    ['', 'experiment'],
  ])('%j -> %j', (name, stem) => {
    expect(fileStem(name)).toBe(stem);
  });
});
