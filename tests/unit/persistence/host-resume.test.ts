/**
 * The host with the recorder as its store, against scripted fake workers (no tfjs): a session that
 * dies mid-run leaves its logged intervals and checkpoints; recovery interrupts it; a second session
 * resumes it, the interrupted runs continue from their checkpoints and their intervals continue.
 */
import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig, type ExperimentConfig } from '../../../src/core/experiment';
import type { Policy } from '../../../src/core/policies';
import { ExperimentHost, type HostStore, type ModelCheckpoint, type SpawnWorker, type WorkerHandle } from '../../../src/runtime';
import type { RunWorkerApi, TrainHooks, TrainRequest, TrainResult } from '../../../src/protocol';
import {
  Recorder,
  createExperiment,
  getExperiment,
  getResumeCheckpoint,
  getRunMetrics,
  getRuns,
  recoverInterrupted,
  exportExperiment,
  resumeExperiment,
  resumeFromExport,
} from '../../../src/persistence';
import { space, stubSampler } from '../scheduler/harness';
import { freshDb } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const EPOCHS = 6;

/** Fake workers: each epoch logs `session + epoch / 100`, checkpoints every interval; `hangAfter` freezes training (a dying tab). */
function fakeWorkers(session: number, hangAfter: number | null, requests: TrainRequest[]): SpawnWorker {
  return (id): WorkerHandle => {
    const api: Partial<RunWorkerApi> = {
      loadDataset: async () => undefined,
      useBackend: async () => 'fake',
      stop: () => undefined,
      async train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult> {
        requests.push(request);
        hooks.started('fake');
        const from = request.resume?.checkpoint.interval ?? 0;
        for (let epoch = from + 1; epoch <= EPOCHS; epoch++) {
          if (hangAfter !== null && epoch > hangAfter) return new Promise(() => undefined);
          await sleep(1);
          const value = session + epoch / 100;
          hooks.log({ epoch, metrics: [['loss', 1 - value], ['val_accuracy', value]] });
          const checkpoint: ModelCheckpoint = {
            interval: epoch, value, modelTopology: {}, weightSpecs: [], weightData: new Float32Array([epoch]).buffer, kinds: [epoch === 1 ? 'best' : 'last'],
          };
          hooks.checkpoint(checkpoint);
        }
        return { runId: request.runId, backend: 'fake', epochs: EPOCHS, samplesPerSecond: 1, fitSeconds: 1, stoppedEarly: false, tensorsBefore: 0, tensorsAfter: 0 };
      },
    };
    return { id, api: api as unknown as Remote<RunWorkerApi>, onCrash: () => undefined, terminate: () => undefined };
  };
}

/** The host copies the dataset for each worker: four small matrices suffice for fake workers. */
const dataset = { trainX: new Float32Array(2), trainY: new Float32Array(1), validX: new Float32Array(2), validY: new Float32Array(1) } as never;

const none: Policy = { config: { type: 'none' }, decide: () => ({ action: 'continue' }) };

/** Session 1 of experiment "x" dies after 3 intervals of its two runs (the store goes deaf); recovery interrupts it. */
async function dyingSession(db: Awaited<ReturnType<typeof freshDb>>, config: ExperimentConfig): Promise<TrainRequest[]> {
  await createExperiment(db, { id: 'x', config });
  const first: TrainRequest[] = [];
  const recorder = new Recorder({ db, experimentId: 'x', primaryMetricName: 'val_accuracy', flushMs: 20 });
  let alive = true;
  const store: HostStore = {
    persist: (runs, experiment) => (alive ? recorder.persist(runs, experiment) : undefined),
    checkpoint: (runId, checkpoint) => (alive ? recorder.checkpoint(runId, checkpoint) : undefined),
  };
  const dying = new ExperimentHost({
    experimentId: 'x', config, dataset, deps: { space, sampler: stubSampler(), policy: none }, spawn: fakeWorkers(1, 3, first), poolSize: 2, store, stopGraceMs: 5,
  });
  void dying.start();
  while (dying.snapshot().state.runs.filter((r) => r.intervals === 3).length < 2) await sleep(5);
  expect(first.every((r) => r.lastCheckpoints === true && r.resume === undefined)).toBe(true);
  await recorder.flush();
  alive = false;
  dying.cancel(); // only to end its timers: nothing it does now reaches storage
  await recoverInterrupted(db, new Set());
  return first;
}

