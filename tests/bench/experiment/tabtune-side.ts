/** tabtune's side of `npm run bench -- experiment`: one experiment through the engine of `tabtune run`. */
import type { EncodedDataset } from '../../../src/core/data';
import { getBestRunByPrimaryMetric } from '../../../src/core/scheduler';
import { ExperimentHost, nodeWorkerSpawner, schedulerDepsOf } from '../../../src/runtime/node';
import { tabtuneConfig, type ExperimentSize } from './setup';

/** What one side of the comparison measured. */
export interface SideResult {
  /** Wall time in seconds (tabtune: host start to end, worker start-up and calibration included). */
  readonly wallSeconds: number;
  /** Best validation accuracy of any run at any interval (stopped runs included, as tabtune's best run). */
  readonly best: number;
  /** Runs stopped early by the policy (tabtune) or pruned (Optuna). */
  readonly stopped: number;
  readonly completed: number;
  /** Anything else worth a line: backends, calibration, failures. */
  readonly notes: string;
}

function countOf(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} x${n}`).join(', ');
}

/**
 * Runs one repetition as `tabtune run` does (ExperimentHost over Node worker threads, 2 workers,
 * no sampler worker, checkpoints on), on `dataset` loaded by tabtune's loader.
 */
export async function tabtuneSide(dataset: EncodedDataset, size: ExperimentSize): Promise<SideResult> {
  const config = tabtuneConfig(size);
  const started = performance.now();
  const host = new ExperimentHost({ experimentId: config.name, config, dataset, deps: schedulerDepsOf(config), spawn: nodeWorkerSpawner(), poolSize: 2 });
  const final = await host.start();
  const wallSeconds = (performance.now() - started) / 1000;
  const snapshot = host.snapshot();
  const calibration = (snapshot.calibration ?? []).map((c) => `${c.backend} ${c.samplesPerSecond === null ? c.error : Math.round(c.samplesPerSecond)}/s`).join(', ');
  const failed = final.runs.filter((r) => r.status === 'failed' || r.status === 'canceled');
  const notes = [
    `backend per run: ${countOf(final.runs.map((r) => r.backend ?? '?'))}`,
    `auto chose ${snapshot.backend ?? '?'}${calibration ? ` (calibration: ${calibration})` : ''}`,
    ...(failed.length ? [`failed/canceled: ${failed.map((r) => `${r.id} ${r.reason}`).join('; ')}`] : []),
  ].join('; ');
  return {
    wallSeconds,
    best: getBestRunByPrimaryMetric(final.runs, config.primaryMetricGoal, config.primaryMetricName)?.value ?? NaN,
    stopped: final.runs.filter((r) => r.status === 'stopped').length,
    completed: final.runs.filter((r) => r.status === 'completed').length,
    notes,
  };
}
