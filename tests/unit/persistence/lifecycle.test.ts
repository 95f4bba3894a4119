/** A closed tab's experiment becomes interrupted; resume continues its runs from their checkpoints. */
import { describe, expect, it } from 'vitest';
import {
  Recorder,
  createExperiment,
  getCheckpoint,
  getExperiment,
  getRunMetrics,
  getRuns,
  interruptExperiment,
  recoverInterrupted,
  resumeExperiment,
  tryLockExperiment,
  waitToDrive,
  drivenExperimentIds,
  type TabtuneDatabase,
} from '../../../src/persistence';
import { checkpointInput, freshDb, runRecord, storedExperiment, testConfig } from './helpers';

/** Experiment `id` as a tab leaves it when it dies: running, runs e_0 completed, e_1 and e_2 running, checkpoints. */
async function abandoned(db: TabtuneDatabase, id = 'e'): Promise<void> {
  await storedExperiment(db, id);
  const recorder = new Recorder({ db, experimentId: id, primaryMetricName: 'val_accuracy' });
  recorder.persist(
    [
      runRecord(id, 0, [0.5, 0.6], { status: 'completed', endedAt: 9 }),
      runRecord(id, 1, [0.4, 0.7, 0.65, 0.66]),
      runRecord(id, 2, [0.3]),
    ],
    { experimentId: id, status: 'running', startedAt: 1, runCount: 3, failedCount: 0 },
  );
  recorder.checkpoint(`${id}_1`, checkpointInput(2, 0.7));
  recorder.checkpoint(`${id}_1`, { ...checkpointInput(3, 0.65), kinds: ['last'] });
  await recorder.close();
}

describe('recovery on open', () => {
  it('interrupts running experiments and their queued or running runs; keeps every value', async () => {
    const db = await freshDb();
    await abandoned(db);
    const recovered = await recoverInterrupted(db, new Set(), 50);
    expect(recovered.experiments.map((e) => [e.id, e.status])).toEqual([['e', 'interrupted']]);
    expect(recovered.runs.map((r) => r.id)).toEqual(['e_1', 'e_2']);
    expect(await getExperiment(db, 'e')).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/^interrupted: the tab/), endedAt: 50 });
    expect((await getRuns(db, 'e')).map((r) => [r.status, r.intervals])).toEqual([['completed', 2], ['interrupted', 4], ['interrupted', 1]]);
    expect((await getRunMetrics(db, 'e_1')).val_accuracy).toEqual([0.4, 0.7, 0.65, 0.66]);
    expect((await recoverInterrupted(db, new Set())).experiments).toEqual([]);
  });

  it('leaves an experiment another tab drives (its Web Lock is held) alone', async () => {
    const db = await freshDb();
    await abandoned(db, 'a');
    await abandoned(db, 'b');
    const recovered = await recoverInterrupted(db, new Set(['a']));
    expect(recovered.experiments.map((e) => e.id)).toEqual(['b']);
    expect((await getExperiment(db, 'a'))!.status).toBe('running');
  });

  it('interruptExperiment does nothing to an experiment that is not running', async () => {
    const db = await freshDb();
    await abandoned(db);
    await interruptExperiment(db, 'e');
    expect(await interruptExperiment(db, 'e')).toEqual({ experiments: [], runs: [] });
  });
});