describe('host + recorder across a dying session', () => {
  it('keeps every flushed interval, interrupts the runs, and resumes them at the next interval', async () => {
    const db = await freshDb();
    const config = parseExperimentConfig({ space: '{"units": choice(8)}', maxTotalRuns: 3, maxConcurrentRuns: 2, backend: 'wasm' });
    const first = await dyingSession(db, config);
    expect((await getExperiment(db, 'x'))!.status).toBe('interrupted');
    expect((await getRuns(db, 'x')).map((r) => [r.id, r.status, r.intervals])).toEqual([['x_0', 'interrupted', 3], ['x_1', 'interrupted', 3]]);
    expect((await getRunMetrics(db, 'x_0')).val_accuracy).toEqual([1.01, 1.02, 1.03]);

    // Session 2 resumes.
    const plan = await resumeExperiment(db, 'x');
    expect(plan.continuing.map((c) => [c.runId, c.fromInterval])).toEqual([['x_0', 3], ['x_1', 3]]);
    const second: TrainRequest[] = [];
    const recorder2 = new Recorder({ db, experimentId: 'x', primaryMetricName: 'val_accuracy', known: plan.runs });
    const host = new ExperimentHost({
      experimentId: 'x', config, dataset, deps: { space, sampler: stubSampler(), policy: none }, spawn: fakeWorkers(2, null, second), poolSize: 2,
      store: recorder2, restore: plan.runs, resumeCheckpoint: (runId, from) => getResumeCheckpoint(db, runId, from),
    });
    const final = await host.start();
    await recorder2.close();

    expect(final.status).toBe('completed');
    const continued = second.filter((r) => r.resume);
    expect(continued.map((r) => [r.runId, r.resume!.checkpoint.interval, r.resume!.best])).toEqual([['x_0', 3, 1.03], ['x_1', 3, 1.03]]);
    expect(new Float32Array(continued[0].resume!.checkpoint.weightData)).toEqual(new Float32Array([3]));
    expect(second.map((r) => r.runId).sort()).toEqual(['x_0', 'x_1', 'x_2']);
    for (const id of ['x_0', 'x_1']) {
      expect((await getRunMetrics(db, id)).val_accuracy).toEqual([1.01, 1.02, 1.03, 2.04, 2.05, 2.06]);
    }
    expect((await getRunMetrics(db, 'x_2')).val_accuracy).toEqual([2.01, 2.02, 2.03, 2.04, 2.05, 2.06]);
    expect((await getRuns(db, 'x')).map((r) => [r.status, r.intervals, r.continued?.[0]?.fromInterval])).toEqual([
      ['completed', 6, 3],
      ['completed', 6, 3],
      ['completed', 6, undefined],
    ]);
    expect(await getExperiment(db, 'x')).toMatchObject({ status: 'completed', runCount: 3 });
    // Only best checkpoints enter the host's in-memory map (what a CLI export reads).
    expect(host.checkpoints.get('x_2')?.kinds).toEqual(['best']);
  });

  it('a continuing run without its checkpoint fails with the reason instead of starting over silently', async () => {
    const db = await freshDb();
    const config = parseExperimentConfig({ space: '{"units": choice(8)}', maxTotalRuns: 1, backend: 'wasm' });
    const restore = [{ id: 'y_0', experimentId: 'y', index: 0, params: { units: 8 }, status: 'queued' as const, queuedAt: 0, metrics: { val_accuracy: [0.5] }, intervals: 1, continueFrom: 1 }];
    const host = new ExperimentHost({
      experimentId: 'y', config, dataset, deps: { space, sampler: stubSampler(), policy: none }, spawn: fakeWorkers(1, null, []), poolSize: 1,
      restore, resumeCheckpoint: (runId, from) => getResumeCheckpoint(db, runId, from),
    });
    const final = await host.start();
    expect(final.runs[0]).toMatchObject({ status: 'failed', reason: 'cannot continue run y_0: no checkpoint of interval 1 (found none)' });
  });

  describe('a model module with its own fit', () => {
    const build = 'export function build(hp, ctx) { return ctx.tf.sequential(); }\n';
    const fit = 'export async function fit(hp, model, ctx) { for (let e = 0; e < hp.epochs; e++) ctx.log("val_accuracy", e); }\n';
    const moduleConfig = (source: string) =>
      parseExperimentConfig({ model: { module: { name: 'my-model.mjs', source } }, space: '{"width": choice(8)}', maxTotalRuns: 3, maxConcurrentRuns: 2, backend: 'wasm' });

    it('restarts cut-short runs from interval 1 with the same parameters (its loop cannot start mid-way)', async () => {
      const db = await freshDb();
      await dyingSession(db, moduleConfig(build + fit));
      const exported = await exportExperiment(db, 'x', 'resumable');
      expect(exported.checkpoints.length).toBeGreaterThan(0);

      const before = await getRuns(db, 'x');
      const plan = await resumeExperiment(db, 'x');
      expect(plan.continuing.map((c) => [c.runId, c.fromInterval, c.checkpoint])).toEqual([['x_0', 0, null], ['x_1', 0, null]]);
      for (const [i, run] of plan.runs.entries()) expect(run).toMatchObject({ status: 'queued', continueFrom: 0, intervals: 0, params: before[i].params });
      expect(await getRunMetrics(db, 'x_0')).toEqual({});

      // tabtune run --resume of the page's export restarts them the same way, with no checkpoint to load.
      const fromFile = resumeFromExport(exported);
      expect(fromFile.runs.map((r) => [r.id, r.continueFrom, r.intervals])).toEqual([['x_0', 0, 0], ['x_1', 0, 0]]);
      expect(fromFile.checkpoints.size).toBe(0);
    });

    it('a module with build only continues from its checkpoint like the built-in models', async () => {
      const db = await freshDb();
      await dyingSession(db, moduleConfig(build));
      const plan = await resumeExperiment(db, 'x');
      expect(plan.continuing.map((c) => [c.runId, c.fromInterval])).toEqual([['x_0', 3], ['x_1', 3]]);
    });
  });
});
