/**
 * `npm run bench:sampling`: tabtune's samplers (in-process, exactly as the scheduler calls them)
 * against Optuna 3.1 (Debian's python3-optuna under /usr/bin/python3, in a child process running
 * in parallel) on seven shifted test functions. Prints median final regret with quartiles, regret
 * with runs in flight, suggest times, and which targets of the sampling issue are met.
 *
 * Then the realistic suite (realistic.ts): noisy objectives, LCBench, ill-scaled, mixed spaces and
 * long horizons, with Optuna asked and told over a pipe.
 *
 * Options: --seeds N (default 10), --runs N (100), --functions A,B (all), --no-optuna,
 * --no-parallel (skip the in-flight runs), --in-flight 1,4 (which in-flight counts; 1,4,8), --no-timing (skip the 1000-run timing),
 * --suite classic|realistic|all (all), --short (realistic without the 1000-run horizon),
 * --groups noisy,lcbench,ill,mixed,long (realistic groups, all), --no-tabtune (Optuna only),
 * --realistic-in-flight 4,8 (tabtune on the realistic suite with runs in flight too; none).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createBayesianSampler, createRandomSampler } from '../../../src/core/sampling';
import { FUNCTIONS } from './functions';
import { makeProblem, makeProblems, type Problem } from './problems';
import { renderReport, type Cell, type Results } from './report';
import { LCBENCH_TASKS, realisticObjectives } from './objectives';
import { renderRealistic, runRealistic } from './realistic';
import { problemSpace, runLoop } from './tabtune-loop';
import { schedulerLoop } from './scheduler-loop';
import { Surrogate } from '../policies/lcbench';
import { timeAt1000 } from './timing';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const seeds = Number(option('seeds') ?? 10);
const runs = Number(option('runs') ?? 100);
const functions = option('functions')?.split(',');
const IN_FLIGHT = flag('no-parallel') ? [1] : (option('in-flight')?.split(',').map(Number) ?? [1, 4, 8]);
const suite = option('suite') ?? 'all';
const LCBENCH_DIR = fileURLToPath(new URL('../../../../shared/bench/lcbench', import.meta.url));

interface OptunaOutput {
  results: { name: string; seed: number; sampler: string; inFlight: number; regret: number; curve: number[]; times: [number, number][] }[];
  check: number[];
  timing1000?: number[];
}

function timingProblemJson() {
  const p = makeProblem(FUNCTIONS.find((f) => f.name === 'Hartmann6')!, 1);
  return { name: p.fn.name, seed: p.seed, bounds: p.bounds };
}

function runOptuna(problems: Problem[]): Promise<OptunaOutput> {
  const script = fileURLToPath(new URL('./optuna_bench.py', import.meta.url));
  const check = problems.slice(0, 50).map((p) => ({ name: p.fn.name, x: p.bounds.map(([lo, hi], i) => lo + ((i + 1) * 0.137 * (hi - lo)) % (hi - lo)) }));
  const job = {
    runs,
    samplers: ['tpe', 'random', 'cmaes'],
    inFlight: IN_FLIGHT,
    inFlightSamplers: ['tpe'],
    timing1000: flag('no-timing') ? null : timingProblemJson(),
    problems: problems.map((p) => ({ name: p.fn.name, seed: p.seed, bounds: p.bounds })),
    check,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`optuna_bench.py exited with ${code}`));
      const parsed = JSON.parse(out) as OptunaOutput;
      check.forEach((c, i) => {
        const fn = problems.find((p) => p.fn.name === c.name)!.fn;
        const mine = fn.evaluate(c.x);
        if (Math.abs(mine - parsed.check[i]) > 1e-9 * Math.max(1, Math.abs(mine))) {
          reject(new Error(`${c.name} differs between TS and Python at ${c.x}: ${mine} vs ${parsed.check[i]}`));
        }
      });
      resolve(parsed);
    });
    child.stdin.end(JSON.stringify(job));
  });
}

function add(results: Results, sampler: string, inFlight: number, fn: string, cell: Cell): void {
  const key = `${sampler}|${inFlight}|${fn}`;
  (results[key] ??= []).push(cell);
}

/** The Bayesian sampler through the scheduler, as the host runs it (suggest and fit commands). */
async function bayesianRun(p: Problem, inFlight: number) {
  const evaluate = (params: Record<string, unknown>) => p.fn.evaluate(p.bounds.map((_, i) => params[`x${i}`] as number));
  const trace = await schedulerLoop(createBayesianSampler(), problemSpace(p), evaluate, runs, inFlight, p.seed);
  let best = Infinity;
  const curve = trace.values.map((v) => Math.max(0, (best = Math.min(best, v)) - p.fn.minimum));
  return { regret: curve[curve.length - 1], curve, timings: trace.suggests };
}

