/** Storage quota: plain messages, and room made from checkpoints in a fixed order, never from metrics. */
import { describe, expect, it } from 'vitest';
import {
  checkpointKeys,
  checkpointRecord,
  commit,
  describeUsage,
  freeCheckpointSpace,
  getRunMetrics,
  isQuotaExceeded,
  metricRecords,
  putCheckpointsIn,
  putMetricsIn,
  putRunsIn,
  requestPersistentStorage,
  storageFullMessage,
  storageUsage,
  writeTx,
  type TabtuneDatabase,
} from '../../../src/persistence';
import { checkpointInput, freshDb, runRecord, storedExperiment } from './helpers';

async function seed(db: TabtuneDatabase): Promise<void> {
  await storedExperiment(db, 'e');
  const runs = [
    runRecord('e', 0, [0.9], { status: 'completed' }),
    runRecord('e', 1, [0.5], { status: 'stopped' }),
    runRecord('e', 2, [0.4], { status: 'interrupted' }),
    runRecord('e', 3, [0.3], { status: 'running' }),
  ];
  let tx = writeTx(db, ['runs', 'metrics']);
  await commit(tx, putRunsIn(tx, runs, 'val_accuracy'), putMetricsIn(tx, runs.flatMap((r) => metricRecords(r.id, 'val_accuracy', r.metrics.val_accuracy))));
  tx = writeTx(db, ['checkpoints']);
  const records = runs.flatMap((r) => (['best', 'last'] as const).map((kind) => checkpointRecord('e', r.id, kind, checkpointInput(1, 0.5))));
  await commit(tx, putCheckpointsIn(tx, [...records, checkpointRecord('gone', 'gone_0', 'best', checkpointInput(1, 0.1))]));
}

describe('freeCheckpointSpace', () => {
  it('first deletes checkpoints of finished non-best runs (and orphans), then last checkpoints, never the best model or metrics', async () => {
    const db = await freshDb();
    await seed(db);
    expect(await freeCheckpointSpace(db)).toEqual({ checkpoints: 3, stage: 1 });
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best'], ['e_0', 'last'], ['e_2', 'best'], ['e_2', 'last'], ['e_3', 'best'], ['e_3', 'last']]);
    expect(await freeCheckpointSpace(db, { keepRuns: ['e_2'] })).toEqual({ checkpoints: 1, stage: 2 });
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best'], ['e_2', 'best'], ['e_2', 'last'], ['e_3', 'best'], ['e_3', 'last']]);
    expect(await freeCheckpointSpace(db)).toEqual({ checkpoints: 1, stage: 2 });
    expect(await freeCheckpointSpace(db)).toEqual({ checkpoints: 0, stage: 0 });
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best'], ['e_2', 'best'], ['e_3', 'best'], ['e_3', 'last']]);
    for (const i of [0, 1, 2, 3]) expect((await getRunMetrics(db, `e_${i}`)).val_accuracy).toHaveLength(1);
  });
});

describe('quota messages', () => {
  it('recognises a full disk by name, code or message, also inside an aborted transaction', () => {
    expect(isQuotaExceeded(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaExceeded({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaExceeded(new Error('The quota has been exceeded'))).toBe(true);
    expect(isQuotaExceeded(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
  });

  it('describes usage and a full disk in plain words', async () => {
    expect(describeUsage({ usage: 12_345_678, quota: 1_000_000_000, persisted: true })).toMatch(/^[\d.]+ MB of [\d.]+ (MB|GB) \(1%\)$/);
    expect(describeUsage({ usage: null, quota: null, persisted: null })).toBe('storage use unknown');
    expect(await storageFullMessage({ checkpoints: 1, stage: 2 })).toBe(
      'Browser storage is full (storage use unknown): deleted 1 checkpoint of earlier intervals; every logged metric is kept. Delete old experiments to make room.',
    );
  });

  it('without the Storage API (Node) persistence is not available and usage unknown', async () => {
    expect(await requestPersistentStorage()).toBeNull();
    expect(await storageUsage()).toEqual({ usage: null, quota: null, persisted: null });
  });
});
