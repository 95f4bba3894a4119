/**
 * Helpers of the UI's end-to-end flows: waiting for an experiment to end, saving downloads,
 * reading the exported zip, loading its model with tfjs in Node through a file IOHandler, and
 * turning raw rows into model inputs with its preprocessing.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'playwright-core';

/** Where every flow leaves its screenshots and downloads. */
export const RESULTS = 'test-results';

/** The experiment status the dashboard shows, or null while none is shown. */
export async function experimentStatus(page: Page): Promise<string | null> {
  const badge = page.getByTestId('experiment-status');
  return (await badge.count()) > 0 ? (await badge.first().textContent())?.trim() ?? null : null;
}

/** Waits until the dashboard's experiment status is one of `statuses`; returns it. */
export async function waitForStatus(page: Page, statuses: readonly string[], timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await experimentStatus(page);
    if (last !== null && statuses.includes(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`experiment status stayed ${JSON.stringify(last)} for ${timeoutMs / 1000} s (wanted ${statuses.join(' or ')})`);
}

/** Clicks the button named `name` and saves the download it starts at `path`. */
export async function downloadVia(page: Page, name: string, path: string): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name }).click()]);
  await download.saveAs(path);
  return download.suggestedFilename();
}

/** The files of a zip on disk. */
export function readZip(path: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(path)));
}

export function jsonOf<T = Record<string, unknown>>(files: Record<string, Uint8Array>, name: string): T {
  const file = files[name];
  if (!file) throw new Error(`the export has no ${name} (files: ${Object.keys(files).join(', ')})`);
  return JSON.parse(strFromU8(file)) as T;
}

/** A tfjs IOHandler over `model.json` and the weight files it names, as exported. */
export function filesIOHandler(files: Record<string, Uint8Array>): tf.io.IOHandler {
  return {
    async load() {
      const model = jsonOf<{ modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] }>(files, 'model.json');
      const specs = model.weightsManifest.flatMap((group) => group.weights);
      const parts = model.weightsManifest.flatMap((group) => group.paths.map((p) => files[p]));
      const total = parts.reduce((n, p) => n + p.byteLength, 0);
      const data = new Uint8Array(total);
      let offset = 0;
      for (const part of parts) {
        data.set(part, offset);
        offset += part.byteLength;
      }
      return { modelTopology: model.modelTopology, weightSpecs: specs, weightData: data.buffer };
    },
  };
}

/** Saves a copy of the zip's files under `dir` (the artifacts a user gets). */
export function unpackTo(files: Record<string, Uint8Array>, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(`${dir}/${name}`, data);
}

interface Preprocessing {
  featureColumns: string[];
  inputs: ({ column: string; kind: 'numeric'; mean: number; std: number } | { column: string; kind: 'one-hot'; levels: string[] })[];
  output: { kind: 'classification'; classLabels: string[] } | { kind: 'regression'; targetMean: number; targetStd: number };
}

/** Model inputs of raw rows (column name -> text), as preprocessing.json says. */
export function inputsOf(rows: readonly Record<string, string>[], pre: Preprocessing): number[][] {
  return rows.map((row) =>
    pre.inputs.flatMap((input) => (input.kind === 'numeric' ? [(Number(row[input.column]) - input.mean) / input.std] : input.levels.map((level) => (row[input.column] === level ? 1 : 0)))),
  );
}

/** Predictions for raw rows in the target's terms: class labels or values in its units. */
export function predict(model: tf.LayersModel, rows: readonly Record<string, string>[], pre: Preprocessing): (string | number)[] {
  const x = tf.tensor2d(inputsOf(rows, pre));
  const y = model.predict(x) as tf.Tensor;
  const values = y.arraySync() as number[][];
  tf.dispose([x, y]);
  const out = pre.output;
  if (out.kind === 'classification') return values.map((p) => out.classLabels[p.indexOf(Math.max(...p))]);
  return values.map((p) => p[0] * out.targetStd + out.targetMean);
}

