/** The recorder: every logged value written as it arrives, batched, one transaction per batch, nothing dropped. */
import { unwrap, type IDBPTransaction } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentProgress } from '../../../src/core/scheduler';
import {
  Recorder,
  checkpointRecord,
  checkpointKeys,
  commit,
  getCheckpoint,
  getExperiment,
  getRunMetrics,
  getRuns,
  putCheckpointsIn,
  putRunsIn,
  writeTx,
  type LiveUpdate,
  type TabtuneDatabase,
} from '../../../src/persistence';
import { checkpointInput, freshDb, runRecord, storedExperiment } from './helpers';

const recorders: Recorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close()));
});

function recorder(db: TabtuneDatabase, extra: Partial<ConstructorParameters<typeof Recorder>[0]> = {}): Recorder {
  const r = new Recorder({ db, experimentId: 'e', primaryMetricName: 'val_accuracy', flushMs: 40, ...extra });
  recorders.push(r);
  return r;
}

const progress = (status: ExperimentProgress['status'], runCount = 1): ExperimentProgress => ({
  experimentId: 'e', status, runCount, failedCount: 0, startedAt: 5, ...(status !== 'running' ? { endedAt: 9, reason: 'done' } : {}),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes the next `count` read-write transactions of `db` abort, reporting `error` as the transaction's error. */
function failNextWrites(db: TabtuneDatabase, count: number, error: DOMException | null): void {
  const real = db.transaction.bind(db) as (...args: unknown[]) => object;
  let left = count;
  (db as unknown as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const wrapped = real(...args);
    if (args[1] !== 'readwrite' || left <= 0) return wrapped;
    left -= 1;
    // idb wraps what this returns: the plain transaction, so that its stores unwrap to plain stores
    // as in the app (putMetricsIn writes with the plain store's own put).
    const tx = unwrap(wrapped as IDBPTransaction) as IDBTransaction;
    // idb awaits its own wrapper's `done`; the one made for `wrapped` is ours to handle.
    (wrapped as IDBPTransaction).done.catch(() => undefined);
    queueMicrotask(() => tx.abort());
    return new Proxy(tx, {
      get(target, prop) {
        if (prop === 'error') return error;
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
}

describe('Recorder', () => {
  it('writes only new values, many logs in one batch, with the run summary and the progress', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const updates: LiveUpdate[] = [];
    const r = recorder(db, { onCommit: (u) => updates.push(u) });
    const values: number[] = [];
    for (let i = 0; i < 10; i++) {
      values.push(i / 10);
      r.persist([runRecord('e', 0, [...values])], i === 0 ? progress('running') : undefined);
    }
    await r.flush();
    expect(r.commits).toBe(1);
    expect(updates[0].metrics).toHaveLength(20);
    expect(await getRunMetrics(db, 'e_0')).toEqual({ val_accuracy: values, loss: values.map((v) => 1 - v) });
    expect((await getRuns(db, 'e'))[0]).toMatchObject({ intervals: 10, last: 0.9, metricCounts: { val_accuracy: 10, loss: 10 } });
    expect(await getExperiment(db, 'e')).toMatchObject({ status: 'running', startedAt: 5, runCount: 1 });
  });

  it('flushes on its own within flushMs of a value (the documented lag), and at once when the experiment ends', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const r = recorder(db, { flushMs: 100 });
    const logged = Date.now();
    r.persist([runRecord('e', 0, [0.5])], undefined);
    expect(await getRunMetrics(db, 'e_0')).toEqual({});
    while (r.commits === 0) await sleep(5);
    // Only the lower bound is the recorder's: a timer never fires early, but a busy machine may
    // fire it arbitrarily late, so an upper bound on the lag would test the machine.
    expect(Date.now() - logged).toBeGreaterThanOrEqual(95);
    expect(await getRunMetrics(db, 'e_0')).toEqual({ val_accuracy: [0.5], loss: [0.5] });

    // "At once" without a clock: with a flush timer of an hour, only the end of the experiment
    // can make this commit happen within the test.
    const ending = recorder(db, { flushMs: 3_600_000 });
    ending.persist([runRecord('e', 0, [0.5, 0.6], { status: 'completed', endedAt: 9 })], progress('completed'));
    while (ending.commits === 0) await sleep(5);
    expect(await getExperiment(db, 'e')).toMatchObject({ status: 'completed', reason: 'done', endedAt: 9 });
  });

  it('writes a batch whole or not at all, keeps it and retries until it lands', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const errors: string[] = [];
    const r = recorder(db, { onError: (m) => errors.push(m) });
    failNextWrites(db, 1, null);
    r.persist([runRecord('e', 0, [0.1, 0.2])], progress('running'));
    r.checkpoint('e_0', checkpointInput(2, 0.2));
    await r.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/could not save the experiment's progress \(will retry\)/);
    expect(await getRuns(db, 'e')).toEqual([]);
    expect(await getRunMetrics(db, 'e_0')).toEqual({});
    expect(await checkpointKeys(db)).toEqual([]);
    r.persist([runRecord('e', 0, [0.1, 0.2, 0.3])], undefined);
    while (r.commits === 0) await sleep(20);
    expect(await getRunMetrics(db, 'e_0')).toEqual({ val_accuracy: [0.1, 0.2, 0.3], loss: [0.9, 0.8, 0.7] });
    expect((await getRuns(db, 'e'))[0].intervals).toBe(3);
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best']]);
  });

  it('stores checkpoints by kind: a best one replaces an older last, a last one leaves the best', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const r = recorder(db);
    r.checkpoint('e_0', { ...checkpointInput(1, 0.5), kinds: ['last'] });
    await r.flush();
    r.checkpoint('e_0', checkpointInput(2, 0.7));
    await r.flush();
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best']]);
    r.checkpoint('e_0', { ...checkpointInput(3, 0.6), kinds: ['last'] });
    await r.flush();
    expect(await getCheckpoint(db, 'e_0', 'best')).toMatchObject({ interval: 2, value: 0.7 });
    expect(await getCheckpoint(db, 'e_0', 'last')).toMatchObject({ interval: 3, value: 0.6, experimentId: 'e' });
  });

  it('for a resumed run writes only values after those already stored', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const known = runRecord('e', 0, [0.1, 0.2], { status: 'queued', continueFrom: 2 });
    const updates: LiveUpdate[] = [];
    const r = recorder(db, { known: [known], onCommit: (u) => updates.push(u) });
    r.persist([runRecord('e', 0, [0.1, 0.2, 0.3])], undefined);
    await r.flush();
    expect(updates[0].metrics.map((m) => [m.name, m.interval])).toEqual([['val_accuracy', 3], ['loss', 3]]);
  });

  it('when storage is full, deletes checkpoints of non-best finished runs, says so plainly, and keeps every metric', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'old');
    const old = [
      runRecord('old', 0, [0.9], { status: 'completed', endedAt: 3 }),
      runRecord('old', 1, [0.4], { status: 'completed', endedAt: 3 }),
      runRecord('old', 2, [0.3], { status: 'interrupted', endedAt: 3 }),
    ];
    let tx = writeTx(db, ['runs']);
    await commit(tx, putRunsIn(tx, old, 'val_accuracy'));
    tx = writeTx(db, ['checkpoints']);
    await commit(tx, putCheckpointsIn(tx, old.flatMap((run) => [checkpointRecord('old', run.id, 'best', checkpointInput(1, 0.5)), checkpointRecord('old', run.id, 'last', checkpointInput(1, 0.5))])));
    await storedExperiment(db, 'e');
    const errors: string[] = [];
    const r = recorder(db, { onError: (m) => errors.push(m) });
    failNextWrites(db, 1, new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    r.persist([runRecord('e', 0, [0.1, 0.2])], progress('running'));
    await r.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Browser storage is full \(.*\): deleted 2 checkpoints of runs that are not their experiment.s best; every logged metric is kept/);
    expect(await checkpointKeys(db)).toEqual([['old_0', 'best'], ['old_0', 'last'], ['old_2', 'best'], ['old_2', 'last']]);
    expect(await getRunMetrics(db, 'e_0')).toEqual({ val_accuracy: [0.1, 0.2], loss: [0.9, 0.8] });
    expect(r.commits).toBe(1);
  });

  it('still full after freeing room: the batch lands without its checkpoints', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'e');
    const errors: string[] = [];
    const r = recorder(db, { onError: (m) => errors.push(m) });
    failNextWrites(db, 2, new DOMException('full', 'QuotaExceededError'));
    r.persist([runRecord('e', 0, [0.1])], undefined);
    r.checkpoint('e_0', checkpointInput(1, 0.1));
    await r.flush();
    expect(errors[1]).toMatch(/saved without its checkpoints \(metrics are kept\)/);
    expect(await getRunMetrics(db, 'e_0')).toEqual({ val_accuracy: [0.1], loss: [0.9] });
    expect(await checkpointKeys(db)).toEqual([]);
  });
});
