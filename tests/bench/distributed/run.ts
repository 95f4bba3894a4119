/**
 * `npm run bench -- distributed [runs] [backend]`: the same digits experiment (the demo's network,
 * 8 epochs, Bayesian sampling, median stopping, default 12 runs, backend default `auto`, which
 * measures once per worker and picks wasm-fused for this MLP) run by 1, 2 and 3 tabtune_optuna.py
 * workers against a throwaway PostgreSQL, next to `tabtune run` alone with as many worker threads.
 * Prints one JSON line per setting: runs per minute and, per run, the `tabtune train` process's
 * lifetime (start-up of node, tfjs and the dataset, then the fit; less the time a process started
 * ahead sat waiting for its run) and the coordination around it: what it adds to the worker's wall
 * time (claiming the run, `tabtune suggest`, storage round trips, telling the result, where they
 * do not overlap the next process's start-up) as a share of the train process and of the fit
 * alone, and what overlaps training (each
 * interval's report and `tabtune decide`, waiting for earlier runs to reach the interval).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../distributed/support/postgres';
import { digitsExperiment, dumpStudy, startWorker, tabtune } from '../../distributed/support/workers';

const runs = Number(process.argv[2] ?? 12);
const backend = process.argv[3] ?? 'auto';
const dir = mkdtempSync(join(tmpdir(), 'tabtune-bench-dist-'));
const file = digitsExperiment(dir, 'digits-bench', { maxTotalRuns: runs, model: { family: 'mlp', hyperparameters: { epochs: 8, units: 32 } }, backend });
const round = (v: number, d = 3) => Number(v.toFixed(d));

/** What each worker writes with --timing (seconds, summed over its runs). */
interface Timing {
  /** From starting the first train process to telling the last result. */
  runWall: number;
  /** The tabtune train processes' lifetimes (start-up, dataset, fit, files), less their waits for a run. */
  process: number;
  /** Storage writes and decisions made while the process trained. */
  overlapped: number;
  suggest: number;
  decide: number;
  waited: number;
  runs: number;
}

async function distributed(url: string, workers: number): Promise<void> {
  const study = `bench-${workers}`;
  const started = Date.now();
  const procs = Array.from({ length: workers }, (_, i) =>
    startWorker(['worker', file, '--storage', url, '--study', study, '--out', join(dir, study), '--timing', join(dir, `${study}-${i}.json`)]),
  );
  const codes = await Promise.all(procs.map((p) => p.exited));
  if (codes.some((c) => c !== 0)) throw new Error(procs.map((p) => p.output()).join('\n'));
  const wall = (Date.now() - started) / 1000;
  const timings = procs.map((_, i) => JSON.parse(readFileSync(join(dir, `${study}-${i}.json`), 'utf8')) as Timing);
  const perRun = (key: keyof Timing) => timings.reduce((s, t) => s + t[key], 0) / runs;
  const added = perRun('runWall') - perRun('process');
  console.log(JSON.stringify({
    setting: `${workers} worker${workers > 1 ? 's' : ''} (PostgreSQL)`,
    runsPerMinute: round((runs / wall) * 60, 1),
    wallSeconds: round(wall, 1),
    perRun: {
      trainProcessSeconds: round(perRun('process')),
      fitSeconds: round(fitSecondsOf(url, study) / runs),
      coordinationAddedSeconds: round(added),
      coordinationOverlappedSeconds: round(perRun('overlapped')),
      suggestSeconds: round(perRun('suggest')),
      decideSeconds: round(perRun('decide')),
      waitingForEarlierRunsSeconds: round(perRun('waited')),
    },
    addedShareOfTrainProcess: round(added / perRun('process')),
    addedShareOfFit: round(added / (fitSecondsOf(url, study) / runs)),
  }));
}

function fitSecondsOf(url: string, study: string): number {
  const code = `import sys,warnings,optuna;warnings.filterwarnings("ignore");optuna.logging.set_verbosity(optuna.logging.WARNING);s=optuna.load_study(study_name=sys.argv[1],storage=sys.argv[2]);print(sum((t.user_attrs.get("tabtune:result") or {}).get("fitSeconds") or 0 for t in s.get_trials()))`;
  const done = spawnSync('/usr/bin/python3', ['-c', code, study, url], { encoding: 'utf8' });
  return Number(done.stdout.trim());
}

function alone(threads: number): void {
  const started = Date.now();
  const done = tabtune(['run', file, '--out', join(dir, `alone-${threads}`), '--workers', String(threads)]);
  if (done.code !== 0) throw new Error(done.stderr);
  const wall = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ setting: `tabtune run alone, ${threads} thread${threads > 1 ? 's' : ''}`, runsPerMinute: round((runs / wall) * 60, 1), wallSeconds: round(wall, 1) }));
}

const cluster = await startCluster();
try {
  console.log(JSON.stringify({ bench: 'distributed', runs, epochs: 8, backend, cores: availableParallelism(), loadAverage: round(loadavg()[0], 1) }));
  for (const workers of [1, 2, 3]) {
    await distributed(cluster.url, workers);
    alone(workers);
  }
  // Sanity: the last study holds exactly the runs asked for.
  const finished = dumpStudy(cluster.url, 'bench-3').trials.filter((t) => t.state === 'COMPLETE' || t.state === 'PRUNED').length;
  if (finished !== runs) throw new Error(`bench-3 finished ${finished} runs, not ${runs}`);
  console.log(JSON.stringify({ loadAverageAtEnd: round(loadavg()[0], 1) }));
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
