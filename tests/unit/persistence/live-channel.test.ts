/** A second tab follows an experiment read-only: stored picture first, then every committed batch. */
import { afterEach, describe, expect, it } from 'vitest';
import { LiveChannel, Recorder, applyLiveUpdate, followExperiment, type LiveMessage, type LiveSnapshot } from '../../../src/persistence';
import { freshDb, runRecord, storedExperiment } from './helpers';

const channels: LiveChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => c.close()));

function channel(name: string): LiveChannel {
  const c = new LiveChannel(name);
  channels.push(c);
  return c;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live view of another tab', () => {
  it('reads what is stored, then applies each batch the driving tab committed', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const name = `live-${Math.random()}`;
    const driver = channel(name);
    const follower = channel(name);
    const recorder = new Recorder({ db, experimentId: 'e', primaryMetricName: 'val_accuracy', onCommit: (update) => driver.post(update) });
    recorder.persist([runRecord('e', 0, [0.1])], { experimentId: 'e', status: 'running', startedAt: 1, runCount: 1, failedCount: 0 });
    await recorder.flush();

    const seen: [LiveSnapshot, LiveMessage | null][] = [];
    const follow = followExperiment(db, follower, 'e', (snapshot, message) => seen.push([snapshot, message]));
    await follow.ready;
    expect(seen[0][0].metrics.get('e_0')).toEqual({ val_accuracy: [0.1], loss: [0.9] });

    recorder.persist([runRecord('e', 0, [0.1, 0.2])], undefined);
    await recorder.flush();
    driver.post({ type: 'released', experimentId: 'e', tabId: 't1' });
    driver.post({ type: 'released', experimentId: 'other', tabId: 't1' });
    const releasedAt = () => seen.findIndex(([, m]) => m?.type === 'released');
    while (releasedAt() < 0) await sleep(10);
    // The first batch may arrive after the stored read too (applied again, no change).
    const [afterBatch, update] = seen[releasedAt() - 1];
    expect(update?.type).toBe('update');
    expect(afterBatch.metrics.get('e_0')!.val_accuracy).toEqual([0.1, 0.2]);
    expect(afterBatch.runs[0]).toMatchObject({ intervals: 2, last: 0.2 });
    expect(afterBatch.experiment).toMatchObject({ status: 'running' });
    expect(seen[releasedAt()][1]).toEqual({ type: 'released', experimentId: 'e', tabId: 't1' });
    await sleep(20);
    expect(seen.filter(([, m]) => m?.experimentId === 'other')).toEqual([]);
    follow.stop();
    await recorder.close();
  });

  it('applying a batch is pure and cuts the series of a run that continued from a checkpoint', () => {
    const before: LiveSnapshot = { experiment: undefined, runs: [], metrics: new Map([['e_0', { acc: [1, 2, 3] }]]) };
    const stored = { id: 'e_0', experimentId: 'e', index: 0, params: {}, status: 'queued' as const, queuedAt: 0, intervals: 1, metricCounts: { acc: 1 }, updatedAt: 0 };
    const after = applyLiveUpdate(before, { type: 'update', experimentId: 'e', runs: [stored], metrics: [], checkpoints: [] });
    expect(after.metrics.get('e_0')).toEqual({ acc: [1] });
    expect(before.metrics.get('e_0')).toEqual({ acc: [1, 2, 3] });
    const next = applyLiveUpdate(after, { type: 'update', experimentId: 'e', runs: [], metrics: [{ runId: 'e_0', name: 'acc', interval: 2, value: 9 }], checkpoints: [] });
    expect(next.metrics.get('e_0')).toEqual({ acc: [1, 9] });
  });
});
