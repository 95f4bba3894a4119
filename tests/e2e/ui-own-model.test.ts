/**
 * "Your own model" in the page: a syntax error in the code editor shows its line and column and
 * blocks Start; a build(hp, ctx) pasted into the editor, with its own parameter in the space, runs
 * on the dashboard; a reload mid-run leaves it interrupted and a resume continues the runs from
 * their checkpoints (intervals continue, none restarts); the best run's zip holds model.json and
 * the module's source.
 */
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { RESULTS, downloadVia, fillBuilder, readZip, runningInterval, storedIntervals, unnamedControls, waitForStatus } from './support/ui';

const NAME = 'own-model';
const EPOCHS = 30;
const RUNS = 3;
const MODULE = `export function build(hp, ctx) {
  const tf = ctx.tf;
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: ctx.inputShape }));
  model.add(tf.layers.dense({ units: hp.width, activation: 'relu' }));
  model.add(tf.layers.dense({ units: ctx.outputCount, activation: 'softmax' }));
  return model;
}
`;

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  await app.page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
});

describe('your own model code in the page', () => {
  it('a syntax error shows my-model.mjs:line:column under the editor and blocks Start', async () => {
    const { page } = app;
    await page.getByLabel('Your model code').check();
    const editor = page.getByRole('textbox', { name: 'Model code (my-model.mjs)' });
    await editor.fill('export function build(hp, ctx) {\n  return ctx.tf.sequential(;\n}\n');
    const problems = page.getByRole('list', { name: 'Problems in my-model.mjs' });
    await expect.poll(() => problems.textContent(), { timeout: 10_000 }).toMatch(/my-model\.mjs:2:28: syntax error/);
    expect(await page.getByRole('button', { name: 'Start experiment' }).isDisabled()).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'my-model.mjs:2:28' }).count()).toBe(1);
    // The editor marks the line too (CodeMirror's lint gutter).
    await page.locator('.cm-lint-marker-error').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${RESULTS}/ui-own-model-syntax-error.png`, fullPage: true });
  });

  it('runs a pasted build(hp, ctx) with its own parameter, resumes after a reload, and exports the module with the model', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Model code (my-model.mjs)' }).fill(MODULE);
    await expect.poll(() => page.getByTestId('module-status').textContent(), { timeout: 10_000 }).toMatch(/No problems\. Exports build/);
    await fillBuilder(page, { name: NAME, space: '{\n  "width": choice(16, 24, 32),\n  "learning_rate": loguniform(-6, -4)\n}', epochs: EPOCHS, runs: RUNS });
    await page.getByText('Experiment file (JSON)').click();
    expect(await page.locator('pre.json').textContent()).toContain('"name": "my-model.mjs"');
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start experiment' }).click();

    await waitForStatus(page, ['running'], 60_000);
    expect(await page.getByRole('columnheader', { name: 'width' }).count()).toBe(1);
    await expect.poll(() => runningInterval(page), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `${RESULTS}/ui-own-model-running.png`, fullPage: true });

    await page.reload();
    await page.getByRole('button', { name: 'Experiments' }).click();
    const row = page.getByRole('row').filter({ hasText: NAME });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/interrupted/);
    const before = await storedIntervals(page, NAME);
    const cut = before.find((run) => run.status === 'interrupted');
    expect(cut?.intervals.length).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: `Resume ${NAME}`, exact: true }).click();
    await waitForStatus(page, ['completed'], 240_000);

    const after = await storedIntervals(page, NAME);
    expect(after).toHaveLength(RUNS);
    const full = Array.from({ length: EPOCHS }, (_, i) => i + 1);
    for (const run of after) {
      expect(run.status).toBe('completed');
      expect(run.intervals).toEqual(full);
    }
    // The interrupted run continued from a checkpoint (a module without its own fit can): its values up to there are the first session's.
    const resumed = after[before.indexOf(cut!)];
    expect(resumed.continuedFrom).toBeGreaterThan(0);
    expect(resumed.values.slice(0, resumed.continuedFrom!)).toEqual(cut!.values.slice(0, resumed.continuedFrom!));

    const zipPath = `${RESULTS}/ui-own-model-best.zip`;
    expect(await downloadVia(page, 'Export best model (.zip)', zipPath)).toMatch(/^own-model-best-run-\d+\.zip$/);
    const files = readZip(zipPath);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'my-model.mjs', 'experiment.json']));
    expect(strFromU8(files['my-model.mjs'])).toBe(MODULE);
    await page.screenshot({ path: `${RESULTS}/ui-own-model-dashboard.png`, fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('loads a shipped example and an uploaded .mjs into the editor', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByLabel('Your model code').check();
    await page.getByLabel('Example').selectOption('cosine-warmup-fit.mjs');
    const editor = page.getByRole('textbox', { name: 'Model code (cosine-warmup-fit.mjs)' });
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain('export async function fit(hp, model, ctx)');
    await expect.poll(() => page.getByTestId('module-status').textContent(), { timeout: 10_000 }).toMatch(/Exports build and fit/);

    await page.getByLabel('Upload .js/.mjs').setInputFiles({ name: 'uploaded.mjs', mimeType: 'text/javascript', buffer: Buffer.from(MODULE) });
    await expect.poll(() => page.getByRole('textbox', { name: 'Model code (uploaded.mjs)' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Start experiment' }).isDisabled()).toBe(false);
    expect(app.errors).toEqual([]);
  });
});
