/**
 * A hard close (issue 7): the browser process is killed with SIGKILL in the middle of an
 * experiment, so no unload, pagehide or polite stop runs. A new browser on the same profile must
 * find every interval that had been flushed before the kill, the runs that were training marked
 * interrupted (never left "running"), and resuming must complete every run with intervals
 * 1..EPOCHS, each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { chromiumArgs } from '../../vite.config';
import { serveBuiltApp } from './support/app';
import { RESULTS, runningInterval, storedIntervals, waitForStatus } from './support/ui';

const NAME = 'hard-close';
const EPOCHS = 30;
const RUNS = 2;

let server: PreviewServer;
let url: string;
let profile: string;
let context: BrowserContext | null = null;

beforeAll(async () => {
  ({ server, url } = await serveBuiltApp());
  profile = mkdtempSync(join(tmpdir(), 'tabtune-profile-'));
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function openBrowser(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: chromiumArgs, headless: true, viewport: { width: 1280, height: 900 } });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context: ctx, page, errors };
}

/** SIGKILLs every process of the Chromium that runs on `profile` (browser, renderers, GPU). */
function killBrowser(): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const pids = lines.filter((l) => l.includes(profile)).map((l) => Number(l.trim().split(/\s+/)[0]));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone with its parent.
    }
  }
  return pids.length;
}

describe('a killed browser', () => {
  it('keeps every flushed interval, interrupts the running runs, and resumes them to completion', async () => {
    const first = await openBrowser();
    context = first.context;
    const { page } = first;
    await page.getByTestId('summary-rows').filter({ hasText: '1,797' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Experiment name').fill(NAME);
    await page.getByRole('textbox', { name: /Parameter space/ }).fill('{\n  "learning_rate": loguniform(-7, -4),\n  "units": choice(32, 64)\n}');
    await page.getByLabel('Epochs per run').fill(String(EPOCHS));
    await page.getByLabel('Policy').selectOption('none');
    await page.getByLabel('Max runs').fill(String(RUNS));
    await page.getByLabel('Max concurrent runs').fill(String(RUNS));
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await waitForStatus(page, ['running'], 60_000);
    await expect.poll(() => runningInterval(page), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(5);
    // What the recorder has committed by now must survive; it flushes at most 200 ms after a log.
    const flushed = await storedIntervals(page, NAME);
    expect(flushed.some((run) => run.intervals.length >= 3)).toBe(true);

    expect(killBrowser()).toBeGreaterThan(0);
    await context.close().catch(() => undefined); // its browser is gone: only Playwright's side is left
    context = null;

    const second = await openBrowser();
    context = second.context;
    const reopened = second.page;
    await reopened.getByRole('button', { name: 'Experiments' }).click();
    const row = reopened.getByRole('row').filter({ hasText: NAME });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/interrupted/);
    const found = await storedIntervals(reopened, NAME);
    expect(found).toHaveLength(flushed.length);
    for (const [i, run] of found.entries()) {
      expect(run.status).not.toBe('running');
      // Every interval flushed before the kill is there, in order, without a gap.
      expect(run.intervals.slice(0, flushed[i].intervals.length)).toEqual(flushed[i].intervals);
      expect(run.intervals).toEqual(Array.from({ length: run.intervals.length }, (_, k) => k + 1));
    }
    expect(found.some((run) => run.status === 'interrupted')).toBe(true);
    await reopened.screenshot({ path: `${RESULTS}/hard-close-interrupted.png`, fullPage: true });

    await reopened.getByRole('button', { name: `Resume ${NAME}`, exact: true }).click();
    await waitForStatus(reopened, ['completed'], 240_000);
    const after = await storedIntervals(reopened, NAME);
    const full = Array.from({ length: EPOCHS }, (_, k) => k + 1);
    for (const run of after) {
      expect(run.status).toBe('completed');
      expect(run.intervals).toEqual(full);
    }
    await reopened.screenshot({ path: `${RESULTS}/hard-close-resumed.png`, fullPage: true });
    expect(second.errors).toEqual([]);
  });
});
