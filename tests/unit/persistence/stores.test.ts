/** The four store writers of a running experiment: experiments, runs, metrics, checkpoints. */
import { describe, expect, it } from 'vitest';
import {
  applyProgressIn,
  checkpointKeys,
  checkpointRecord,
  commit,
  continueRunIn,
  deleteRunMetricsIn,
  endInFlightRunsIn,
  getCheckpoint,
  getExperiment,
  getResumeCheckpoint,
  getRunMetrics,
  getRuns,
  listExperiments,
  metricRecords,
  newExperimentId,
  putCheckpointsIn,
  putMetricsIn,
  putRunsIn,
  runRecordOf,
  seriesOf,
  setExperimentStatusIn,
  storedRunOf,
  truncateRunMetricsIn,
  writeTx,
} from '../../../src/persistence';
import { checkpointInput, freshDb, runRecord, storedExperiment, testConfig } from './helpers';

describe('experiments store', () => {
  it('creates a running experiment with its file as run; progress keeps the first start; lists newest first', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'a');
    await storedExperiment(db, 'b', testConfig({ name: 'second' }));
    expect((await listExperiments(db)).map((e) => e.id)).toEqual(['b', 'a']);
    const tx = writeTx(db, ['experiments']);
    const first = applyProgressIn(tx, { experimentId: 'a', status: 'running', startedAt: 10, runCount: 1, failedCount: 0 }, 11);
    await commit(tx, first);
    const tx2 = writeTx(db, ['experiments']);
    const second = applyProgressIn(tx2, { experimentId: 'a', status: 'completed', reason: 'done', startedAt: 50, endedAt: 60, runCount: 3, failedCount: 1 }, 61);
    await commit(tx2, second);
    expect(await getExperiment(db, 'a')).toMatchObject({ status: 'completed', reason: 'done', startedAt: 10, endedAt: 60, runCount: 3, failedCount: 1, name: 'toy' });
    expect((await getExperiment(db, 'a'))!.config.primaryMetricName).toBe('val_accuracy');
  });

  it('resuming sets running, clears the end and reason, and remembers when', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'a');
    for (const [status, at] of [['interrupted', 5], ['running', 9]] as const) {
      const tx = writeTx(db, ['experiments']);
      await commit(tx, setExperimentStatusIn(tx, 'a', status, status === 'running' ? undefined : 'tab closed', at));
    }
    const stored = await getExperiment(db, 'a');
    expect(stored).toMatchObject({ status: 'running', resumedAt: [9] });
    expect(stored).not.toHaveProperty('endedAt');
    expect(stored).not.toHaveProperty('reason');
  });

  it('makes distinct, time-ordered ids', () => {
    const a = newExperimentId(1000);
    const b = newExperimentId(2000);
    expect(a).not.toBe(b);
    expect(a < b).toBe(true);
  });
});

describe('runs store', () => {
  it('stores a run without its series, with counts, best and last; back to a RunRecord with series', async () => {
    const db = await freshDb();
    const run = runRecord('e', 0, [0.5, 0.7, 0.6], { workerId: 'w1', ending: { status: 'stopped', reason: 'x' } });
    const tx = writeTx(db, ['runs']);
    await commit(tx, putRunsIn(tx, [run], 'val_accuracy', 5));
    const [stored] = await getRuns(db, 'e');
    expect(stored).toEqual({
      id: 'e_0', experimentId: 'e', index: 0, params: run.params, status: 'running', queuedAt: 1, startedAt: 2,
      intervals: 3, best: { value: 0.7, interval: 2 }, last: 0.6, metricCounts: { val_accuracy: 3, loss: 3 }, updatedAt: 5,
    });
    const { workerId: _w, ending: _e, ...rest } = run;
    expect(runRecordOf(stored, run.metrics)).toEqual(rest);
  });

  it('keeps the worker\'s tensor count and the worker of an ended run, so a reopened experiment still shows leaks and its timeline', async () => {
    const db = await freshDb();
    const run = runRecord('e', 0, [0.5], { status: 'completed', endedAt: 3, tensors: { before: 4, after: 6 }, ranOn: 'w1' });
    const tx = writeTx(db, ['runs']);
    await commit(tx, putRunsIn(tx, [run], 'val_accuracy', 5));
    const [stored] = await getRuns(db, 'e');
    expect(stored.tensors).toEqual({ before: 4, after: 6 });
    expect(runRecordOf(stored, run.metrics)).toMatchObject({ tensors: { before: 4, after: 6 }, ranOn: 'w1' });
  });

  it('marks in-flight runs of one experiment interrupted, leaving ended runs alone', async () => {
    const db = await freshDb();
    const runs = [runRecord('e', 0, [0.1], { status: 'completed', endedAt: 3 }), runRecord('e', 1, [0.2]), runRecord('e', 2, [], { status: 'queued' }), runRecord('f', 0, [0.3])];
    const tx = writeTx(db, ['runs']);
    await commit(tx, putRunsIn(tx, runs, 'val_accuracy'));
    const tx2 = writeTx(db, ['runs']);
    const changed = endInFlightRunsIn(tx2, 'e', 'interrupted', 'tab closed', 99);
    await commit(tx2, changed);
    expect((await changed).map((r) => r.id)).toEqual(['e_1', 'e_2']);
    expect((await getRuns(db, 'e')).map((r) => [r.status, r.endedAt])).toEqual([['completed', 3], ['interrupted', 99], ['interrupted', 99]]);
    expect((await getRuns(db, 'f'))[0].status).toBe('running');
  });

  it('a continued run keeps its history of continuations across later writes', async () => {
    const db = await freshDb();
    const run = runRecord('e', 0, [0.5, 0.6], { status: 'queued', continueFrom: 2 });
    let tx = writeTx(db, ['runs']);
    await commit(tx, continueRunIn(tx, run, 'val_accuracy', 2, 7));
    tx = writeTx(db, ['runs']);
    await commit(tx, putRunsIn(tx, [{ ...run, status: 'running' }], 'val_accuracy'));
    expect((await getRuns(db, 'e'))[0]).toMatchObject({ status: 'running', continued: [{ at: 7, fromInterval: 2 }] });
    expect(storedRunOf(run, 'val_accuracy')).not.toHaveProperty('continued');
  });
});

