import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { openApp, type AppSession } from './support/app';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
});

afterAll(async () => {
  await app?.close();
});

describe('the built page', () => {
  it('loads, shows its title and says what the product is, with no console errors', async () => {
    const { page } = app;
    await expect(page.title()).resolves.toMatch(/tabtune/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('tabtune');
    const body = (await page.textContent('body')) ?? '';
    expect(body).toMatch(/TensorFlow\.js/);
    expect(body).toMatch(/hyperparameter/i);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/page.png', fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('is served cross-origin isolated (COOP/COEP), so wasm may use threads', async () => {
    await expect(app.page.evaluate(() => self.crossOriginIsolated)).resolves.toBe(true);
  });
});