/** Rows of a small CSV (no quoting) as column name -> text. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

export type { Preprocessing };

/**
 * Visible controls (buttons, inputs, selects, text areas) without an accessible name: no
 * aria-label, no aria-labelledby text, no associated <label>, no text and no title. Returned as
 * short HTML snippets; an empty list means every control can be found by role and name.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: HTMLElement) => el.offsetParent !== null || el.getClientRects().length > 0;
    const nameOf = (el: HTMLElement): string => {
      const label = el.getAttribute('aria-label');
      if (label?.trim()) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length > 0) return [...labels].map((l) => l.textContent ?? '').join(' ');
      if (el.tagName === 'BUTTON') return el.textContent ?? '';
      return el.getAttribute('title') ?? '';
    };
    return [...document.querySelectorAll<HTMLElement>('button, input, select, textarea')]
      .filter((el) => visible(el) && (el as HTMLInputElement).type !== 'hidden' && nameOf(el).trim() === '')
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

/** True when the page scrolls sideways (content wider than the window). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The builder settings the flows change: a name, the space text, epochs, runs one at a time on wasm, no policy. */
export interface BuilderFill {
  name: string;
  space: string;
  epochs: number;
  runs: number;
}

/**
 * Fills the experiment builder for a flow: `fill`'s values, policy none, one run at a time, and
 * wasm directly (the automatic choice measures every backend first, which the demo flow covers).
 */
export async function fillBuilder(page: Page, fill: BuilderFill): Promise<void> {
  await page.getByLabel('Experiment name').fill(fill.name);
  await page.getByRole('textbox', { name: /Parameter space/ }).fill(fill.space);
  await page.getByLabel('Epochs per run').fill(String(fill.epochs));
  await page.getByLabel('Policy').selectOption('none');
  await page.getByLabel('Max runs').fill(String(fill.runs));
  await page.getByLabel('Max concurrent runs').fill('1');
  await page.getByLabel('Backend').selectOption('wasm');
}

/**
 * Trains one cnn run on the loaded image dataset (learning rate 0.01, `units` units, one hidden
 * layer, batch 8, wasm) and waits until the experiment completed.
 */
export async function runOneCnn(page: Page, run: { name: string; units: number; epochs: number }): Promise<void> {
  await page.getByLabel('Model family').selectOption('cnn');
  await fillBuilder(page, {
    name: run.name,
    space: `{\n  "learning_rate": choice(0.01),\n  "units": choice(${run.units}),\n  "number_of_hidden_layers": choice(1),\n  "batch_size": choice(8)\n}`,
    epochs: run.epochs,
    runs: 1,
  });
  await page.getByRole('button', { name: 'Start experiment' }).click();
  await waitForStatus(page, ['completed'], 240_000);
}

/** The interval the first running run reached, from the progress panel (0 when none runs). */
export async function runningInterval(page: Page): Promise<number> {
  const text = (await page.getByRole('list', { name: 'Running runs' }).textContent({ timeout: 1000 }).catch(() => '')) ?? '';
  const match = /interval (\d+) of/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** What IndexedDB holds of one run: its status, the intervals of a metric and their values, and the interval it last continued from. */
export interface StoredRunSeries {
  status: string;
  intervals: number[];
  values: number[];
  continuedFrom: number | null;
}

/** Intervals (and values) of `metric` stored per run of experiment `name` (in run order), read from IndexedDB in the page. */
export function storedIntervals(page: Page, name: string, metric = 'val_accuracy'): Promise<StoredRunSeries[]> {
  return page.evaluate(
    async ([experimentName, metricName]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('tabtune');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = <T>(store: string): Promise<T[]> =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const experiment = (await all<{ id: string; name: string }>('experiments')).find((e) => e.name === experimentName);
      type Run = { id: string; experimentId: string; status: string; index: number; continued?: { fromInterval: number }[] };
      const runs = (await all<Run>('runs')).filter((r) => r.experimentId === experiment?.id);
      const metrics = await all<{ runId: string; name: string; interval: number; value: number }>('metrics');
      db.close();
      return runs
        .sort((a, b) => a.index - b.index)
        .map((run) => {
          const series = metrics.filter((m) => m.runId === run.id && m.name === metricName).sort((a, b) => a.interval - b.interval);
          return { status: run.status, intervals: series.map((m) => m.interval), values: series.map((m) => m.value), continuedFrom: run.continued?.at(-1)?.fromInterval ?? null };
        });
    },
    [name, metric] as const,
  );
}