describe('metrics store', () => {
  it('one record per value keyed [runId, name, interval]; NaN kept; rewriting a key replaces it', async () => {
    const db = await freshDb();
    let tx = writeTx(db, ['metrics']);
    await commit(tx, putMetricsIn(tx, [...metricRecords('r', 'val_accuracy', [0.1, Number.NaN, 0.3]), ...metricRecords('r', 'loss', [2, 1])]));
    tx = writeTx(db, ['metrics']);
    await commit(tx, putMetricsIn(tx, metricRecords('r', 'val_accuracy', [0.1, 0.2], 1)));
    expect(await db.get('metrics', ['r', 'val_accuracy', 2])).toEqual({ runId: 'r', name: 'val_accuracy', interval: 2, value: 0.2 });
    expect(await getRunMetrics(db, 'r')).toEqual({ loss: [2, 1], val_accuracy: [0.1, 0.2, 0.3] });
    await db.put('metrics', { runId: 'r', name: 'nan', interval: 1, value: Number.NaN });
    expect((await getRunMetrics(db, 'r')).nan).toEqual([Number.NaN]);
  });

  it('series end at their first gap, never with holes', () => {
    const series = seriesOf([
      { runId: 'r', name: 'a', interval: 1, value: 1 },
      { runId: 'r', name: 'a', interval: 2, value: 2 },
      { runId: 'r', name: 'a', interval: 4, value: 4 },
      { runId: 'r', name: 'b', interval: 2, value: 9 },
    ]);
    expect(series).toEqual({ a: [1, 2], b: [] });
  });

  it('truncates one run after an interval and deletes whole runs, leaving other runs alone', async () => {
    const db = await freshDb();
    let tx = writeTx(db, ['metrics']);
    await commit(tx, putMetricsIn(tx, [...metricRecords('r', 'acc', [1, 2, 3, 4]), ...metricRecords('r', 'loss', [4, 3, 2, 1]), ...metricRecords('r2', 'acc', [5])]));
    tx = writeTx(db, ['metrics']);
    const dropped = truncateRunMetricsIn(tx, 'r', 2);
    await commit(tx, dropped);
    expect(await dropped).toBe(4);
    expect(await getRunMetrics(db, 'r')).toEqual({ acc: [1, 2], loss: [4, 3] });
    tx = writeTx(db, ['metrics']);
    await commit(tx, deleteRunMetricsIn(tx, ['r']));
    expect(await getRunMetrics(db, 'r')).toEqual({});
    expect(await getRunMetrics(db, 'r2')).toEqual({ acc: [5] });
  });
});

describe('checkpoints store', () => {
  it('keeps best and last per run with weights, optimizer state and interval as ArrayBuffers', async () => {
    const db = await freshDb();
    const best = checkpointRecord('e', 'e_0', 'best', checkpointInput(2, 0.8), 5);
    const last = checkpointRecord('e', 'e_0', 'last', checkpointInput(3, 0.7), 6);
    expect(best.byteLength).toBe(16 + 4);
    const tx = writeTx(db, ['checkpoints']);
    await commit(tx, putCheckpointsIn(tx, [best, last]));
    const stored = await getCheckpoint(db, 'e_0', 'best');
    expect(stored).toMatchObject({ runId: 'e_0', kind: 'best', experimentId: 'e', interval: 2, value: 0.8, savedAt: 5 });
    expect(stored!.weightData).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(stored!.weightData)]).toEqual(new Array(16).fill(2));
    expect([...new Int32Array(stored!.optimizer!.weightData)]).toEqual([20]);
    expect(await checkpointKeys(db)).toEqual([['e_0', 'best'], ['e_0', 'last']]);
  });

  it('resumes from the later of best and last, at or before a given interval', async () => {
    const db = await freshDb();
    const tx = writeTx(db, ['checkpoints']);
    await commit(tx, putCheckpointsIn(tx, [checkpointRecord('e', 'r', 'best', checkpointInput(4, 0.9)), checkpointRecord('e', 'r', 'last', checkpointInput(3, 0.7))]));
    expect((await getResumeCheckpoint(db, 'r'))!.kind).toBe('best');
    expect((await getResumeCheckpoint(db, 'r', 3))!.kind).toBe('last');
    expect(await getResumeCheckpoint(db, 'r', 2)).toBeUndefined();
    expect(await getResumeCheckpoint(db, 'none')).toBeUndefined();
  });
});
