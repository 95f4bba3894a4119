import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJson } from '../../../src/runtime/results';
import { tabtuneRun, experimentFile } from './tabtune-run';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-fine-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tabtune = tabtuneRun;

const experiment = (name: string, body: Record<string, unknown>): string => experimentFile(dir, name, body);

interface ModelJson {
  modelTopology: { config: { layers: { class_name: string; config: { name: string; units?: number } }[] } };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

/** A tabtune export (DIR/best) as its model.json and its weights by name. */
function exported(best: string): { json: ModelJson; weights: Record<string, Float32Array> } {
  const json = JSON.parse(readFileSync(join(best, 'model.json'), 'utf8')) as ModelJson;
  const data = new Uint8Array(readFileSync(join(best, 'weights.bin'))).buffer;
  const tensors = tf.io.decodeWeights(data, json.weightsManifest[0].weights);
  const weights = Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, t.dataSync() as Float32Array]));
  tf.dispose(Object.values(tensors));
  return { json, weights };
}

/**
 * demo:digits with the target replaced by the digit's parity (2 classes instead of 10). The three
 * pixels that are 0 in every image get a 1 in the first row: a CSV's constant columns are dropped,
 * and the base model takes all 64 pixels.
 */
function parityCsv(): string {
  const [header, ...rows] = readFileSync('public/datasets/digits.csv', 'utf8').trim().split(/\r?\n/);
  const cells = rows.map((r) => r.split(','));
  const width = cells[0].length - 1;
  const constant = [...Array(width).keys()].filter((j) => cells.every((r) => r[j] === cells[0][j]));
  const lines = cells.map((r, i) => [...r.slice(0, width).map((v, j) => (i === 0 && constant.includes(j) ? '1' : v)), Number(r[width]) % 2 === 0 ? 'even' : 'odd'].join(','));
  const file = join(dir, 'parity.csv');
  writeFileSync(file, [header.replace(/,digit$/, ',parity'), ...lines].join('\n') + '\n');
  return file;
}

const FINE_TUNE = {
  name: 'parity',
  dataset: { source: 'file:./parity.csv', target: 'parity' },
  space: '{"learning_rate": choice(0.01), "freeze_up_to": choice(1, 2)}',
  sampling: { type: 'grid' },
  maxTotalRuns: 2,
  backend: 'wasm',
};

