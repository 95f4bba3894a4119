/**
 * The Python side of `npm run bench -- experiment`: Optuna 3.1 TPE + MedianPruner + PyTorch
 * (optuna_torch.py under Debian's /usr/bin/python3) on tabtune's own split of the dataset, handed
 * over as a temporary JSON file so that both sides train and validate on the same rows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EncodedDataset } from '../../../src/core/data';
import { DELAY, parsedSpace, type ExperimentSize } from './setup';
import type { SideResult } from './tabtune-side';

const PYTHON = '/usr/bin/python3';

interface PythonReport {
  readonly studySeconds: number;
  readonly best: number;
  readonly bestCompleted: number | null;
  readonly pruned: number;
  readonly completed: number;
}

/** Writes the split for Python; returns the folder to remove and the file. */
function exportSplit(dataset: EncodedDataset): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tabtune-bench-'));
  const file = join(dir, 'split.json');
  const { featureCount, outputCount, trainX, trainY, validX, validY } = dataset;
  const arrays = { trainX: Array.from(trainX), trainY: Array.from(trainY), validX: Array.from(validX), validY: Array.from(validY) };
  writeFileSync(file, JSON.stringify({ featureCount, outputCount, ...arrays }));
  return { dir, file };
}

/**
 * One repetition in one Python process (trials sequential, `threads` torch threads). Wall time is
 * the process's, interpreter start and imports included. Returns the reason when Python cannot run.
 */
export function pythonSide(dataset: EncodedDataset, size: ExperimentSize, threads: number): SideResult | string {
  const { dir, file } = exportSplit(dataset);
  const job = { runs: size.runs, epochs: size.epochs, seed: size.seed, threads, warmup: DELAY, space: parsedSpace().parameters };
  const script = new URL('./optuna_torch.py', import.meta.url).pathname;
  try {
    const started = performance.now();
    const run = spawnSync(PYTHON, [script, file, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wallSeconds = (performance.now() - started) / 1000;
    if (run.status !== 0) return `${PYTHON}: ${(run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n').at(-1)}`;
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as PythonReport;
    const notes = `study ${report.studySeconds.toFixed(1)} s of it; best of completed trials ${report.bestCompleted?.toFixed(4) ?? '-'}`;
    return { wallSeconds, best: report.best, stopped: report.pruned, completed: report.completed, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
