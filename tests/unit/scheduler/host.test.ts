/**
 * The experiment host against scripted fake workers (no tfjs): failures, crashes, hangs and
 * limits become the right run statuses, and broken workers are replaced.
 */
import type { Remote } from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { InvalidConfigError } from '../../../src/core/errors';
import { parseExperimentConfig } from '../../../src/core/experiment';
import type { Policy } from '../../../src/core/policies';
import { createBayesianSampler } from '../../../src/core/sampling';
import type { SamplerCommand } from '../../../src/core/scheduler';
import { ExperimentHost, inlineSamplerRunner, SHARED_GPU_WORKERS, type SpawnWorker, type TrainingBackend, type WorkerHandle } from '../../../src/runtime';
import type { RunWorkerApi, TrainHooks, TrainRequest, TrainResult } from '../../../src/protocol';
import { space, stubSampler } from './harness';
import { RunStatsTable } from '../../../src/runtime/run-stats';

type Mode = 'ok' | 'throw' | 'config' | 'crash' | 'hang' | 'deaf' | 'nan';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One scripted run of `params.mode`: three epochs of 2 ms, or a failure, crash or hang. */
async function fakeTrain(request: TrainRequest, hooks: TrainHooks, stops: Set<string>, crashListeners: ((reason: string) => void)[]): Promise<TrainResult> {
  const mode = request.params.mode as Mode;
  hooks.started('fake');
  if (mode === 'throw') throw new Error('out of memory: failed to allocate 2 GiB');
  if (mode === 'config') throw new InvalidConfigError('hyperparameter "units" must be an integer >= 1 (got 0)');
  if (mode === 'crash') {
    setTimeout(() => crashListeners.forEach((l) => l('worker crashed: RangeError: Array buffer allocation failed')), 5);
    return new Promise(() => undefined);
  }
  if (mode === 'hang') return new Promise(() => undefined);
  for (let epoch = 1; epoch <= 3; epoch++) {
    await sleep(2);
    if (stops.has(request.runId) && mode !== 'deaf') break;
    const value = mode === 'nan' && epoch === 2 ? Number.NaN : 0.5 + epoch / 10;
    hooks.log({ epoch, metrics: [['loss', 1 / epoch], ['val_accuracy', value]] });
    if (mode === 'deaf') await sleep(1000);
  }
  return { runId: request.runId, backend: 'fake', epochs: 3, samplesPerSecond: 1, fitSeconds: 1, stoppedEarly: false, tensorsBefore: 0, tensorsAfter: 0 };
}

/**
 * Workers whose runs follow `params.mode`; `spawned` lists every worker id ever started, `peak` the
 * most runs that trained at once. Calibration (`auto`) finds `fastest` the fastest backend.
 */
function fakeWorkers(fastest: TrainingBackend = 'wasm') {
  const spawned: string[] = [];
  const terminated: string[] = [];
  const training = { now: 0, peak: 0 };
  const spawn: SpawnWorker = (id) => {
    spawned.push(id);
    const crashListeners: ((reason: string) => void)[] = [];
    const stops = new Set<string>();
    const api: Partial<RunWorkerApi> = {
      loadDataset: async () => undefined,
      useBackend: async () => 'fake',
      calibrate: async () => [{ backend: fastest, samplesPerSecond: 100, seconds: 1 }],
      stop: (runId: string) => void stops.add(runId),
      async train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult> {
        training.peak = Math.max(training.peak, ++training.now);
        try {
          return await fakeTrain(request, hooks, stops, crashListeners);
        } finally {
          training.now -= 1;
        }
      },
    };
    const handle: WorkerHandle = {
      id,
      api: api as unknown as Remote<RunWorkerApi>,
      onCrash: (listener) => crashListeners.push(listener),
      terminate: () => terminated.push(id),
    };
    return handle;
  };
  return { spawn, spawned, terminated, training };
}

const dataset = { trainX: new Float32Array(2), trainY: new Float32Array(1), validX: new Float32Array(2), validY: new Float32Array(1) } as never;
const none: Policy = { config: { type: 'none' }, decide: () => ({ action: 'continue' }) };

function host(modes: Mode[], overrides: Record<string, unknown> = {}, options: Partial<ConstructorParameters<typeof ExperimentHost>[0]> = {}, fastest?: TrainingBackend) {
  const workers = fakeWorkers(fastest);
  const config = parseExperimentConfig({ space: '{"units": choice(8)}', maxTotalRuns: modes.length, backend: 'wasm', ...overrides });
  const sampler = stubSampler(modes.map((mode) => ({ mode })));
  const h = new ExperimentHost({ experimentId: 'x', config, dataset, deps: { space, sampler, policy: none }, spawn: workers.spawn, poolSize: 2, ...options });
  return { host: h, ...workers };
}

