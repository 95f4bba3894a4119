/**
 * `tabtune run` on an image list CSV with a numeric target: a cnn with a linear output learns the
 * mean brightness of generated grey images well enough to beat predicting the training mean on
 * the validation images (val_mae in the target's own units), and the export says how to read a
 * prediction back in those units.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadImagePath } from '../../../src/cli/image-source';
import { brightnessFiles, writeFiles } from '../../fixtures/images';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-run-image-regression-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Validation MAE of always predicting the training mean (the dataset's targetMean), in target units. */
async function meanBaseline(csv: string, size: number): Promise<number> {
  const { dataset } = await loadImagePath(csv, 'list.csv', { size, channels: 1 });
  const { targetMean = 0, targetStd = 1 } = dataset.encoding;
  let sum = 0;
  for (const y of dataset.validY) sum += Math.abs(y * targetStd);
  expect(targetMean).toBeGreaterThan(50);
  return sum / dataset.validY.length;
}

describe('tabtune run on images with a numeric target', () => {
  it('trains a cnn regression whose val_mae beats predicting the mean', { timeout: 240_000 }, async () => {
    writeFiles(join(dir, 'grey'), brightnessFiles(80, 8));
    const file = join(dir, 'grey.json');
    writeFileSync(file, JSON.stringify({
      name: 'grey',
      dataset: { source: 'images:grey/list.csv', size: 8, channels: 1 },
      model: { family: 'cnn', hyperparameters: { epochs: 30, units: 16, number_of_hidden_layers: 1, batch_size: 8 } },
      space: '{"learning_rate": choice(0.01)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 1,
      backend: 'wasm',
    }));
    const out = join(dir, 'out');
    const result = spawnSync(process.execPath, ['src/cli/tabtune.mjs', 'run', file, '--out', out, '--workers', '1'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/list\.csv: 80 images, regression on "brightness" from [\d.]+ to [\d.]+/);

    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8'));
    expect(runs[0].status, JSON.stringify(runs[0])).toBe('completed');
    const valMae: number[] = runs[0].metrics.val_mae;
    const baseline = await meanBaseline(join(dir, 'grey', 'list.csv'), 8);
    // The brightness spread is tens of grey levels; learning it means well under the baseline.
    expect(baseline).toBeGreaterThan(20);
    expect(valMae.at(-1)!).toBeLessThan(0.5 * baseline);

    const pre = JSON.parse(readFileSync(join(out, 'best', 'preprocessing.json'), 'utf8'));
    expect(pre).toMatchObject({ input: 'image', task: 'regression', target: 'brightness', imageShape: [8, 8, 1], output: { kind: 'regression' } });
  });
});