describe('resume', () => {
  it('continues interrupted runs from their latest checkpoint: series cut back to it, the rest unchanged', async () => {
    const db = await freshDb();
    await abandoned(db);
    await recoverInterrupted(db, new Set());
    const plan = await resumeExperiment(db, 'e', { now: 70 });
    expect(plan.experiment).toMatchObject({ status: 'running', resumedAt: [70] });
    expect(plan.experiment).not.toHaveProperty('endedAt');
    expect(plan.continuing).toEqual([
      { runId: 'e_1', fromInterval: 3, checkpoint: 'last' },
      { runId: 'e_2', fromInterval: 0, checkpoint: null },
    ]);
    const [done, one, two] = plan.runs;
    expect(done).toMatchObject({ id: 'e_0', status: 'completed', intervals: 2 });
    expect(one).toMatchObject({ status: 'queued', continueFrom: 3, intervals: 3, best: { value: 0.7, interval: 2 } });
    expect(one.metrics).toEqual({ val_accuracy: [0.4, 0.7, 0.65], loss: [0.6, 0.30000000000000004, 0.35] });
    expect(two).toMatchObject({ status: 'queued', continueFrom: 0, intervals: 0, metrics: { val_accuracy: [], loss: [] } });
    expect(await getRunMetrics(db, 'e_1')).toEqual(one.metrics);
    expect((await getRuns(db, 'e'))[1]).toMatchObject({ status: 'queued', intervals: 3, continued: [{ at: 70, fromInterval: 3 }] });
    expect(await getCheckpoint(db, 'e_1', 'best')).toMatchObject({ interval: 2 });
  });

  it('resuming continues the series at the next interval through the recorder', async () => {
    const db = await freshDb();
    await abandoned(db);
    await recoverInterrupted(db, new Set());
    const plan = await resumeExperiment(db, 'e');
    const recorder = new Recorder({ db, experimentId: 'e', primaryMetricName: 'val_accuracy', known: plan.runs });
    const one = plan.runs[1];
    recorder.persist([{ ...one, status: 'running', metrics: { val_accuracy: [...one.metrics.val_accuracy, 0.8], loss: [...one.metrics.loss, 0.2] }, intervals: 4 }], undefined);
    await recorder.close();
    expect((await getRunMetrics(db, 'e_1')).val_accuracy).toEqual([0.4, 0.7, 0.65, 0.8]);
  });

  it('a canceled experiment resumes the runs its cancel ended, not runs canceled on their own', async () => {
    const db = await freshDb();
    await storedExperiment(db, 'c');
    const recorder = new Recorder({ db, experimentId: 'c', primaryMetricName: 'val_accuracy' });
    recorder.persist(
      [
        runRecord('c', 0, [0.5], { status: 'canceled', reason: 'canceled by user', endedAt: 3 }),
        runRecord('c', 1, [0.5], { status: 'canceled', reason: 'canceled: canceled by user', endedAt: 3 }),
      ],
      { experimentId: 'c', status: 'canceled', reason: 'canceled by user', startedAt: 1, endedAt: 3, runCount: 2, failedCount: 0 },
    );
    await recorder.close();
    const plan = await resumeExperiment(db, 'c');
    expect(plan.continuing.map((c) => c.runId)).toEqual(['c_1']);
    await expect(resumeExperiment(db, 'c')).rejects.toThrow('resume: experiment "c" is running; only interrupted or canceled experiments resume');
  });

  it('continues exactly the runs asked for, refusing runs that cannot continue', async () => {
    const db = await freshDb();
    await abandoned(db);
    await recoverInterrupted(db, new Set());
    await expect(resumeExperiment(db, 'e', { continueRuns: ['e_0'] })).rejects.toThrow('resume: run "e_0" is completed; only stopped, canceled, interrupted runs can continue');
    await expect(resumeExperiment(db, 'e', { continueRuns: ['x'] })).rejects.toThrow('resume: run "x" is not a run of this experiment');
    await expect(resumeExperiment(db, 'nope')).rejects.toThrow('resume: experiment "nope" is not stored in this browser');
    const plan = await resumeExperiment(db, 'e', { continueRuns: ['e_2'] });
    expect(plan.continuing.map((c) => c.runId)).toEqual(['e_2']);
    expect(plan.runs[1].status).toBe('interrupted');
  });
});

describe('resumeChildRuns in a new experiment', () => {
  it('copies the runs in as its first runs, continuing from their checkpoints with series up to them', async () => {
    const db = await freshDb();
    await abandoned(db);
    await recoverInterrupted(db, new Set());
    const config = testConfig({ resumeChildRuns: ['e_1'] });
    const prepared = await createExperiment(db, { id: 'n', config, now: 5 });
    expect(prepared.runs).toHaveLength(1);
    expect(prepared.runs[0]).toMatchObject({ id: 'n_0', experimentId: 'n', index: 0, status: 'queued', continueFrom: 3, params: { learning_rate: 0.01, units: 16 } });
    expect(await getRunMetrics(db, 'n_0')).toEqual({ val_accuracy: [0.4, 0.7, 0.65], loss: [0.6, 0.30000000000000004, 0.35] });
    expect(await getCheckpoint(db, 'n_0', 'last')).toMatchObject({ interval: 3, experimentId: 'n' });
    expect(prepared.experiment).toMatchObject({ status: 'running', runCount: 1 });
    await expect(createExperiment(db, { config: testConfig({ resumeChildRuns: ['e_0'] }) })).rejects.toThrow('"resumeChildRuns" run "e_0" is completed');
  });
});

describe('tab lock without Web Locks (Node)', () => {
  it('grants every lock at once and reports no driven experiment', async () => {
    const lock = await tryLockExperiment('e');
    expect(lock?.experimentId).toBe('e');
    lock!.release();
    await lock!.released;
    expect((await waitToDrive('e')).experimentId).toBe('e');
    expect(await drivenExperimentIds()).toEqual(new Set());
  });
});
