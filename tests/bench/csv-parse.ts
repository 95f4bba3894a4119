/**
 * CSV parse speed: rows per second for a generated ~50 MB numeric CSV (12 float columns and an
 * integer label), through the same `parseCsv` the page's worker and `tabtune run` use.
 * Run: `npx tsx tests/bench/csv-parse.ts [megabytes]`. Prints one JSON line per measurement and
 * a summary; papaparse alone (no column stores) is the baseline.
 */
import { loadavg } from 'node:os';
import Papa from 'papaparse';
import { blobSource, createRng, encodeDataset, inferSchema, defaultChoices, parseCsv, textSource } from '../../src/core';

const megabytes = Number(process.argv[2] ?? 50);
const REPEATS = 3;

function generate(targetBytes: number): { text: string; rows: number } {
  const rng = createRng(2024);
  const header = [...Array.from({ length: 12 }, (_, i) => `x${i}`), 'label'].join(',');
  const lines: string[] = [header];
  let bytes = header.length + 1;
  while (bytes < targetBytes) {
    const cells: string[] = [];
    for (let c = 0; c < 12; c++) cells.push((rng.normal() * 10 ** (c % 4)).toFixed(3));
    cells.push(String(rng.int(5)));
    const line = cells.join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: lines.join('\n') + '\n', rows: lines.length - 1 };
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(name: string, rows: number, bytes: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < REPEATS; i++) seconds.push(await time(fn));
  const s = median(seconds);
  const result = { name, rows, megabytes: +(bytes / 2 ** 20).toFixed(1), seconds: +s.toFixed(3), rowsPerSecond: Math.round(rows / s), megabytesPerSecond: +(bytes / 2 ** 20 / s).toFixed(1) };
  console.log(JSON.stringify(result));
  return result.rowsPerSecond;
}

const { text, rows } = generate(megabytes * 2 ** 20);
const bytes = text.length;
console.log(JSON.stringify({ generated: { rows, megabytes: +(bytes / 2 ** 20).toFixed(1), columns: 13 }, node: process.version, loadavg: loadavg().map((l) => +l.toFixed(2)) }));

const baseline = await measure('papaparse alone (string, fast mode)', rows, bytes, () => Papa.parse(text, { delimiter: ',', newline: '\n' }));
const inMemory = await measure('parseCsv(textSource) 1 MB chunks', rows, bytes, () => parseCsv(textSource('bench.csv', text)));
const blob = new Blob([text]);
const fromBlob = await measure('parseCsv(blobSource) bytes + UTF-8 decode', rows, bytes, () => parseCsv(blobSource(blob, 'bench.csv')));
const table = await parseCsv(textSource('bench.csv', text));
const schema = inferSchema(table);
const encode = await measure('inferSchema + encodeDataset (stratified split, standardize)', rows, bytes, () =>
  encodeDataset(table, defaultChoices(inferSchema(table)), { schema }),
);
console.log(
  `csv-parse bench: ${(bytes / 2 ** 20).toFixed(1)} MB, ${rows} rows: parseCsv ${inMemory.toLocaleString('en-US')} rows/s in memory, ` +
    `${fromBlob.toLocaleString('en-US')} rows/s from a Blob (papaparse alone ${baseline.toLocaleString('en-US')} rows/s); ` +
    `inference + encoding ${encode.toLocaleString('en-US')} rows/s; peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
