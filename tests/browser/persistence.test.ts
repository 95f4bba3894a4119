/**
 * Nothing lost on reload (SPEC sections 6, 7), in real Chromium: a "tab" (an iframe running the
 * real host, training workers and recorder) drives an experiment and is removed mid-run, a hard
 * close with no stop. This page, on the same profile, then finds every flushed interval stored,
 * the running runs interrupted, and resumes the experiment: the interrupted runs continue from
 * their checkpoints (weights and optimizer state) at the next interval, and it completes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../src/core/experiment';
import {
  LiveChannel,
  Recorder,
  drivenExperimentIds,
  followExperiment,
  getDataset,
  getExperiment,
  getMetricRecords,
  getResumeCheckpoint,
  getRunMetrics,
  getRuns,
  openTabtuneDB,
  recoverInterrupted,
  resumeExperiment,
  tryLockExperiment,
  waitToDrive,
  type LiveSnapshot,
  type StoredMetric,
} from '../../src/persistence';
import { ExperimentHost, schedulerDepsOf, spawnBrowserWorker } from '../../src/runtime';
import type { DriverMessage, DriverParams } from './fixtures/persistence-driver';

const EPOCHS = 20;
const EXPERIMENT = {
  name: 'hard-close',
  dataset: { source: 'demo:digits' },
  model: { family: 'mlp', hyperparameters: { epochs: EPOCHS, units: 32, batch_size: 32 } },
  space: '{"learning_rate": choice(0.01, 0.005, 0.002)}',
  sampling: { type: 'grid' },
  maxTotalRuns: 3,
  maxConcurrentRuns: 2,
  backend: 'wasm',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const frames: HTMLIFrameElement[] = [];
afterAll(() => frames.forEach((f) => f.remove()));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Starts the driving "tab". */
function openDriver(params: DriverParams): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.name = JSON.stringify(params);
  const driver = new URL('./fixtures/persistence-driver.ts', import.meta.url).href;
  frame.srcdoc = `<!doctype html><script type="module" src="${driver}"></script>`;
  document.body.append(frame);
  frames.push(frame);
  return frame;
}

const key = (m: Pick<StoredMetric, 'runId' | 'name' | 'interval'>) => `${m.runId}|${m.name}|${m.interval}`;

