/**
 * A synthetic experiment of 1000 runs for the dashboard bench: the demo's space, four metrics
 * over intervals, most runs ended and some running. `advance` makes the next view as the live
 * session does: a new runs array in which each running run logged one more interval.
 */
import { parseExperimentConfig } from '../../../src/core/experiment';
import { bestIntervalOf } from '../../../src/core/goal';
import { createRng } from '../../../src/core/rng';
import { parseSpace, sampleSpace } from '../../../src/core/space';
import type { RunRecord } from '../../../src/core/scheduler';
import type { RunStatus } from '../../../src/core/types';
import { DEMO_EXPERIMENT } from '../../../src/ui/state/demo';
import type { ExperimentView } from '../../../src/ui/state/live';

const METRICS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const;
const ENDED: RunStatus[] = ['completed', 'completed', 'completed', 'stopped', 'stopped', 'failed'];

function curve(rng: ReturnType<typeof createRng>, skill: number, n: number): Record<string, number[]> {
  const out: Record<string, number[]> = { loss: [], accuracy: [], val_loss: [], val_accuracy: [] };
  for (let i = 1; i <= n; i++) appendInterval(out, rng, skill, i);
  return out;
}

function appendInterval(series: Record<string, number[]>, rng: ReturnType<typeof createRng>, skill: number, i: number): void {
  const acc = skill * (1 - Math.exp(-i / 4)) + rng.uniform(-0.01, 0.01);
  series.accuracy.push(Math.min(1, acc + 0.02));
  series.val_accuracy.push(acc);
  series.loss.push(2.3 * Math.exp(-i / 5) + 0.05);
  series.val_loss.push(2.3 * Math.exp(-i / 5) + 0.1 + rng.uniform(0, 0.02));
}

/** The first view: `total` runs, the last `running` of them in flight. */
export function syntheticView(total = 1000, running = 16): ExperimentView {
  const config = parseExperimentConfig({ ...DEMO_EXPERIMENT, maxTotalRuns: total, maxConcurrentRuns: running });
  const space = parseSpace(config.space);
  const runs: RunRecord[] = [];
  const t0 = Date.now() - 3_600_000;
  for (let index = 0; index < total; index++) {
    const rng = createRng(7, index);
    const live = index >= total - running;
    const status: RunStatus = live ? 'running' : ENDED[index % ENDED.length];
    const n = live ? 5 + (index % 10) : status === 'completed' ? 20 : 3 + (index % 8);
    const metrics = curve(rng, rng.uniform(0.5, 0.98), n);
    const best = bestIntervalOf(metrics.val_accuracy, 'maximize');
    runs.push({
      id: `bench_${index}`, experimentId: 'bench', index, params: sampleSpace(space, rng), status, queuedAt: t0 + index * 3000,
      startedAt: t0 + index * 3000 + 10, ...(live ? {} : { endedAt: t0 + index * 3000 + 2500 }),
      backend: 'wasm', metrics, intervals: n, ...(best ? { best } : {}),
      ...(status === 'stopped' ? { reason: 'stopped by policy: median' } : status === 'failed' ? { reason: 'NaN loss' } : {}),
    });
  }
  return { id: 'bench', config, runs, priors: [], status: 'running', startedAt: t0, backend: 'wasm', concurrency: `${running} at once`, live: true };
}

/** The next view: each running run logs one more interval of every metric (new objects, old ones untouched). */
export function advance(view: ExperimentView, step: number): ExperimentView {
  const runs = view.runs.map((run) => {
    if (run.status !== 'running') return run;
    const rng = createRng(step, run.index);
    const metrics: Record<string, number[]> = {};
    for (const name of METRICS) metrics[name] = [...(run.metrics[name] ?? [])];
    appendInterval(metrics, rng, 0.5 + (run.index % 50) / 100, run.intervals + 1);
    const best = bestIntervalOf(metrics.val_accuracy, 'maximize');
    return { ...run, metrics, intervals: run.intervals + 1, ...(best ? { best } : {}) };
  });
  return { ...view, runs };
}
