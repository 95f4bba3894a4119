/**
 * `tabtune run` on an `images:` folder: the dataset summary printed (files left out by name, with
 * why), a cnn trained on generated PNGs with every augmentation on, and the export classifying new images through README's
 * "Classifying a new image" recipe, which must match the core resize rule exactly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageInputs } from '../../../src/core/data';
import { SHAPES, readmeImageInputs, shapeFiles, shapeImage, writeFiles } from '../../fixtures/images';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-run-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tabtune run on an image folder', () => {
  it('trains your own model on image data: ctx.inputShape is [size, size, channels], augmentation included', { timeout: 240_000 }, () => {
    writeFiles(join(dir, 'own'), shapeFiles(6));
    writeFileSync(join(dir, 'conv.mjs'), [
      'export function build(hp, ctx) {',
      '  const tf = ctx.tf;',
      "  if (ctx.inputShape.join() !== '8,8,3') throw new Error(`inputShape ${ctx.inputShape}`);",
      '  const model = tf.sequential();',
      "  model.add(tf.layers.conv2d({ inputShape: ctx.inputShape, filters: 4, kernelSize: 3, activation: 'relu' }));",
      '  model.add(tf.layers.flatten());',
      "  model.add(tf.layers.dense({ units: ctx.outputCount, activation: 'softmax' }));",
      '  return model;',
      '}',
    ].join('\n'));
    const file = join(dir, 'own.json');
    writeFileSync(file, JSON.stringify({
      name: 'own',
      dataset: { source: 'images:own', size: 8 },
      model: { module: './conv.mjs', hyperparameters: { epochs: 2, augment_flip: 1, augment_shift: 0.2 } },
      space: '{"learning_rate": choice(0.01)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 1,
      backend: 'wasm',
    }));
    const result = spawnSync(process.execPath, ['src/cli/tabtune.mjs', 'run', file, '--out', join(dir, 'own-out'), '--workers', '1'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    const runs = JSON.parse(readFileSync(join(dir, 'own-out', 'runs.json'), 'utf8'));
    expect(runs[0].status, JSON.stringify(runs[0])).toBe('completed');
  });

  it('prints the summary, trains a cnn and exports a model that classifies new images by the README recipe', { timeout: 240_000 }, async () => {
    writeFiles(join(dir, 'shapes'), { ...shapeFiles(12), 'square/notes.txt': 'not an image', 'hbar/broken.png': 'PNG?' });
    const file = join(dir, 'shapes.json');
    writeFileSync(file, JSON.stringify({
      name: 'shapes',
      dataset: { source: 'images:shapes', size: 8, channels: 1 },
      model: { family: 'cnn', hyperparameters: { epochs: 12, units: 8, number_of_hidden_layers: 1, learning_rate: 0.01, batch_size: 8, augment_flip: 0.5, augment_shift: 0.1, augment_zoom: 0.1, augment_brightness: 0.1 } },
      space: '{"learning_rate": choice(0.01)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 1,
      backend: 'wasm',
    }));
    const out = join(dir, 'out');
    const result = spawnSync(process.execPath, ['src/cli/tabtune.mjs', 'run', file, '--out', out, '--workers', '1'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('shapes: 36 images in 3 classes (imbalance 1.00)');
    expect(result.stderr).toContain('sizes found: 12x12 (12), 16x16 (12), 20x16 (12)');
    expect(result.stderr).toContain('2 files left out:');
    expect(result.stderr).toMatch(/hbar\/broken\.png: corrupt or not an image/);
    expect(result.stderr).toMatch(/square\/notes\.txt: not an image \(extension "txt"/);

    const pre = JSON.parse(readFileSync(join(out, 'best', 'preprocessing.json'), 'utf8'));
    expect(pre).toMatchObject({ input: 'image', imageSize: 8, channels: 1, imageShape: [8, 8, 1], inputWidth: 64, output: { classLabels: ['hbar', 'square', 'vbar'] } });
    expect(pre.resizeRule).toMatch(/centre crop/);

    const model = JSON.parse(readFileSync(join(out, 'best', 'model.json'), 'utf8'));
    const weights = readFileSync(join(out, 'best', 'weights.bin'));
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer }),
    );
    const imageInputs = readmeImageInputs();
    let correct = 0;
    const tests = SHAPES.flatMap((shape) => [0, 1, 2, 3].map((i) => ({ shape, image: shapeImage(shape, 14 + i * 3, 14, 9000 + i) })));
    for (const { shape, image } of tests) {
      const inputs = imageInputs(pre, image);
      const expected = new Float32Array(64);
      writeImageInputs(image, 8, 1, expected, 0);
      expect(Array.from(inputs)).toEqual(Array.from(expected));
      const p = Array.from(tf.tidy(() => (loaded.predict(tf.tensor2d(inputs, [1, pre.inputWidth])) as tf.Tensor).dataSync()));
      if (pre.output.classLabels[p.indexOf(Math.max(...p))] === shape) correct += 1;
    }
    loaded.dispose();
    expect(correct / tests.length).toBeGreaterThanOrEqual(0.75);
  });
});
