/**
 * `npm run bench:policies`: what each early-termination policy saves, and what it costs, on real
 * learning curves (the LCBench surrogate), next to Optuna 3.1's pruners on the very same curves.
 *
 * Per task and seed: 100 configurations by random sampling, 52 epochs each, primary metric the
 * validation error (minimize), replayed one run after the other (concurrency 1, like Optuna's
 * sequential study). Paired: every policy and pruner sees the same configurations in the same
 * order, and its best error is compared with the best error of the same experiment without one.
 * The asynchronous policies (curveBound, ASHA, Hyperband) are replayed again with 4 runs in flight
 * (the table's last column, pooled over tasks); Optuna's study here is sequential.
 *
 * Options: --seeds N (default 10), --tasks 3945,7593,... , --no-optuna. Not part of CI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPolicy, parsePolicyConfig, replay, type PolicyConfig } from '../../../src/core/policies';
import { EPOCHS, sampleConfigs, Surrogate } from './lcbench';
import { referenceTable, summarize, table, type Outcome, type Reference } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const LCBENCH = join(here, '../../../../shared/bench/lcbench');
const RUNS = 100;
const LOSS_TOLERANCE = 0.005;
/** The three tasks of the reference figures, then three more of our choice. */
const TASKS = ['3945', '7593', '34539', '126025', '167190', '189909'];

/** The tasks of the reference figures in USAGE.md, and those figures. */
const REFERENCE_TASKS = ['3945', '7593', '34539'];
const REFERENCE: Record<string, Reference> = {
  'MedianStopping (1, 5)': { saved: '52-67%', losses: '0 of 30' },
  'TruncationSelection 20% (delay 5)': { saved: '42-50%', losses: '0' },
  'Bandit slackFactor 0.1 (delay 5)': { saved: '81-86%', losses: '10-80% of seeds' },
  'optuna MedianPruner(5 startup, 5 warm-up)': { saved: '66-72%', losses: '0-20%' },
  'optuna SuccessiveHalvingPruner(min_resource 1, reduction_factor 3)': { saved: '90-92%', losses: '20-100%' },
};

const POLICIES: Record<string, unknown> = {
  'curveBound (tabtune; slopeFactor 1.25, delay 2)': { type: 'curveBound' },
  'ASHA (minResource 1, reductionFactor 3)': { type: 'asha', minResource: 1, reductionFactor: 3 },
  'Hyperband (minResource 1, maxResource 52, reductionFactor 3)': { type: 'hyperband', minResource: 1, maxResource: 52, reductionFactor: 3 },
  'MedianStopping (1, 5)': { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 5 },
  'TruncationSelection 20% (delay 5)': { type: 'truncationSelection', truncationPercentage: 20, delayEvaluation: 5 },
  'Bandit slackFactor 0.1 (delay 5)': { type: 'bandit', slackFactor: 0.1, delayEvaluation: 5 },
  'Bandit slackFactor 0.2 (delay 5)': { type: 'bandit', slackFactor: 0.2, delayEvaluation: 5 },
  'Bandit slackFactor 0.5 (delay 5)': { type: 'bandit', slackFactor: 0.5, delayEvaluation: 5 },
};

/** Asynchronous policies, replayed a second time with 4 runs in flight (the last column). */
const IN_FLIGHT = 4;
const ASYNCHRONOUS = new Set(['curveBound', 'asha', 'hyperband']);

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

interface Experiment {
  readonly key: string;
  readonly task: string;
  readonly curves: number[][];
  readonly bestWithout: number;
}

async function experiments(tasks: readonly string[], seeds: number): Promise<Experiment[]> {
  const surrogate = await Surrogate.open(LCBENCH);
  const list: Experiment[] = [];
  for (const task of tasks) {
    for (let seed = 1; seed <= seeds; seed++) {
      const curves = await surrogate.validationErrors(task, sampleConfigs(RUNS, seed, Number(task)));
      const bestWithout = Math.min(...curves.map((c) => Math.min(...c)));
      list.push({ key: `${task}/${seed}`, task, curves, bestWithout });
    }
  }
  return list;
}

