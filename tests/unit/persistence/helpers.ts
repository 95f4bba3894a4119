/** Shared fixtures of the persistence tests: fresh fake-indexeddb databases, configs, runs, checkpoints. */
import 'fake-indexeddb/auto';
import { parseExperimentConfig, type ExperimentConfig } from '../../../src/core/experiment';
import type { RunRecord } from '../../../src/core/scheduler';
import { createExperiment, openTabtuneDB, type CheckpointInput, type TabtuneDatabase } from '../../../src/persistence';

let count = 0;

/** A database of its own for one test. */
export function freshDb(): Promise<TabtuneDatabase> {
  return openTabtuneDB(`tabtune-persistence-${process.pid}-${++count}`);
}

/** A unique database name. */
export function freshName(): string {
  return `tabtune-persistence-${process.pid}-${++count}`;
}

/** An experiment file as run (defaults filled in). */
export function testConfig(overrides: Record<string, unknown> = {}): ExperimentConfig {
  return parseExperimentConfig({
    name: 'toy',
    dataset: { source: 'demo:iris' },
    space: '{"learning_rate": loguniform(-9, -2), "units": choice(16, 32)}',
    primaryMetricName: 'val_accuracy',
    maxTotalRuns: 4,
    ...overrides,
  });
}

/** A run of experiment `experimentId` with `values` of the primary metric (and a loss series of the same length). */
export function runRecord(experimentId: string, index: number, values: number[], extra: Partial<RunRecord> = {}): RunRecord {
  let best: { value: number; interval: number } | undefined;
  values.forEach((value, i) => {
    if (Number.isFinite(value) && (!best || value > best.value)) best = { value, interval: i + 1 };
  });
  return {
    id: `${experimentId}_${index}`,
    experimentId,
    index,
    params: { learning_rate: 0.01, units: 16 },
    status: 'running',
    queuedAt: 1,
    startedAt: 2,
    metrics: { val_accuracy: values, loss: values.map((v) => 1 - v) },
    intervals: values.length,
    ...(best ? { best } : {}),
    ...extra,
  };
}

/** A checkpoint with `bytes` bytes of weights (filled with `fill`) and a small optimizer state. */
export function checkpointInput(interval: number, value: number, fill = interval, bytes = 16): CheckpointInput {
  const weights = new Uint8Array(bytes).fill(fill);
  return {
    interval,
    value,
    modelTopology: { class_name: 'Sequential' },
    weightSpecs: [{ name: 'dense/kernel', shape: [bytes / 4], dtype: 'float32' }],
    weightData: weights.buffer,
    optimizer: { weightSpecs: [{ name: 'opt/0/iter', shape: [], dtype: 'int32' }], weightData: new Int32Array([interval * 10]).buffer },
  };
}

/** A new stored experiment (running) for `config`. */
export async function storedExperiment(db: TabtuneDatabase, id: string, config = testConfig()) {
  return (await createExperiment(db, { id, config, now: 1000 })).experiment;
}
