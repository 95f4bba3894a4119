/**
 * Rough edges a new user met on the build page, each checked where only the page shows it: glyphs
 * that fit their inputs, the dataset's loading state, and one alert per problem on a marked field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { openApp, type AppSession } from './support/app';

let app: AppSession;
/** The held request of the digits demo, released by the loading test. */
let held: Promise<Route>;

beforeAll(async () => {
  app = await openApp('/nothing-yet');
  const { page, url } = app;
  held = new Promise((resolve) => void page.context().route('**/datasets/digits.csv', (route) => resolve(route)));
  await page.goto(url);
});

afterAll(async () => {
  await app?.close();
});

describe('the build page', () => {
  it('says the demo dataset is loading while its controls wait (text and aria-busy)', async () => {
    const { page } = app;
    const route = await held;
    const picker = page.locator('.picker');
    await expect(picker.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(page.getByLabel('Demo or stored dataset').isDisabled()).resolves.toBe(true);
    await page.getByRole('status').filter({ hasText: /Loading Handwritten digits/ }).waitFor();
    await route.continue();
    await page.context().unroute('**/datasets/digits.csv');
    await page.getByTestId('summary-rows').waitFor({ timeout: 60_000 });
    await expect(picker.getAttribute('aria-busy')).resolves.toBe('false');
    await expect(page.getByLabel('Demo or stored dataset').isEnabled()).resolves.toBe(true);
    expect(await page.getByText(/Loading Handwritten digits/).count()).toBe(0);
    expect(await page.locator('#dataset-file-hint').textContent()).toMatch(/comma, semicolon, tab or \| separated/);
  });

  it('leaves room below the baseline in parameter-name inputs (the underscore of learning_rate shows)', async () => {
    const input = app.page.getByLabel('Name of parameter 1');
    await expect(input.inputValue()).resolves.toBe('learning_rate');
    // A single line box of height L is centred in the input: the glyph's bottom stays inside when
    // L >= fontAscent - fontDescent + 2 x (the underscore's depth below the baseline).
    const fit = await input.evaluate((el) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = style.font;
      const font = ctx.measureText('M');
      const underscore = ctx.measureText('_').actualBoundingBoxDescent;
      const lineHeight = style.lineHeight === 'normal' ? font.fontBoundingBoxAscent + font.fontBoundingBoxDescent : parseFloat(style.lineHeight);
      return { lineHeight, needed: font.fontBoundingBoxAscent - font.fontBoundingBoxDescent + 2 * underscore };
    });
    expect(fit.lineHeight).toBeGreaterThanOrEqual(fit.needed);
  });

  it('shows one alert for Max runs 0 and marks the field aria-invalid', async () => {
    const { page } = app;
    const maxRuns = page.getByLabel('Max runs', { exact: true });
    await maxRuns.fill('0');
    const alerts = page.getByRole('alert').filter({ hasText: /maxTotalRuns/ });
    await alerts.first().waitFor();
    expect(await alerts.count()).toBe(1);
    await expect(maxRuns.getAttribute('aria-invalid')).resolves.toBe('true');
    await maxRuns.fill('8');
    await expect(maxRuns.getAttribute('aria-invalid')).resolves.toBeNull();
    expect(app.errors).toEqual([]);
  });
});