describe('ExperimentHost with fake workers', () => {
  it('runs a sampler with a model through its sampler runner (suggestions and fits as commands)', async () => {
    const workers = fakeWorkers();
    const config = parseExperimentConfig({ space: '{"units": choice(8)}', maxTotalRuns: 9, backend: 'wasm' });
    const deps = { space, sampler: createBayesianSampler(), policy: none };
    const inline = inlineSamplerRunner(deps);
    const seen: SamplerCommand['type'][] = [];
    const samplerRunner = { run: (command: SamplerCommand) => (seen.push(command.type), inline.run(command)), close: () => inline.close() };
    const h = new ExperimentHost({ experimentId: 'x', config, dataset, deps, spawn: workers.spawn, poolSize: 3, samplerRunner });
    const final = await h.start();
    expect(final.status).toBe('completed');
    expect(final.runs.map((r) => r.status)).toEqual(Array(9).fill('completed'));
    expect(new Set(final.runs.map((r) => r.params.lr)).size).toBe(9);
    expect(seen.filter((t) => t === 'fit').length).toBeGreaterThan(0);
  });

  it('copies the run stats only for a snapshot whose stats are read', async () => {
    const copies = vi.spyOn(RunStatsTable.prototype, 'snapshot');
    try {
      const { host: h } = host(['ok', 'ok']);
      let told = 0;
      // As the page's session does: it keeps the newest snapshot and never reads its stats.
      h.subscribe(() => void told++);
      const final = await h.start();
      expect(told).toBeGreaterThan(10);
      expect(copies).not.toHaveBeenCalled();
      const stats = h.snapshot().stats;
      expect(copies).toHaveBeenCalledTimes(1);
      expect(Object.keys(stats).sort()).toEqual(final.runs.map((r) => r.id).sort());
    } finally {
      copies.mockRestore();
    }
  });

  it('tells listeners once per log (not once per metric) and copies the run stats only when they change', async () => {
    const { host: h } = host(['ok', 'ok']);
    const snapshots: { logs: number; stats: object }[] = [];
    h.subscribe((s) => snapshots.push({ logs: s.state.runs.reduce((n, r) => n + (r.metrics.loss?.length ?? 0) + (r.metrics.val_accuracy?.length ?? 0), 0), stats: s.stats }));
    const final = await h.start();
    expect(final.runs.map((r) => r.intervals)).toEqual([3, 3]);
    // Each log holds two metrics: the count of logged values only ever moves in steps of two.
    const steps = snapshots.slice(1).map((s, i) => s.logs - snapshots[i].logs);
    expect(steps.filter((d) => d !== 0).every((d) => d === 2)).toBe(true);
    expect(steps.filter((d) => d === 2)).toHaveLength(6);
    // Snapshots between two changes of the stats share one frozen copy.
    const copies = new Set(snapshots.map((s) => s.stats));
    expect(copies.size).toBeLessThan(snapshots.length);
    expect([...copies].every((c) => Object.isFrozen(c))).toBe(true);
    expect(Object.keys(h.snapshot().stats).sort()).toEqual(final.runs.map((r) => r.id).sort());
    expect(h.snapshot().stats[final.runs[0].id]).toMatchObject({ workerId: expect.any(String), result: { epochs: 3 } });
  });

  it('runs everything, refilling freed workers, and ends completed', async () => {
    const { host: h } = host(['ok', 'ok', 'ok', 'ok', 'ok']);
    const final = await h.start();
    expect(final.status).toBe('completed');
    expect(final.runs.map((r) => r.status)).toEqual(Array(5).fill('completed'));
    expect(final.runs.every((r) => r.intervals === 3 && r.backend === 'fake')).toBe(true);
    expect(h.snapshot().concurrency).toMatchObject({ poolSize: 2, concurrency: 2, cappedByPool: true });
  });

  it('a run that throws fails with the reason and its worker is replaced; a config error keeps the worker', async () => {
    const { host: h, spawned, terminated } = host(['throw', 'config', 'ok', 'ok']);
    const final = await h.start();
    expect(final.runs.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'out of memory: failed to allocate 2 GiB'],
      ['failed', 'hyperparameter "units" must be an integer >= 1 (got 0)'],
      ['completed', undefined],
      ['completed', undefined],
    ]);
    expect(spawned).toEqual(['w1', 'w2', 'w3']);
    expect(terminated).toContain('w1');
    expect(final.status).toBe('completed');
  });

  it('a crashed worker fails its run with the crash reason and is replaced', async () => {
    const { host: h, spawned } = host(['crash', 'ok', 'ok']);
    const final = await h.start();
    expect(final.runs[0]).toMatchObject({ status: 'failed', reason: 'worker crashed: RangeError: Array buffer allocation failed' });
    expect(final.runs.slice(1).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(spawned).toHaveLength(3);
  });

  it('a run that stops reporting loses its worker after the stall timeout', async () => {
    const { host: h } = host(['hang', 'ok'], {}, { stallTimeoutMs: 50 });
    const final = await h.start();
    expect(final.runs[0]).toMatchObject({ status: 'failed', reason: 'worker stopped responding (no progress for 0.05 s)' });
  });

  it('a NaN metric fails the run; the worker is kept', async () => {
    const { host: h, spawned } = host(['nan', 'ok']);
    const final = await h.start();
    expect(final.runs[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('"val_accuracy" was NaN at interval 2') });
    expect(spawned).toEqual(['w1', 'w2']);
  });

  it('maxDurationMinutes cancels hung runs; a worker that ignores the stop is replaced after the grace', async () => {
    const { host: h } = host(['hang', 'deaf', 'ok'], { maxDurationMinutes: 0.001 }, { stopGraceMs: 30 });
    const final = await h.start();
    expect(final.status).toBe('completed');
    expect(final.reason).toBe('maxDurationMinutes (0.001) reached');
    expect(final.runs.map((r) => [r.status, r.reason])).toEqual([
      ['canceled', 'canceled: maxDurationMinutes (0.001) reached'],
      ['canceled', 'canceled: maxDurationMinutes (0.001) reached'],
    ]);
  });

  it('cancel() ends the experiment as canceled', async () => {
    const { host: h } = host(['hang', 'hang', 'ok'], {}, { stopGraceMs: 20 });
    const done = h.start();
    while (h.snapshot().state.runs.filter((r) => r.status === 'running').length < 2) await sleep(1);
    h.cancel();
    const final = await done;
    expect(final.status).toBe('canceled');
    expect(final.runs.map((r) => r.status)).toEqual(['canceled', 'canceled']);
  });

  it('says when the pool caps maxConcurrentRuns', () => {
    expect(host(['ok'], { maxConcurrentRuns: 4 }).host.snapshot().concurrency).toMatchObject({
      concurrency: 2,
      cappedByPool: true,
      message: '2 at once: the pool has 2 workers (maxConcurrentRuns is 4)',
    });
    expect(host(['ok'], { maxConcurrentRuns: 1 }).host.snapshot().concurrency).toMatchObject({ concurrency: 1, cappedByPool: false });
  });

  it('on webgpu the workers share one GPU: at most SHARED_GPU_WORKERS train at once, and the message says why', async () => {
    const { host: h, training } = host(Array(6).fill('ok'), { backend: 'webgpu' }, { poolSize: 4 });
    expect(h.snapshot().concurrency.message).toMatch(/^1 at once: the pool's 4 workers share one GPU \(webgpu\)/);
    const final = await h.start();
    expect(final.runs.map((r) => r.status)).toEqual(Array(6).fill('completed'));
    expect(training.peak).toBe(Math.min(4, SHARED_GPU_WORKERS));
  });

  it('auto: one worker measures, then as many train at once as the chosen backend allows', async () => {
    const gpu = host(Array(6).fill('ok'), { backend: 'auto' }, { poolSize: 4 }, 'webgpu');
    expect((await gpu.host.start()).runs.map((r) => r.status)).toEqual(Array(6).fill('completed'));
    expect(gpu.training.peak).toBe(Math.min(4, SHARED_GPU_WORKERS));
    expect(gpu.host.snapshot().concurrency).toMatchObject({ concurrency: SHARED_GPU_WORKERS, cappedByPool: true });
    const wasm = host(Array(6).fill('ok'), { backend: 'auto' }, { poolSize: 4 }, 'wasm');
    await wasm.host.start();
    expect(wasm.training.peak).toBe(4);
  });
});

