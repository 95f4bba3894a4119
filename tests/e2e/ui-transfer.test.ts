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
});
