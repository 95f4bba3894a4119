/**
 * "Model file" in the builder: a TensorFlow.js layers model saved in Node is chosen as model.json
 * alone (the error names the missing weight file), then dropped with its weight file; the page
 * reads it into the inline base model, shows its layers, and the experiment file view shows the
 * weights as their size instead of the base64. Then it is fine-tuned on digits with its first
 * layer frozen, and the best run's export is the fine-tuned model (the stored experiment file
 * keeps the base weights).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { strFromU8 } from 'fflate';
import { RESULTS, downloadVia, fillBuilder, jsonOf, readZip, unnamedControls, waitForStatus } from './support/ui';

let app: AppSession;
let files: { name: string; mimeType: string; buffer: Buffer }[];

/** A small digits classifier (64 inputs, 10 classes) as model.json + one weight file. */
async function savedModel(): Promise<typeof files> {
  await tf.setBackend('cpu');
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [64], activation: 'relu', name: 'base_hidden' }), tf.layers.dense({ units: 10, activation: 'softmax', name: 'base_out' })] });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  const artifacts = saved as unknown as tf.io.ModelArtifacts;
  const json = { format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }] };
  return [
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
    { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(artifacts.weightData as ArrayBuffer) },
  ];
}

beforeAll(async () => {
  files = await savedModel();
  app = await openApp();
  await app.page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
});

describe('a model file in the builder', () => {
  it('names a missing weight file, then takes model.json and its weights dropped together', async () => {
    const { page } = app;
    await page.getByLabel('Model file (fine-tune)').check();
    await page.getByLabel('Choose model.json and weight files').setInputFiles([files[0]]);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'group1-shard1of1.bin' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'model.json names weight file "group1-shard1of1.bin"' }).count()).toBe(1);

    const transfer = await page.evaluateHandle((picked) => {
      const dt = new DataTransfer();
      for (const f of picked) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
      return dt;
    }, files.map((f) => ({ name: f.name, bytes: [...f.buffer] })));
    await page.getByRole('group', { name: /Drop model\.json/ }).dispatchEvent('drop', { dataTransfer: transfer });
    const summary = page.getByTestId('model-file-summary');
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/model\.json: 2 layers, 4 weight tensors, [\d.]+ KB of weights/);
    expect(await page.getByRole('alert').filter({ hasText: 'group1-shard1of1.bin' }).count()).toBe(0);

    await page.getByLabel('Freeze layers before').fill('1');
    expect(await page.getByText('layers 0 to 0 (base_hidden) keep their weights').count()).toBe(1);
    await page.getByText('Experiment file (JSON)').click();
    const shown = (await page.locator('pre.json').textContent()) ?? '';
    expect(shown).toMatch(/"weightData": "<weights: [\d.]+ KB>"/);
    expect(shown).toContain('"freezeUpTo": 1');
    expect(shown.length).toBeLessThan(20_000);
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: `${RESULTS}/ui-model-file.png`, fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('fine-tunes the uploaded model with its first layer frozen and exports the result', async () => {
    const { page } = app;
    await fillBuilder(page, { name: 'fine-tune', space: '{"learning_rate": loguniform(-6, -3)}', epochs: 3, runs: 2 });
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['completed'], 180_000);
    expect(await page.getByRole('cell', { name: 'completed', exact: true }).count()).toBe(2);

    const zipPath = `${RESULTS}/ui-model-file-best.zip`;
    await downloadVia(page, 'Export best model (.zip)', zipPath);
    const zip = readZip(zipPath);
    const layers = jsonOf<{ modelTopology: { config: { layers: { config: { name: string; trainable: boolean } }[] } } }>(zip, 'model.json').modelTopology.config.layers;
    expect(layers.map((l) => [l.config.name, l.config.trainable])).toEqual([['base_hidden', false], ['base_out', true]]);
    const experiment = JSON.parse(strFromU8(zip['experiment.json'])) as { model: { file: { weightData: string }; freezeUpTo: number } };
    expect(experiment.model.freezeUpTo).toBe(1);
    expect(experiment.model.file.weightData).toBe(files[1].buffer.toString('base64'));
    await page.screenshot({ path: `${RESULTS}/ui-model-file-dashboard.png`, fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
