/**
 * Flow (a) of the UI: open the page, start the demo in one click, wait for it to complete, see
 * the best run, export it, and load the exported model.json with tfjs (Node, cpu backend, through
 * a file IOHandler) to predict digits from raw rows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { openApp, type AppSession } from './support/app';
import { RESULTS, csvRows, downloadVia, filesIOHandler, jsonOf, overflowsSideways, predict, readZip, unnamedControls, unpackTo, waitForStatus, type Preprocessing } from './support/ui';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('the demo in one click', () => {
  it('runs to completion, shows the best run and exports a model that predicts raw rows', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').waitFor({ timeout: 60_000 });
    expect(await unnamedControls(page)).toEqual([]);
    // Keyboard: the one-click start is the first control after the header.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Start demo');
    await page.keyboard.press('Enter');
    // The live dot is decoration: the button's name stays a name.
    await page.getByRole('button', { name: 'Dashboard live', exact: true }).waitFor({ timeout: 60_000 });
    await waitForStatus(page, ['running', 'completed'], 60_000);
    await waitForStatus(page, ['completed'], 240_000);
    // What auto measured stays in view: each backend's samples/s.
    await expect(page.getByText(/^Backend: .*\(measured: .*samples\/s/).count()).resolves.toBe(1);

    const headline = page.getByRole('region', { name: 'Best run' });
    await expect(headline.getByText(/best val_accuracy/).textContent()).resolves.toMatch(/Run \d+: best val_accuracy/);
    const best = Number(await page.getByTestId('best-value').textContent());
    expect(best).toBeGreaterThan(0.5);
    expect(await page.locator('tr[aria-current="true"]').count()).toBe(1);
    // Eight runs are too few to rank parameters: the importance view says so instead of guessing.
    await expect(page.getByTestId('importance-unavailable').textContent()).resolves.toMatch(/Parameter importance is hidden: it needs at least 10 scored runs \(has [0-8]\)/);
    await expect(page.getByTestId('slices').getByRole('figure').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: `${RESULTS}/ui-demo-dashboard.png`, fullPage: true });
    expect(await unnamedControls(page)).toEqual([]);

    // The timeline: every run on the row of its worker, and the same in words.
    await expect(page.getByTestId('run-timeline').getByRole('status').textContent()).resolves.toMatch(/^8 runs on 2 workers over [\d.]+ s; the workers were busy \d+% of the time/);

    // What would another policy have saved on these very curves?
    const replayPanel = page.getByTestId('policy-replay');
    await replayPanel.getByText('What would a policy have saved?').click();
    await replayPanel.getByRole('combobox').selectOption('asha');
    await expect(replayPanel.getByRole('textbox').inputValue()).resolves.toBe('{"type":"asha","minResource":1,"reductionFactor":3,"gracePeriod":0}');
    await replayPanel.getByRole('button', { name: 'Replay' }).click();
    await expect(page.getByTestId('replay-result').textContent()).resolves.toMatch(/^asha would have stopped \d+ of 8 runs and saved \d+% of the intervals, with (the same best value|best val_accuracy .* instead of .*)\.$/);
    await replayPanel.getByRole('textbox').fill('{"type":"asha","reductionFactor":1}');
    await replayPanel.getByRole('button', { name: 'Replay' }).click();
    await expect(page.getByTestId('replay-result').textContent()).resolves.toContain('"reductionFactor" must be an integer >= 2 (got 1)');

    const zipPath = `${RESULTS}/ui-demo-best.zip`;
    expect(await downloadVia(page, 'Export best model (.zip)', zipPath)).toMatch(/^digits-mlp-best-run-\d+\.zip$/);
    const files = readZip(zipPath);
    unpackTo(files, `${RESULTS}/ui-demo-best`);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'experiment.json', 'model.json', 'preprocessing.json', 'run.json', 'weights.bin']);
    const run = jsonOf<{ best: { value: number }; params: Record<string, unknown> }>(files, 'run.json');
    expect(run.best.value).toBeCloseTo(best, 3);
    expect(Object.keys(run.params).sort()).toEqual(['batch_size', 'keep_probability', 'learning_rate', 'number_of_hidden_layers', 'units']);

    const pre = jsonOf<Preprocessing>(files, 'preprocessing.json');
    expect(pre.featureColumns).toHaveLength(64);
    const model = await tf.loadLayersModel(filesIOHandler(files));
    const rows = csvRows(readFileSync('public/datasets/digits.csv', 'utf8')).slice(0, 40);
    const predicted = predict(model, rows, pre);
    const correct = predicted.filter((label, i) => label === rows[i].digit).length;
    model.dispose();
    expect(correct / rows.length).toBeGreaterThan(0.7);

    const csvPath = `${RESULTS}/ui-demo-runs.csv`;
    await downloadVia(page, 'Export runs table (.csv)', csvPath);
    const csv = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^run,id,status,reason,learning_rate,.*best_val_accuracy,last_val_accuracy,intervals,duration_s,backend$/);
    expect(csv).toHaveLength(9);

    // At 1400 px the user picks the columns; Run and Status stay in view when the table scrolls.
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.locator('details.columns > summary').click();
    await page.getByRole('group', { name: 'Columns of the runs table' }).getByLabel('Backend').uncheck();
    await expect(page.getByRole('columnheader', { name: /Backend/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: /Run/ }).first().evaluate((th) => getComputedStyle(th).position)).resolves.toBe('sticky');
    await expect(page.locator('td.fixed.status').first().evaluate((td) => getComputedStyle(td).left)).resolves.not.toBe('auto');

    // A narrow window: everything still fits (wide tables scroll inside their own box).
    await page.setViewportSize({ width: 400, height: 860 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${RESULTS}/ui-demo-narrow.png`, fullPage: true });
    expect(await overflowsSideways(page)).toBe(false);
    expect(app.errors).toEqual([]);
  });

  it('lists the demo among the stored experiments and warm-starts a new one from it', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'digits-mlp' });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/completed.*val_accuracy 0\.\d+.*8 of 8/);
    await page.getByLabel('Warm-start parent: digits-mlp').check();
    await page.getByRole('button', { name: /New experiment warm-started from 1 parent/ }).click();
    await expect(page.getByRole('group', { name: 'Warm start from' }).textContent()).resolves.toMatch(/digits-mlp/);
    await page.getByLabel('Max runs').fill('2');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByRole('heading', { name: 'digits-mlp-warm' }).waitFor({ timeout: 60_000 });
    await waitForStatus(page, ['completed'], 120_000);
    const headline = page.getByRole('region', { name: 'Best run' }).getByText(/best val_accuracy/);
    await page.getByLabel("include warm-start parents' runs").uncheck();
    await expect(headline.textContent()).resolves.toMatch(/^Run [12]: /);
    await page.getByLabel("include warm-start parents' runs").check();
    await expect(headline.textContent()).resolves.toMatch(/^(Parent run|Run) /);
    await page.screenshot({ path: `${RESULTS}/ui-demo-warm-start.png`, fullPage: true });

    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete digits-mlp-warm' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete digits-mlp-warm' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete digits-mlp', exact: true }).count()).toBe(1);
    expect(app.errors).toEqual([]);
  });

  it('shows the latest stored experiment in the dashboard after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
    await waitForStatus(page, ['completed'], 30_000);
    await expect(page.getByText('No experiment yet').count()).resolves.toBe(0);
    await page.getByRole('heading', { name: 'digits-mlp', exact: true }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
