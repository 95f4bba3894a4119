/**
 * Flow (c) of the UI: reload the page in the middle of an experiment; the experiment is then
 * interrupted (SPEC section 6), resume it from the experiments list, see it complete, and check
 * in IndexedDB that every run logged every interval exactly once (none missing after the resume).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { RESULTS, fillBuilder, runningInterval, storedIntervals, waitForStatus } from './support/ui';

const EPOCHS = 30;
const RUNS = 3;

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('reload in the middle of an experiment', () => {
  it('leaves it interrupted; resumed from the list it completes with no interval missing', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await fillBuilder(page, { name: 'resume-check', space: '{\n  "learning_rate": loguniform(-7, -4),\n  "units": choice(32, 64)\n}', epochs: EPOCHS, runs: RUNS });
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['running'], 60_000);
    await expect.poll(() => runningInterval(page), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(4);

    await page.reload();
    await page.getByRole('button', { name: 'Experiments' }).click();
    const row = page.getByRole('row').filter({ hasText: 'resume-check' });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/interrupted/);
    const before = await storedIntervals(page, 'resume-check');
    expect(before.some((run) => run.status === 'interrupted')).toBe(true);

    await page.screenshot({ path: `${RESULTS}/ui-resume-interrupted.png`, fullPage: true });
    // The page also offers it at the top; here it is resumed from the list.
    expect(await page.getByRole('button', { name: 'Resume resume-check now' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Resume resume-check', exact: true }).click();
    await waitForStatus(page, ['completed'], 240_000);
    await page.screenshot({ path: `${RESULTS}/ui-resume-dashboard.png`, fullPage: true });

    const after = await storedIntervals(page, 'resume-check');
    expect(after).toHaveLength(RUNS);
    const full = Array.from({ length: EPOCHS }, (_, i) => i + 1);
    for (const run of after) {
      expect(run.status).toBe('completed');
      expect(run.intervals).toEqual(full);
    }
    expect(await page.getByRole('cell', { name: String(EPOCHS), exact: true }).count()).toBe(RUNS);

    // Opened again from the list, the stored experiment shows the same runs (and no stop buttons).
    await page.getByRole('button', { name: 'Experiments', exact: true }).click();
    await page.getByRole('button', { name: 'Open resume-check' }).click();
    await page.getByRole('heading', { name: 'resume-check' }).waitFor();
    expect(await page.getByTestId('experiment-status').textContent()).toBe('completed');
    expect(await page.getByRole('cell', { name: String(EPOCHS), exact: true }).count()).toBe(RUNS);
    expect(await page.getByRole('button', { name: /^Stop run/ }).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