/** Per pruner, per experiment key: epochs run and best error. */
type OptunaResults = Record<string, Record<string, { epochsRun: number; best: number }>>;

/** Optuna's pruners over the same curves, in a child /usr/bin/python3 running next to our replays. */
function runOptuna(list: readonly Experiment[]): Promise<OptunaResults> {
  const dir = mkdtempSync(join(tmpdir(), 'tabtune-bench-'));
  const file = join(dir, 'curves.json');
  writeFileSync(file, JSON.stringify({ experiments: list.map(({ key, curves }) => ({ key, curves })) }));
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [join(here, 'optuna_pruners.py'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`optuna_pruners.py exited with ${code}`));
      resolve((JSON.parse(out) as { results: OptunaResults }).results);
    });
  });
}

/** One policy on one paired experiment, replayed with `concurrency` runs at once. */
function replayed(name: string, config: PolicyConfig, exp: Experiment, concurrency: number): Outcome {
  const runs = exp.curves.map((values, i) => ({ id: String(i + 1), values }));
  const result = replay({ runs, goal: 'minimize', policy: createPolicy(config, 'val_error'), concurrency });
  const epochsRun = result.runs.reduce((sum, run) => sum + run.intervalsRun, 0);
  return { policy: name, task: exp.task, epochsRun, total: RUNS * EPOCHS, loss: (result.summary.bestWithPolicy ?? NaN) - exp.bestWithout };
}

async function main(): Promise<void> {
  const started = Date.now();
  const seeds = Number(option('seeds') ?? 10);
  const tasks = option('tasks')?.split(',') ?? TASKS;
  const list = await experiments(tasks, seeds);
  const optuna: Promise<OptunaResults> = process.argv.includes('--no-optuna')
    ? Promise.resolve({})
    : runOptuna(list).catch((error: unknown) => {
        // The tabtune rows stand on their own; say loudly why Optuna's are missing.
        process.stderr.write(`Optuna comparison skipped: ${error instanceof Error ? error.message : String(error)}\n`);
        return {};
      });
  const outcomes: Outcome[] = [];
  const inFlight: Outcome[] = [];
  for (const [name, json] of Object.entries(POLICIES)) {
    const config = parsePolicyConfig(json);
    outcomes.push(...list.map((exp) => replayed(name, config, exp, 1)));
    if (ASYNCHRONOUS.has(config.type)) inFlight.push(...list.map((exp) => replayed(name, config, exp, IN_FLIGHT)));
  }
  for (const [name, byKey] of Object.entries(await optuna)) {
    for (const exp of list) {
      const { epochsRun, best } = byKey[exp.key];
      outcomes.push({ policy: name, task: exp.task, epochsRun, total: RUNS * EPOCHS, loss: best - exp.bestWithout });
    }
  }
  const rows = summarize(outcomes, LOSS_TOLERANCE);
  process.stdout.write(`LCBench surrogate, ${RUNS} runs x ${EPOCHS} epochs, random sampling, val error (minimize), ${seeds} seeds per task, paired.\n`);
  process.stdout.write(`losses: paired experiments whose best error got worse by > ${LOSS_TOLERANCE}; median loss over all seeds.\n\n`);
  process.stdout.write(table(rows, summarize(inFlight, LOSS_TOLERANCE), `${IN_FLIGHT} in flight, all tasks`) + '\n');
  if (REFERENCE_TASKS.some((t) => tasks.includes(t))) {
    process.stdout.write(`\nOn tasks ${REFERENCE_TASKS.join(', ')}, next to the reference figures of USAGE.md:\n\n`);
    process.stdout.write(referenceTable(rows, REFERENCE_TASKS, REFERENCE) + '\n');
  }
  process.stdout.write(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

await main();
