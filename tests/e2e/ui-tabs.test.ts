/**
 * Two tabs on one experiment (issue 7 item 5): tab A starts a small experiment; tab B, in the same
 * browser profile, watches it live and read-only (intervals rise, stop and cancel are disabled, a
 * status line says another tab drives it); tab A is closed without a polite stop; tab B takes over
 * and the experiment completes with every interval of every run stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './support/app';
import { RESULTS, runningInterval, storedIntervals, unnamedControls, waitForStatus } from './support/ui';

const NAME = 'tabs-check';
const EPOCHS = 60;
const RUNS = 2;

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

/** The "which tab drives" line of the dashboard. */
function driverLine(page: Page): Promise<string> {
  return page.getByTestId('driver-status').textContent({ timeout: 1000 }).then((t) => t ?? '', () => '');
}

describe('two tabs on one experiment', () => {
  it('the second tab follows it read-only and takes over when the first closes', async () => {
    const a = app.page;
    const b = await app.context.newPage();
    const errorsB: string[] = [];
    b.on('console', (message) => void (message.type() === 'error' && errorsB.push(message.text())));
    b.on('pageerror', (error) => errorsB.push(`${error.name}: ${error.message}`));
    await b.goto(app.url);
    await b.getByRole('heading', { name: 'Experiments in this browser' }).or(b.getByRole('button', { name: 'Experiments', exact: true })).first().waitFor();

    await a.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await a.getByLabel('Experiment name').fill(NAME);
    await a.getByRole('textbox', { name: /Parameter space/ }).fill('{\n  "learning_rate": loguniform(-6, -4),\n  "units": choice(16, 32)\n}');
    await a.getByLabel('Epochs per run').fill(String(EPOCHS));
    await a.getByLabel('Policy').selectOption('none');
    await a.getByLabel('Max runs').fill(String(RUNS));
    await a.getByLabel('Max concurrent runs').fill('1');
    await a.getByLabel('Backend').selectOption('wasm');
    await a.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(a, ['running'], 60_000);
    await expect.poll(() => driverLine(a), { timeout: 10_000 }).toMatch(/^Driven by this tab/);

    // Tab B hears that A drives it and offers to watch it.
    await b.getByRole('button', { name: `Watch ${NAME} here` }).click({ timeout: 20_000 });
    await b.getByRole('heading', { name: NAME }).waitFor();
    await expect.poll(() => driverLine(b), { timeout: 10_000 }).toMatch(/^Driven by another tab: shown here live and read-only/);
    await expect.poll(() => runningInterval(b), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    const seen = await runningInterval(b);
    await expect.poll(() => runningInterval(b), { timeout: 30_000, interval: 100 }).toBeGreaterThan(seen);
    expect(await b.getByRole('button', { name: 'Cancel experiment' }).isDisabled()).toBe(true);
    const stops = b.getByRole('button', { name: /^Stop run/ });
    expect(await stops.count()).toBeGreaterThanOrEqual(1);
    for (const stop of await stops.all()) expect(await stop.isDisabled()).toBe(true);
    expect(await unnamedControls(b)).toEqual([]);
    await b.screenshot({ path: `${RESULTS}/ui-tabs-following.png`, fullPage: true });

    // A hard close: no cancel, no polite stop; the browser releases A's Web Lock.
    await a.close();
    await expect.poll(() => driverLine(b), { timeout: 30_000 }).toMatch(/^Driven by this tab: the tab that drove it closed, so this tab took over/);
    expect(await b.getByRole('button', { name: 'Cancel experiment' }).isDisabled()).toBe(false);
    await b.screenshot({ path: `${RESULTS}/ui-tabs-taken-over.png`, fullPage: true });
    await waitForStatus(b, ['completed'], 120_000);

    const runs = await storedIntervals(b, NAME);
    expect(runs).toHaveLength(RUNS);
    const full = Array.from({ length: EPOCHS }, (_, i) => i + 1);
    for (const run of runs) {
      expect(run.status).toBe('completed');
      expect(run.intervals).toEqual(full);
    }
    expect(errorsB).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
