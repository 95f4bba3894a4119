/** Shared builders of the UI state tests: run records and experiment views as plain data. */
import { parseExperimentConfig, type ExperimentConfig } from '../../../src/core/experiment';
import type { RunRecord } from '../../../src/core/scheduler';
import type { ParamValues, RunStatus } from '../../../src/core/types';
import type { ExperimentView } from '../../../src/ui/state/live';

export const SPACE = `{
  "learning_rate": loguniform(-9, -2),
  "batch_size": choice(16, 32, 64, 128),
  "units": choice(32, 64, 128),
  "keep_probability": uniform(0.5, 1)
}`;

/** A run of experiment `e`; `values` is its primary-metric series (`m` unless `metric` says otherwise). */
export function run(
  index: number,
  values: readonly number[],
  extra: Partial<Omit<RunRecord, 'metrics'>> & { metric?: string; metrics?: Record<string, readonly number[]>; goal?: 'maximize' | 'minimize' } = {},
): RunRecord {
  const { metric = 'm', metrics = {}, goal = 'maximize', ...rest } = extra;
  let best: { value: number; interval: number } | undefined;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) return;
    if (!best || (goal === 'maximize' ? value > best.value : value < best.value)) best = { value, interval: i + 1 };
  });
  const params: ParamValues = { learning_rate: 0.001 * (index + 1), batch_size: 32, units: 64, keep_probability: 0.75 };
  return {
    id: `run-${index}`,
    experimentId: 'e1',
    index,
    params,
    status: 'completed' as RunStatus,
    queuedAt: 0,
    startedAt: 1000 * index,
    endedAt: 1000 * index + 5000,
    metrics: { [metric]: values, ...metrics },
    intervals: values.length,
    ...(best ? { best } : {}),
    ...rest,
  };
}

export function config(overrides: Record<string, unknown> = {}): ExperimentConfig {
  return parseExperimentConfig({
    name: 'test',
    space: SPACE,
    primaryMetricName: 'm',
    primaryMetricGoal: 'maximize',
    maxTotalRuns: 50,
    ...overrides,
  });
}

export function view(runs: readonly RunRecord[], overrides: Partial<ExperimentView> = {}): ExperimentView {
  return {
    id: 'e1',
    config: config(),
    runs,
    priors: [],
    status: 'running',
    backend: 'cpu',
    concurrency: null,
    live: true,
    ...overrides,
  };
}
