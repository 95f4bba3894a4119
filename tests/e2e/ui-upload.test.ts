/**
 * Flow (b) of the UI: upload a CSV, pick its target (a regression with a text column), run a
 * small experiment on it, export the best run, and check that the export applies to raw rows:
 * one-hot levels, standardization, and predictions in the target's own units.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { openApp, type AppSession } from './support/app';
import { RESULTS, csvRows, downloadVia, filesIOHandler, jsonOf, predict, readZip, unpackTo, waitForStatus, type Preprocessing } from './support/ui';

/** 240 houses: price = 50 + 30 size - 4 age + color effect + noise, target in the second column. */
function housesCsv(): string {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const effect: Record<string, number> = { red: 12, green: 0, blue: -12 };
  const lines = ['size,price,age,color'];
  for (let i = 0; i < 240; i++) {
    const size = 1 + next() * 4;
    const age = Math.floor(next() * 40);
    const color = ['red', 'green', 'blue'][Math.floor(next() * 3)];
    const price = 50 + 30 * size - 0.4 * age + effect[color] + (next() - 0.5) * 4;
    lines.push(`${size.toFixed(3)},${price.toFixed(2)},${age},${color}`);
  }
  return `${lines.join('\n')}\n`;
}

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('an uploaded CSV', () => {
  it('is tuned on the chosen target and exports a model that predicts in the target units', async () => {
    const { page } = app;
    const text = housesCsv();
    await page.getByLabel('Upload CSV').setInputFiles({ name: 'houses.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByTestId('summary-rows').filter({ hasText: '240' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Target column').selectOption('price');
    await expect.poll(() => page.getByLabel('Task', { exact: true }).inputValue()).toBe('regression');
    await expect.poll(() => page.getByLabel('Primary metric').inputValue()).toBe('val_mae');

    // The name follows the dataset until typed.
    await expect.poll(() => page.getByLabel('Experiment name').inputValue()).toBe('houses-mlp');
    await page.getByLabel('Experiment name').fill('houses');
    await page.getByRole('textbox', { name: /Parameter space/ }).fill('{\n  "learning_rate": loguniform(-4, -2),\n  "units": choice(16, 32)\n}');
    await page.getByLabel('Epochs per run').fill('30');
    await page.getByLabel('Policy').selectOption('none');
    await page.getByLabel('Max runs').fill('3');
    await page.getByLabel('Max concurrent runs').fill('2');
    // The machine setting caps the pool below maxConcurrentRuns, and the dashboard says so.
    await page.getByLabel('Training workers').fill('1');
    await page.getByLabel('Training workers').blur();
    // wasm directly: the automatic choice measures every backend first, which the demo flow covers.
    await page.getByLabel('Backend').selectOption('wasm');
    await page.screenshot({ path: `${RESULTS}/ui-upload-builder.png`, fullPage: true });
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['completed'], 240_000);
    await page.screenshot({ path: `${RESULTS}/ui-upload-dashboard.png`, fullPage: true });
    await expect.poll(() => page.textContent('body')).toContain('1 at once: the pool has 1 worker (maxConcurrentRuns is 2)');

    const zipPath = `${RESULTS}/ui-upload-best.zip`;
    await downloadVia(page, 'Export best model (.zip)', zipPath);
    const files = readZip(zipPath);
    unpackTo(files, `${RESULTS}/ui-upload-best`);
    const pre = jsonOf<Preprocessing & { target: string; task: string }>(files, 'preprocessing.json');
    expect(pre.target).toBe('price');
    expect(pre.task).toBe('regression');
    expect(pre.featureColumns).toEqual(['size', 'age', 'color']);
    const color = pre.inputs.find((input) => input.column === 'color');
    expect(color?.kind === 'one-hot' ? [...color.levels].sort() : null).toEqual(['blue', 'green', 'red']);
    const config = jsonOf<{ dataset: { target: string; task: string } }>(files, 'experiment.json');
    expect(config.dataset).toMatchObject({ target: 'price', task: 'regression' });

    const rows = csvRows(text);
    const model = await tf.loadLayersModel(filesIOHandler(files));
    const predicted = predict(model, rows, pre) as number[];
    model.dispose();
    const prices = rows.map((row) => Number(row.price));
    const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
    const mae = predicted.reduce((sum, p, i) => sum + Math.abs(p - prices[i]), 0) / prices.length;
    const spread = prices.reduce((sum, p) => sum + Math.abs(p - mean), 0) / prices.length;
    expect(mae).toBeLessThan(0.5 * spread);
    const run = jsonOf<{ best: { value: number } }>(files, 'run.json');
    expect(run.best.value).toBeLessThan(0.5 * spread);
    expect(app.errors).toEqual([]);
  });

  it('stays in the dataset picker after a reload, with its target, ready for a new experiment', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('summary-rows').waitFor({ timeout: 60_000 });
    const picker = page.getByLabel('Demo or stored dataset');
    const option = picker.locator('option', { hasText: /^houses\.csv: price \(regression\), 240 rows/ });
    await option.waitFor({ state: 'attached' });
    await picker.selectOption((await option.getAttribute('value'))!);
    await expect(page.getByTestId('stored-dataset').textContent()).resolves.toMatch(/stored houses\.csv: target price \(regression\)/);
    await expect.poll(() => page.getByLabel('Experiment name').inputValue()).toBe('houses-mlp');
    await expect.poll(() => page.getByLabel('Primary metric').inputValue()).toBe('val_mae');
    await expect(page.getByRole('button', { name: 'Start experiment' }).isEnabled()).resolves.toBe(true);
    await expect(page.locator('pre.json').textContent()).resolves.toMatch(/"source": "upload:houses\.csv"/);
    expect(app.errors).toEqual([]);
  });
});
