/**
 * `npm run bench -- experiment` (issue 13): a whole tuning experiment, tabtune against the Python
 * stack a user would otherwise reach for, side by side in the same run, on the same rows.
 *
 * - tabtune: the digits demo through tabtune's loader, `--runs` runs x `--epochs` epochs, the
 *   issue's space (setup.ts), Bayesian sampling, median stopping (interval 1, delay 5), 2 workers,
 *   backend `auto`, through ExperimentHost and Node worker threads (the engine of `tabtune run`).
 * - Python: Optuna 3.1 TPE + MedianPruner(n_warmup_steps=5; n_startup_trials left at its default
 *   5) + PyTorch on CPU, trials sequential in one process, `--py-threads` torch threads (default 1),
 *   on tabtune's train/validation split exported to a temporary file.
 *
 * Per repetition (seed = first seed + rep; the side that goes first alternates, so a busy spell on
 * a shared machine does not always hit the same one): wall time each and their ratio, best
 * validation accuracy each (any run, any epoch; stopped runs included), runs stopped / pruned.
 * Target: tabtune's wall time <= Python's, with the same or better best accuracy.
 *
 * Options: --reps N (default 2), --runs N (default 30), --epochs N (default 20), --seed N (first
 * seed, default 1), --py-threads N (default 1). Writes test-results/bench-experiment.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadDatasetSpec } from '../../../src/cli/data-file';
import { pythonSide } from './python-side';
import { tabtuneSide, type SideResult } from './tabtune-side';

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '2' },
    runs: { type: 'string', default: '30' },
    epochs: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'py-threads': { type: 'string', default: '1' },
  },
});
const REPS = Number(args.reps);
const SIZE = { runs: Number(args.runs), epochs: Number(args.epochs) };
const THREADS = Number(args['py-threads']);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

interface Rep {
  readonly seed: number;
  readonly tabtune: SideResult;
  readonly python: SideResult | string;
}

function line(name: string, r: SideResult): string {
  return `  ${name.padEnd(8)} ${r.wallSeconds.toFixed(1).padStart(6)} s  best val_accuracy ${r.best.toFixed(4)}  stopped ${r.stopped}, completed ${r.completed}  (${r.notes})`;
}

async function main(): Promise<void> {
  const dataset = await loadDatasetSpec({ source: 'demo:digits' });
  console.log(`bench experiment — digits (${dataset.trainY.length} training + ${dataset.validY.length} validation rows, the same for both), ${SIZE.runs} runs x ${SIZE.epochs} epochs, ${REPS} repetitions`);
  console.log(`tabtune: bayesian, medianStopping(1, 5), 2 workers, backend auto | Python: Optuna TPE + MedianPruner(n_warmup_steps=5) + PyTorch, sequential, ${THREADS} thread(s)`);
  console.log(`load average before: ${load()}`);
  const reps: Rep[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const size = { ...SIZE, seed: Number(args.seed) + rep };
    const pythonFirst = rep % 2 === 1;
    const python = pythonFirst ? pythonSide(dataset, size, THREADS) : null;
    const tabtune = await tabtuneSide(dataset, size);
    const result: Rep = { seed: size.seed, tabtune, python: python ?? pythonSide(dataset, size, THREADS) };
    reps.push(result);
    console.log(`\nrepetition ${rep + 1}, seed ${size.seed} (${pythonFirst ? 'Python' : 'tabtune'} first), load average ${load()}`);
    console.log(line('tabtune', tabtune));
    if (typeof result.python === 'string') {
      console.log(`  Python skipped: ${result.python}`);
      continue;
    }
    console.log(line('Python', result.python));
    console.log(`  wall ratio tabtune / Python ${(tabtune.wallSeconds / result.python.wallSeconds).toFixed(2)} (target <= 1)`);
  }
  const paired = reps.filter((r): r is Rep & { python: SideResult } => typeof r.python !== 'string');
  if (paired.length > 0) {
    const ratios = paired.map((r) => (r.tabtune.wallSeconds / r.python.wallSeconds).toFixed(2));
    const bests = paired.map((r) => `${r.tabtune.best.toFixed(3)} vs ${r.python.best.toFixed(3)}`);
    console.log(`\nsummary: wall ratio tabtune / Python per repetition ${ratios.join(', ')}; best val_accuracy tabtune vs Python ${bests.join(', ')}`);
  }
  console.log(`load average after: ${load()}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-experiment.json', `${JSON.stringify({ size: SIZE, threads: THREADS, reps }, null, 2)}\n`);
}

await main();