describe('tabtune run fine-tunes a model file', () => {
  beforeAll(() => {
    // The base model: a tabtune export of a 3-layer mlp trained on the 10 digits.
    const file = experiment('base', {
      name: 'digits base',
      dataset: { source: 'demo:digits' },
      model: { hyperparameters: { epochs: 2, units: 16, number_of_hidden_layers: 2 } },
      space: '{"learning_rate": choice(0.01)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 1,
      backend: 'wasm',
    });
    const { code, stderr } = tabtune(file, '--out', join(dir, 'base'), '--workers', '1');
    expect(code, stderr).toBe(0);
    parityCsv();
  }, 240_000);

  it('replaces the 10-class head by a 2-class one; frozen layers keep their weights bit for bit, the others train', { timeout: 240_000 }, () => {
    const file = experiment('parity', { ...FINE_TUNE, model: { file: './base/best/model.json', freezeUpTo: 1, hyperparameters: { epochs: 2 } } });
    const out = join(dir, 'parity-out');
    const { code, stdout, stderr } = tabtune(file, '--out', out, '--workers', '2');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^experiment parity completed: maxTotalRuns \(2\) reached$/m);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];
    expect(runs.map((r) => [r.status, r.parameters.freeze_up_to])).toEqual([['completed', 1], ['completed', 2]]);

    const base = exported(join(dir, 'base', 'best'));
    const tuned = exported(join(out, 'best'));
    const layers = tuned.json.modelTopology.config.layers.filter((l) => l.class_name !== 'InputLayer');
    expect(layers.map((l) => l.config.units)).toEqual([16, 16, 2]);
    expect(tuned.json.weightsManifest[0].weights.find((w) => w.name.endsWith('/kernel') && w.shape[1] === 2)?.shape).toEqual([16, 2]);

    // Layers with index < freeze_up_to (the best run's) are bit-identical; later ones changed.
    const k = (JSON.parse(readFileSync(join(out, 'best', 'run.json'), 'utf8')) as { parameters: { freeze_up_to: number } }).parameters.freeze_up_to;
    const baseLayers = base.json.modelTopology.config.layers.map((l) => l.config.name);
    for (const [i, name] of baseLayers.slice(0, 2).entries()) {
      for (const part of ['kernel', 'bias']) {
        const before = Buffer.from(base.weights[`${name}/${part}`].buffer);
        const after = Buffer.from(tuned.weights[`${name}/${part}`].buffer);
        expect(after.equals(before), `${name}/${part} (layer ${i}, freeze_up_to ${k})`).toBe(i < k);
      }
    }
  });

  function baseCopy(name: string, change: (json: ModelJson, weights: Buffer) => Buffer | null): string {
    const target = join(dir, name);
    mkdirSync(target, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, 'base', 'best', 'model.json'), 'utf8')) as ModelJson;
    const weights = change(json, readFileSync(join(dir, 'base', 'best', 'weights.bin')));
    writeFileSync(join(target, 'model.json'), JSON.stringify(json));
    if (weights) writeFileSync(join(target, 'weights.bin'), weights);
    return `./${name}/model.json`;
  }

  it.each([
    ['a missing weight file', () => ({ file: baseCopy('no-weights', () => null) }), /"model\.file" ".\/no-weights\/model\.json": weight file "weights\.bin" named in its weightsManifest is missing \(ENOENT\)/],
    [
      'a short weight file',
      () => ({ file: baseCopy('short', (_, w) => w.subarray(0, w.length - 8)) }),
      /base model "model\.json": weight "dense_Dense\d+\/bias" \(shape \[10\], float32\) needs bytes \d+\.\.\d+ but the weight files hold \d+ bytes/,
    ],
    [
      'a manifest naming a weight the topology lacks',
      () => ({ file: baseCopy('renamed', (j, w) => ((j.weightsManifest[0].weights[0].name = 'nope/kernel'), w)) }),
      /base model "model\.json": its weights do not match its topology: .*nope\/kernel/,
    ],
    ['freezeUpTo past the last layer', () => ({ file: './base/best/model.json', freezeUpTo: 3 }), /base model "model\.json": freezeUpTo 3 must be less than its layer count 3, so that the output layer trains \(layers: 0 dense_Dense\d+, 1 /],
    [
      'a graph model',
      () => ({ file: baseCopy('graph', (j, w) => (Object.assign(j, { format: 'graph-model' }), w)) }),
      /"model\.file" ".\/graph\/model\.json": is a graph model, which cannot be trained/,
    ],
  ])('exits 2 for %s, naming it', (_, model, message) => {
    const file = experiment('bad', { ...FINE_TUNE, model: model() });
    const { code, stderr } = tabtune(file, '--out', join(dir, 'bad-out'));
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('exits 2 when the model input does not fit the dataset, naming both shapes', () => {
    const file = experiment('iris', { ...FINE_TUNE, dataset: { source: 'demo:iris' }, model: { file: './base/best/model.json' } });
    const { code, stderr } = tabtune(file);
    expect(stderr).toContain('experiment file: "model.file": base model "model.json": its input shape [null, 64] does not fit the dataset\'s inputs [null, 4]');
    expect(code).toBe(2);
  });

  it('exits 2 for a space naming a hyperparameter the base model does not have', () => {
    const file = experiment('units', { ...FINE_TUNE, space: '{"units": choice(8, 16)}', model: { file: './base/best/model.json' } });
    const { code, stderr } = tabtune(file);
    expect(stderr).toContain('parameter "units" is not a training hyperparameter of a base model');
    expect(code).toBe(2);
  });
});
