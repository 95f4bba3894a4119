/** Starting tabtune_optuna.py workers and reading their study, for the distributed tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './postgres';

/** The folder of tabtune_optuna.py and its modules. */
export const INTEGRATION = fileURLToPath(new URL('../../../integrations/optuna/', import.meta.url));
const SCRIPT = join(INTEGRATION, 'tabtune_optuna.py');
const DUMP = fileURLToPath(new URL('./study_dump.py', import.meta.url));
/** The `tabtune` entry script. */
export const TABTUNE = fileURLToPath(new URL('../../../src/cli/tabtune.mjs', import.meta.url));

/** A trial as study_dump.py prints it. */
export interface TrialDump {
  readonly number: number;
  readonly state: 'COMPLETE' | 'PRUNED' | 'FAIL' | 'RUNNING' | 'WAITING';
  readonly params: Record<string, number | string> | null;
  readonly intermediate: number[];
  readonly steps: number[];
  readonly intervalAttrs: number[];
  readonly stop: { interval: number; reason: string } | null;
  readonly failedTrial: number | null;
  /** A retried run's continuation: the failed run, the checkpoint's interval and folder. */
  readonly resumed: { from: number; interval: number; checkpoint: string } | null;
  readonly surplus: boolean;
  readonly value: number | null;
  /** "host:pid" of the worker that ran it. */
  readonly worker: string | null;
}

/** A worker process and its output so far. */
export interface Worker {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Starts `tabtune_optuna.py ARGS` (the integration's command line) in its own process group, so
 * that a test can kill it with its training and decision processes, as a machine dies.
 */
export function startWorker(args: readonly string[]): Worker {
  const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** SIGKILLs the worker and every process it started. */
export function killMachine(worker: Worker): void {
  process.kill(-(worker.child.pid as number), 'SIGKILL');
}

/** Polls `check` every 50 ms until it returns a value (not undefined), up to `ms`. */
export async function waitFor<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The interval of the checkpoint in `folder` (a run's last/ or previous/), or undefined while there is none. */
export function checkpointInterval(folder: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8')) as { interval: number }).interval;
  } catch {
    // Not written yet (or being replaced): poll again.
    return undefined;
  }
}

/** Runs `tabtune_optuna.py ARGS` to the end. */
export function runIntegration(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const done = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}

/** The study's trials and user attr names, read from the storage. */
export function dumpStudy(storage: string, study: string): { userAttrs: string[]; trials: TrialDump[] } {
  const done = spawnSync(PYTHON, [DUMP, storage, study, INTEGRATION], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`study_dump.py failed: ${done.stderr}`);
  return JSON.parse(done.stdout) as { userAttrs: string[]; trials: TrialDump[] };
}

/** Runs `tabtune ARGS` (stdin optional) to the end. */
export function tabtune(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const done = spawnSync(process.execPath, [TABTUNE, ...args], { encoding: 'utf8', input, timeout: 240_000 });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}

/** Writes a small digits experiment file into `dir` and returns its path. */
export function digitsExperiment(dir: string, name: string, overrides: Record<string, unknown> = {}): string {
  const file = join(dir, `${name}.json`);
  const experiment = {
    name,
    dataset: { source: 'demo:digits' },
    model: { family: 'mlp', hyperparameters: { epochs: 4, units: 16 } },
    space: '{"learning_rate": loguniform(-7, -3), "keep_probability": uniform(0.7, 1)}',
    sampling: { type: 'bayesian', seed: 5 },
    policy: { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 1 },
    maxTotalRuns: 12,
    backend: 'wasm',
    ...overrides,
  };
  writeFileSync(file, JSON.stringify(experiment, null, 2));
  return file;
}