async function classic(): Promise<void> {
  const started = performance.now();
  const problems = makeProblems(seeds, functions);
  const optuna = flag('no-optuna') ? Promise.resolve(null) : runOptuna(problems);
  const results: Results = {};
  const times100: number[] = [];
  // `--no-tabtune`: Optuna's side only (the realistic suite honours it the same way).
  for (const inFlight of flag('no-tabtune') ? [] : IN_FLIGHT) {
    for (const p of problems) {
      // Let the event loop hand Optuna's process its job and read its output meanwhile: the runs
      // never wait on I/O, so without this Optuna's side got its input only after the last run
      // here and ran after it instead of beside it, on the other core.
      await new Promise((resolve) => setImmediate(resolve));
      const r = await bayesianRun(p, inFlight);
      add(results, 'tabtune bayesian', inFlight, p.fn.name, { regret: r.regret, seed: p.seed, ...(inFlight === 1 ? { curve: r.curve } : {}) });
      if (inFlight === 1) times100.push(...r.timings.filter((t) => t.history >= runs - 10).map((t) => t.ms));
      process.stderr.write(`tabtune bayesian x${inFlight} ${p.fn.name} ${p.seed}: ${r.regret.toPrecision(3)}\n`);
    }
  }
  for (const p of problems) {
    const r = runLoop(createRandomSampler(), p, runs, 1, p.seed);
    add(results, 'tabtune random', 1, p.fn.name, { regret: r.regret[r.regret.length - 1], seed: p.seed });
  }
  const times1000 = flag('no-timing') || flag('no-tabtune') ? [] : timeAt1000();
  const optunaResults = await optuna;
  const optunaTimes100: number[] = [];
  for (const r of optunaResults?.results ?? []) {
    add(results, `optuna ${r.sampler}`, r.inFlight, r.name, { regret: r.regret, seed: r.seed, ...(r.inFlight === 1 ? { curve: r.curve } : {}) });
    if (r.sampler === 'tpe' && r.inFlight === 1) optunaTimes100.push(...r.times.filter(([h]) => h >= runs - 10).map(([, ms]) => ms));
  }
  const report = renderReport({
    results,
    seeds,
    runs,
    inFlight: IN_FLIGHT,
    functions: [...new Set(problems.map((p) => p.fn.name))],
    times: { tabtune100: times100, tabtune1000: times1000, optuna100: optunaTimes100, optuna1000: optunaResults?.timing1000 ?? [] },
    seconds: (performance.now() - started) / 1000,
  });
  process.stdout.write(report);
}

async function realistic(): Promise<void> {
  const started = performance.now();
  const surrogate = await Surrogate.open(LCBENCH_DIR);
  const fns = functions ?? ['Branin', 'Hartmann3', 'Hartmann6', 'Rosenbrock4', 'Ackley5', 'Levy5', 'StyblinskiTang5'];
  const groups = option('groups')?.split(',');
  const objectives = realisticObjectives({ seeds, runs, functions: fns, surrogate, short: flag('short'), ...(groups ? { groups } : {}) });
  const inFlight = option('realistic-in-flight')?.split(',').map(Number) ?? [];
  const scores = await runRealistic(objectives, !flag('no-optuna'), !flag('no-tabtune'), inFlight);
  process.stdout.write(renderRealistic(scores));
  process.stdout.write(`(realistic suite: ${LCBENCH_TASKS.length} LCBench tasks, finished in ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

if (suite !== 'realistic') await classic();
if (suite !== 'classic') await realistic();
