/**
 * Moving an experiment (issue 7 item 7) and storage use (item 6): run a tiny experiment, export it
 * as one file, delete it, import the file and see it listed again with the same runs and best
 * metric; a corrupt file and a file of another format give clear errors and change nothing; the
 * Experiments view shows how much storage is used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './support/app';
import { RESULTS, downloadVia, unnamedControls, waitForStatus } from './support/ui';

const NAME = 'transfer-check';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

/** The text of the list row of experiment `name`, whitespace collapsed. */
async function rowText(page: Page, name: string): Promise<string> {
  const row = page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  return ((await row.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The list's rows (data rows only), for "unchanged" checks. */
async function listed(page: Page): Promise<string[]> {
  const rows = page.getByRole('table').getByRole('row');
  const texts = await rows.allTextContents();
  return texts.slice(1).map((t) => t.replace(/\s+/g, ' ').trim());
}

describe('export and import one experiment', () => {
  it('exports, deletes, imports it back; bad files are refused; storage use is shown', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Experiment name').fill(NAME);
    await page.getByRole('textbox', { name: /Parameter space/ }).fill('{\n  "learning_rate": loguniform(-6, -4),\n  "units": choice(16, 32)\n}');
    await page.getByLabel('Epochs per run').fill('3');
    await page.getByLabel('Policy').selectOption('none');
    await page.getByLabel('Max runs').fill('2');
    await page.getByLabel('Max concurrent runs').fill('1');
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['completed'], 120_000);

    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await expect.poll(() => rowText(page, NAME), { timeout: 10_000 }).toMatch(/completed/);
    const before = await rowText(page, NAME);
    expect(before).toMatch(/2 of 2/);
    const best = /val_accuracy (\S+)/.exec(before)?.[1];
    expect(best).toBeDefined();
    await expect.poll(() => page.getByTestId('storage-usage').textContent(), { timeout: 10_000 }).toMatch(/Storage: \d[\d.,]* [KMG]?B of \d[\d.,]* [KMG]?B \(\d+%\)/);

    const path = `${RESULTS}/ui-transfer-${NAME}.tabtune.json`;
    expect(await downloadVia(page, `Export ${NAME}`, path)).toBe(`${NAME}.tabtune.json`);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; runs: unknown[]; checkpoints: unknown[]; metrics: Record<string, unknown> };
    expect(file.format).toBe('tabtune-experiment');
    expect(file.runs).toHaveLength(2);
    expect(file.checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(file.metrics)).toHaveLength(2);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete ${NAME}` }).click();
    await expect.poll(() => page.getByRole('button', { name: `Delete ${NAME}` }).count()).toBe(0);

    const input = page.getByLabel('Import experiment');
    await input.setInputFiles(path);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`Imported ${NAME} .*2 runs`));
    const after = await rowText(page, NAME);
    expect(after).toMatch(/completed/);
    expect(after).toMatch(/2 of 2/);
    expect(/val_accuracy (\S+)/.exec(after)?.[1]).toBe(best);
    // The imported experiment opens with the same runs and a best model to export.
    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    await page.getByRole('heading', { name: NAME }).waitFor();
    expect(await page.getByRole('button', { name: 'Export best model (.zip)' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();

    const rowsBefore = await listed(page);
    const corrupt = `${RESULTS}/ui-transfer-corrupt.tabtune.json`;
    writeFileSync(corrupt, readFileSync(path, 'utf8').slice(0, 2000));
    await input.setInputFiles(corrupt);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 10_000 }).toMatch(/Could not import ui-transfer-corrupt\.tabtune\.json: .*not valid JSON.*Nothing stored was changed/);
    expect(await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).count()).toBe(1);
    const foreign = `${RESULTS}/ui-transfer-foreign.json`;
    writeFileSync(foreign, JSON.stringify({ format: 'something-else', version: 1 }));
    await input.setInputFiles(foreign);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 10_000 }).toMatch(/"format" must be "tabtune-experiment"/);
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await expect.poll(() => listed(page)).toEqual(rowsBefore);

    await page.screenshot({ path: `${RESULTS}/ui-transfer.png`, fullPage: true });
    expect(await unnamedControls(page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('warm-starts from the imported experiment, says how many parent runs it used, and says plainly when storage is full', async () => {
    const { page } = app;
    // A full disk, simulated: every checkpoint write is refused as over quota (metrics still fit).
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'checkpoints') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await page.getByLabel(`Warm-start parent: ${NAME}`).check();
    await page.getByRole('button', { name: /New experiment warm-started from 1 parent/ }).click();
    await page.getByLabel('Max runs').fill('1');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByRole('heading', { name: `${NAME}-warm` }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('warm-start-summary').textContent(), { timeout: 10_000 }).toMatch(/2 parent runs fed the sampler as prior observations;\s+2 parent runs count in the policy's cohort/);
    expect(await page.getByRole('group', { name: 'Warm start', exact: true }).textContent()).toMatch(new RegExp(`${NAME}: 2 finished runs, 2 fit the parameter space`));
    await waitForStatus(page, ['completed'], 60_000);

    const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Browser storage is full' }) });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/every logged metric is kept/);
    expect(await notice.textContent()).toMatch(/delete experiments you no longer need/);
    await page.screenshot({ path: `${RESULTS}/ui-transfer-warm-start-storage-full.png`, fullPage: true });
    // Metrics were kept: the run logged all its intervals.
    expect(await page.getByRole('cell', { name: '3', exact: true }).count()).toBeGreaterThanOrEqual(1);
    await notice.getByRole('button', { name: 'Show experiments' }).click();
    await page.getByRole('heading', { name: 'Experiments in this browser' }).waitFor();
    await page.getByRole('button', { name: 'Dismiss storage notice' }).click();
    expect(await page.getByRole('heading', { name: 'Browser storage is full' }).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
