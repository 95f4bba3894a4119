/**
 * The dataset panel end to end, in real Chromium against the built app: the digits demo opens by
 * default, a CSV uploaded through the page's file input is parsed in the worker and summarized,
 * column names stay text, a bad file gets a message naming the line and loses nothing.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Own output folder: other suites may be building `dist/` at the same time. */
const outDir = fileURLToPath(new URL('../../.tmp/e2e-dataset-upload/dist', import.meta.url));

let server: PreviewServer;
let browser: Browser;
let baseUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A page that records console errors and uncaught exceptions. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(baseUrl);
  return { page, errors };
}

async function rowsShown(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid=summary-rows]', { hasText: text }).waitFor({ timeout: 60_000 });
}

async function upload(page: Page, name: string, text: string | Buffer): Promise<void> {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  await page.getByLabel('Upload CSV').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

beforeAll(async () => {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
  baseUrl = `http://127.0.0.1:${port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--disable-quic'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dataset panel', () => {
  it('opens the digits demo by default with its summary and credits', async () => {
    const { page, errors } = await openPage();
    await rowsShown(page, '1,797');
    expect(await page.getByTestId('summary-classes').textContent()).toMatch(/^10, balanced/);
    expect(await page.getByLabel('Demo or stored dataset', { exact: true }).inputValue()).toBe('digits');
    expect(await page.getByText(/Alpaydin and C\. Kaynak/).count()).toBe(1);
    await page.getByLabel('Demo or stored dataset', { exact: true }).selectOption('iris');
    await rowsShown(page, '150');
    expect(await page.getByLabel('Target column').inputValue()).toBe('species');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('uploads a semicolon CSV with a BOM and quotes, shows the summary, keeps column names as text', async () => {
    const { page, errors } = await openPage();
    await rowsShown(page, '1,797');
    const evil = '<img src=x onerror="window.__pwned=1">';
    const rows = Array.from({ length: 120 }, (_, i) => `${i % 9};"${['red', 'green; dark', 'say ""hi""'][i % 3]}";${(i * 0.7).toFixed(1).replace('.', ',')};${i % 4 === 0 ? 'yes' : 'no'}`);
    await upload(page, 'people.csv', `\uFEFFage;"${evil.replace(/"/g, '""')}";score;bought\n${rows.join('\n')}\n`);
    await rowsShown(page, '120');
    expect(await page.getByTestId('summary-classes').textContent()).toMatch(/^2, imbalanced/);
    expect(await page.getByLabel('Task').inputValue()).toBe('classification');
    expect(await page.getByRole('rowheader', { name: evil }).count()).toBe(1);
    expect(await page.locator('.dataset img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.getByLabel('Target column').selectOption('score');
    await page.getByText('Target range').waitFor();
    expect(await page.getByLabel('Task').inputValue()).toBe('regression');
    await page.getByLabel('Exclude column age').check();
    await page.getByText('(2 used as features)').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports a ragged file with its line and keeps the previous dataset', async () => {
    const { page, errors } = await openPage();
    await rowsShown(page, '1,797');
    await upload(page, 'broken.csv', 'a,b,c\n1,2,3\n4,5\n');
    const alert = page.locator('.load-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/"broken.csv" line 3 has 2 fields but the header has 3 columns/);
    expect(await alert.textContent()).toMatch(/could not be used\. The dataset below is unchanged/);
    expect(await page.getByTestId('summary-rows').textContent()).toBe('1,797');
    await upload(page, 'blank.csv', '');
    await page.locator('.load-error', { hasText: '"blank.csv" is empty' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('parses a large file in the worker with a progress bar', async () => {
    const { page, errors } = await openPage();
    await rowsShown(page, '1,797');
    const lines = ['f1,f2,f3,f4,f5,label'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i % 97},${(i * 0.37) % 11},${i % 13},${(i * 7) % 101},${i % 5},${i % 3}`);
    const progressSeen = page.waitForSelector('progress', { timeout: 30_000 });
    await upload(page, 'large.csv', lines.join('\n'));
    await progressSeen;
    await rowsShown(page, '200,000');
    expect(await page.locator('progress').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