describe('ExperimentHost: backend calibration in its snapshots', () => {
  it('publishes calibrating while auto measures, then the measurements and the backend chosen', async () => {
    const base = fakeWorkers();
    let release!: () => void;
    const measured = new Promise<void>((resolve) => (release = resolve));
    const spawn: SpawnWorker = (id) => {
      const handle = base.spawn(id);
      Object.assign(handle.api, {
        calibrate: async () => {
          await measured;
          return [{ backend: 'wasm', samplesPerSecond: 6900, seconds: 1 }, { backend: 'cpu', samplesPerSecond: 5600, seconds: 1 }];
        },
      });
      return handle;
    };
    const { host: h } = host(['ok'], { backend: 'auto' }, { spawn });
    const seen: { calibrating: boolean; backend: string | null }[] = [];
    h.subscribe((s) => seen.push({ calibrating: s.calibrating, backend: s.backend }));
    const done = h.start();
    await expect.poll(() => seen.some((s) => s.calibrating)).toBe(true);
    expect(h.snapshot()).toMatchObject({ calibrating: true, backend: null, calibration: null });
    release();
    await done;
    expect(h.snapshot()).toMatchObject({ calibrating: false, backend: 'wasm' });
    expect(h.snapshot().calibration?.map((r) => r.backend)).toEqual(['wasm', 'cpu']);
  });
});
