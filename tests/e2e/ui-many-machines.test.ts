/**
 * Issue 18 in the page: "Run on many machines" downloads the experiment file and the commands
 * (the file runs as is in `tabtune inspect`, the CLI every worker starts), and a study run by an
 * Optuna worker (journal storage) and written by `tabtune_optuna.py export` imports with its runs
 * and a best model that loads and predicts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8 } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../src/core/data';
import { runIntegration, tabtune } from '../distributed/support/workers';
import { openApp, type AppSession } from './support/app';
import { RESULTS, downloadVia, filesIOHandler, jsonOf, readZip, unnamedControls } from './support/ui';

const DIR = resolve(RESULTS, 'ui-many-machines');
let app: AppSession;

/** The stdout of a command that must succeed (its stderr in the error otherwise). */
function succeeded(what: string, done: { code: number | null; stdout: string; stderr: string }): string {
  if (done.code !== 0) throw new Error(`${what} failed: ${done.stderr}`);
  return done.stdout;
}

const integration = (args: string[]) => succeeded(`tabtune_optuna.py ${args[0]}`, runIntegration(args));

/** Two digits runs of an Optuna worker on a journal-storage study, exported by tabtune_optuna.py export. */
function exportedStudy(): { file: string; scores: number[] } {
  mkdirSync(DIR, { recursive: true });
  const experiment = join(DIR, 'elsewhere.json');
  writeFileSync(experiment, JSON.stringify({ name: 'elsewhere', dataset: { source: 'demo:digits' }, model: { hyperparameters: { epochs: 3, units: 16 } }, space: '{"learning_rate": loguniform(-6, -3)}', maxTotalRuns: 2, backend: 'wasm' }));
  // A new study each time: the journal and the runs of an earlier test run are removed first.
  const journal = join(DIR, 'elsewhere.journal');
  const runs = join(DIR, 'runs');
  for (const old of [journal, runs]) rmSync(old, { recursive: true, force: true });
  integration(['worker', experiment, '--storage', `journal:${journal}`, '--study', 'elsewhere', '--out', runs]);
  const file = join(DIR, 'elsewhere.tabtune.json');
  integration(['export', '--storage', `journal:${journal}`, '--study', 'elsewhere', '--out', file, '--runs-dir', runs]);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, { val_accuracy: number[] }> };
  return { file, scores: Object.values(data.metrics).map((m) => Math.max(...m.val_accuracy)) };
}

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('many machines, from the page', () => {
  it('downloads the experiment file and the commands, and imports a study exported from Optuna', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Experiment name').fill('spread-out');
    const zip = join(DIR, 'spread-out-many-machines.zip');
    expect(await downloadVia(page, 'Run on many machines', zip)).toBe('spread-out-many-machines.zip');
    const files = readZip(zip);
    expect(Object.keys(files).sort()).toEqual(['commands.txt', 'spread-out.json']);
    const commands = strFromU8(files['commands.txt']);
    expect(commands).toContain('/usr/bin/python3 integrations/optuna/tabtune_optuna.py worker spread-out.json --storage postgresql://');
    // The downloaded file is what the workers run: the CLI reads it as the page built it.
    writeFileSync(join(DIR, 'spread-out.json'), files['spread-out.json']);
    const inspected = JSON.parse(succeeded('tabtune inspect', tabtune(['inspect', join(DIR, 'spread-out.json')])));
    expect(inspected.config).toEqual(jsonOf(files, 'spread-out.json'));

    const { file, scores } = exportedStudy();
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await page.getByLabel('Import experiment').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 20_000 }).toMatch(/Imported elsewhere .*2 runs/);
    await page.getByRole('button', { name: 'Open elsewhere' }).click();
    await page.getByRole('heading', { name: 'elsewhere' }).waitFor();
    const best = join(DIR, 'best.zip');
    await downloadVia(page, 'Export best model (.zip)', best);
    const exported = readZip(best);
    const model = await tf.loadLayersModel(filesIOHandler(exported));
    const demo = findDemo('digits')!;
    const digits = await loadCsvText(readFileSync('public/datasets/digits.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
    const rows = digits.validY.length;
    const predicted = Array.from(tf.tidy(() => (model.predict(tf.tensor2d(digits.validX, [rows, digits.featureCount])) as tf.Tensor).argMax(-1).dataSync()));
    expect(predicted.filter((p, i) => p === digits.validY[i]).length / rows).toBeCloseTo(Math.max(...scores), 5);
    model.dispose();
    expect(await unnamedControls(page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
