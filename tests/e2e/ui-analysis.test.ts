/**
 * Which parameters mattered (issue 17): a small experiment in the page, then parameter
 * importance (bars and, by keyboard, the numbers as a table) and the slice plots, with
 * screenshots of each view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { RESULTS, fillBuilder, unnamedControls, waitForStatus } from './support/ui';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('parameter importance, slice plots, the contour and the timeline', () => {
  it('shows importance once enough runs ended, with the numbers as a table, and one slice plot per parameter', async () => {
    const { page } = app;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await fillBuilder(page, { name: 'analysis-check', space: '{\n  "learning_rate": loguniform(-9, -1),\n  "units": choice(4, 32)\n}', epochs: 1, runs: 12 });
    await page.getByRole('button', { name: 'Start experiment' }).click();
    // Below the minimum the chart is hidden, with the reason.
    const importance = page.getByTestId('importance');
    await expect(importance.textContent({ timeout: 60_000 })).resolves.toMatch(/Computing parameter importance|Parameter importance is hidden: it needs at least 10 scored runs \(has \d\)/);
    await waitForStatus(page, ['completed'], 240_000);

    await importance.getByText(/from 12 runs \(fANOVA on a random forest of 32 trees\)/).waitFor({ timeout: 30_000 });
    const region = page.getByRole('region', { name: 'Which parameters mattered' });
    await region.screenshot({ path: `${RESULTS}/ui-analysis-importance.png` });
    // The numbers, by keyboard: the disclosure is focusable and opens with Enter.
    await region.getByText('The numbers').focus();
    await page.keyboard.press('Enter');
    const table = region.getByRole('table', { name: /Parameter importance for val_accuracy \(12 runs\)/ });
    await table.waitFor();
    const rows = (await table.getByRole('row').allTextContents()).slice(1);
    expect(rows.map((r) => r.replace(/[\d.]+%/g, '').trim()).sort()).toEqual(['learning_rate', 'units']);
    const shares = rows.map((r) => Number(/([\d.]+)%/.exec(r)![1]));
    expect(shares[0]).toBeGreaterThanOrEqual(shares[1]);
    expect(shares[0] + shares[1]).toBeCloseTo(100, 0);
    await expect(region.getByRole('img').getAttribute('aria-label')).resolves.toMatch(/^Parameter importance for val_accuracy: \w+ [\d.]+%, \w+ [\d.]+%$/);

    const slices = page.getByRole('region', { name: 'val_accuracy against each parameter' });
    await expect(slices.getByRole('figure').allTextContents().then((t) => t.map((s) => s.trim()))).resolves.toEqual(['val_accuracy against learning_rate', 'val_accuracy against units']);
    await expect(slices.getByRole('img').first().getAttribute('aria-label')).resolves.toBe('Slice plot of val_accuracy against learning_rate for 12 runs');
    await page.waitForTimeout(500); // the slice charts draw when the page is idle
    await slices.screenshot({ path: `${RESULTS}/ui-analysis-slices.png` });

    // The contour over the two parameters, from the same forest, with its best region in words.
    const contour = page.getByRole('region', { name: 'val_accuracy over two parameters' });
    await contour.getByText(/^The surrogate predicts the highest val_accuracy, [\d.]+, near (learning_rate|units) = .* \(averaged over the other parameters; 12 runs shown\)\.$/).waitFor({ timeout: 30_000 });
    await expect(contour.getByRole('img').getAttribute('aria-label')).resolves.toMatch(/^Contour of val_accuracy over (learning_rate and units|units and learning_rate)\. /);
    await page.waitForTimeout(500);
    await contour.screenshot({ path: `${RESULTS}/ui-analysis-contour.png` });
    // The timeline of the same runs.
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByRole('status').textContent()).resolves.toMatch(/^12 runs on \d workers? over [\d.]+ s/);
    await timeline.screenshot({ path: `${RESULTS}/ui-analysis-timeline.png` });
    expect(await unnamedControls(page)).toEqual([]);
  });
});