describe('a hard-closed tab and the next one', () => {
  it('keeps every flushed interval, interrupts running runs, and resumes them at the next interval to completion', async () => {
    const id = `hard-close-${Date.now()}`;
    const dbName = `tabtune-persistence-browser-${Date.now()}`;
    const params: DriverParams = { dbName, experimentId: id, channel: `driver-${id}`, experiment: EXPERIMENT };
    const committed = new Map<string, number>();
    const logged: Extract<DriverMessage, { type: 'logged' }>[] = [];
    const errors: string[] = [];
    const channel = new BroadcastChannel(params.channel);
    channel.onmessage = ({ data }: MessageEvent<DriverMessage>) => {
      if (data.type === 'committed') for (const m of data.values) committed.set(key(m), m.value);
      else if (data.type === 'logged') logged.push(data);
      else errors.push(data.message);
    };
    const db = await openTabtuneDB(dbName);
    const live = new LiveChannel();
    let follower: LiveSnapshot | null = null;

    // 1. The driving tab runs; this tab sees it live and does not touch it (its Web Lock is held).
    const frame = openDriver(params);
    await until('the experiment to be stored', async () => (await getExperiment(db, id)) !== undefined);
    const follow = followExperiment(db, live, id, (snapshot) => (follower = snapshot));
    await follow.ready;
    const committedIntervals = (runId: string) => [...committed.keys()].filter((k) => k.startsWith(`${runId}|val_accuracy|`)).length;
    // Mid-run: a run logged 3 intervals over a second ago (so the flush lag is tested), and runs still train.
    const aSecondAgo = () => [...logged].reverse().find((l) => l.at <= Date.now() - 1000);
    await until('a run 3 intervals in, a second ago, still running now', () => {
      const last = logged.at(-1);
      const old = aSecondAgo();
      return !!last && !!old && old.runs.some((r) => r.series.length >= 3) && last.runs.some((r) => r.status === 'running' && committedIntervals(r.id) >= 3 && r.series.length < EPOCHS - 2);
    });
    expect(errors).toEqual([]);
    expect((await recoverInterrupted(db)).experiments).toEqual([]);
    expect((await drivenExperimentIds()).has(id)).toBe(true);
    let tookOver = false;
    const takeover = waitToDrive(id).then((lock) => ((tookOver = true), lock));
    await sleep(50);
    expect(tookOver).toBe(false);
    await until('the live view to show a committed value', () => follower !== null && (follower.metrics.get(`${id}_0`)?.val_accuracy?.length ?? 0) > 0, 5_000);

    // 2. Hard close: the document, its workers and its pending timers are gone at once.
    const closedAt = Date.now();
    const runningAtClose = logged.at(-1)!.runs.filter((r) => r.status === 'running' || r.status === 'queued').map((r) => r.id);
    frame.remove();
    const committedBeforeClose = new Map(committed);
    const settled = [...logged].reverse().find((l) => l.at <= closedAt - 1000)!;
    expect(runningAtClose.length).toBeGreaterThan(0);
    expect(Math.max(...settled.runs.map((r) => r.series.length))).toBeGreaterThanOrEqual(3);

    // 3. Another tab takes over once the lock is free; a page opening now interrupts what no tab drives.
    (await takeover).release();
    await until('the lock to be free', async () => !(await drivenExperimentIds()).has(id), 10_000);
    follow.stop();
    const recovered = await recoverInterrupted(db);
    expect(recovered.experiments.map((e) => e.id)).toEqual([id]);
    expect((await getExperiment(db, id))!.status).toBe('interrupted');
    const afterClose = await getRuns(db, id);
    for (const run of afterClose) {
      expect(run.status, run.id).toBe(runningAtClose.includes(run.id) ? 'interrupted' : 'completed');
    }
    // Every value committed before the close is stored, unchanged; so is everything logged a second before it.
    for (const [k, value] of committedBeforeClose) {
      const [runId, name, interval] = k.split('|');
      expect((await getRunMetrics(db, runId))[name][Number(interval) - 1], k).toBe(value);
    }
    for (const run of settled.runs) {
      expect((await getRunMetrics(db, run.id)).val_accuracy?.slice(0, run.series.length) ?? [], run.id).toEqual(run.series);
    }
    const stored = new Map(await Promise.all(afterClose.map(async (r) => [r.id, (await getRunMetrics(db, r.id)).val_accuracy ?? []] as const)));

    // 4. Resume in this tab: interrupted runs continue from their checkpoints, the experiment completes.
    const lock = (await tryLockExperiment(id))!;
    const plan = await resumeExperiment(db, id);
    expect(plan.continuing.map((c) => c.runId).sort()).toEqual([...runningAtClose].sort());
    const record = plan.experiment;
    const dataset = (await getDataset(db, record.datasetId!))!;
    const config = parseExperimentConfig(EXPERIMENT);
    const firstWritten = new Map<string, number>();
    const recorder = new Recorder({
      db,
      experimentId: id,
      primaryMetricName: 'val_accuracy',
      known: plan.runs,
      onCommit: (u) => u.metrics.filter((m) => m.name === 'val_accuracy').forEach((m) => firstWritten.has(m.runId) || firstWritten.set(m.runId, m.interval)),
    });
    const host = new ExperimentHost({
      experimentId: id, config, dataset, deps: schedulerDepsOf(config), spawn: spawnBrowserWorker, poolSize: 2,
      store: recorder, restore: plan.runs, resumeCheckpoint: (runId, from) => getResumeCheckpoint(db, runId, from),
    });
    const final = await host.start();
    await recorder.close();
    lock.release();

    expect(final.status).toBe('completed');
    expect(host.snapshot().errors).toEqual([]);
    const runs = await getRuns(db, id);
    expect(runs.map((r) => [r.status, r.intervals])).toEqual(Array(3).fill(['completed', EPOCHS]));
    expect(await getExperiment(db, id)).toMatchObject({ status: 'completed', runCount: 3, resumedAt: [expect.any(Number)] });
    for (const c of plan.continuing) {
      const run = runs.find((r) => r.id === c.runId)!;
      expect(c.fromInterval, c.runId).toBeGreaterThan(0);
      expect(run.continued).toEqual([{ at: expect.any(Number), fromInterval: c.fromInterval }]);
      // The series kept its first intervals and went on at fromInterval + 1.
      expect(firstWritten.get(c.runId), c.runId).toBe(c.fromInterval + 1);
      const series = (await getRunMetrics(db, c.runId)).val_accuracy;
      expect(series.slice(0, c.fromInterval)).toEqual(stored.get(c.runId)!.slice(0, c.fromInterval));
      expect(series).toHaveLength(EPOCHS);
      const result = host.snapshot().stats[c.runId].result!;
      expect(result.epochs).toBe(EPOCHS);
      expect(result.tensorsAfter, `${c.runId} leaked restoring its checkpoint`).toBe(result.tensorsBefore);
    }
    // Every metric has exactly intervals 1..EPOCHS per run: none lost, none twice.
    for (const run of runs) {
      const records = await getMetricRecords(db, run.id);
      const byName = new Map<string, number[]>();
      for (const m of records) byName.set(m.name, [...(byName.get(m.name) ?? []), m.interval]);
      for (const [name, intervals] of byName) expect(intervals, `${run.id} ${name}`).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));
      expect(await getResumeCheckpoint(db, run.id)).toBeDefined();
    }
    channel.close();
    live.close();
    db.close();
  }, 240_000);
});
