/**
 * Canceling from the dashboard (SPEC section 6): "Stop" on one running run cancels that run only,
 * and the experiment goes on; "Cancel experiment" ends it as canceled, with the runs still in flight
 * canceled. Both are reflected in the table and in IndexedDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { RESULTS, experimentStatus, runningInterval, storedIntervals, waitForStatus } from './support/ui';

const NAME = 'cancel-check';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('stopping a run and canceling the experiment', () => {
  it('cancels one run, lets the others go on, then cancels the whole experiment', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Experiment name').fill(NAME);
    await page.getByRole('textbox', { name: /Parameter space/ }).fill('{\n  "learning_rate": loguniform(-7, -4),\n  "units": choice(32, 64)\n}');
    await page.getByLabel('Epochs per run').fill('200');
    await page.getByLabel('Policy').selectOption('none');
    await page.getByLabel('Max runs').fill('4');
    await page.getByLabel('Max concurrent runs').fill('2');
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['running'], 60_000);
    await expect.poll(() => runningInterval(page), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: 'Stop run 1' }).click();
    // Run 1's row of the runs table (other tables, drawn as runs log, also have cells "1").
    const runsTable = page.getByRole('table', { name: /^Runs, / });
    const runOne = runsTable.getByRole('row').filter({ has: page.getByRole('cell', { name: '1', exact: true }) }).first();
    await expect.poll(() => runOne.textContent(), { timeout: 30_000 }).toMatch(/canceled/);
    // The freed worker is refilled at once: run 3 starts while run 2 still trains.
    await page.getByRole('button', { name: 'Stop run 3' }).waitFor({ timeout: 30_000 });
    expect(await experimentStatus(page)).toBe('running');

    await page.getByRole('button', { name: 'Cancel experiment' }).click();
    await waitForStatus(page, ['canceled'], 60_000);
    await page.screenshot({ path: `${RESULTS}/ui-cancel.png`, fullPage: true });
    await expect.poll(async () => (await storedIntervals(page, NAME)).map((r) => r.status), { timeout: 10_000 }).toEqual(['canceled', 'canceled', 'canceled']);
    const runs = await storedIntervals(page, NAME);
    for (const run of runs) {
      expect(run.intervals.length).toBeLessThan(200);
      expect(run.intervals).toEqual(Array.from({ length: run.intervals.length }, (_, k) => k + 1));
    }
    expect(await page.getByRole('button', { name: /^Stop run/ }).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
