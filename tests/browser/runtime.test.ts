import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../src/core/data';
import { parseExperimentConfig } from '../../src/core/experiment';
import type { RunStatus } from '../../src/core/types';
import type { EpochLog } from '../../src/protocol';
import { createBayesianSampler } from '../../src/core/sampling';
import { answer, type SamplerCommand } from '../../src/core/scheduler';
import {
  BackendChooser,
  ExperimentHost,
  schedulerDepsOf,
  SHARED_GPU_WORKERS,
  spawnBrowserWorker,
  workerSamplerRunner,
  type HostSnapshot,
  type TrainRequest,
  type WorkerHandle,
} from '../../src/runtime';

let digits: EncodedDataset;

beforeAll(async () => {
  const demo = findDemo('digits')!;
  const response = await fetch(`/datasets/${demo.file}`);
  expect(response.ok).toBe(true);
  digits = await loadCsvText(await response.text(), { ...demoEncodeOptions(demo), target: demo.target });
});

const noHooks = Comlink.proxy({ started: () => undefined, log: () => undefined, checkpoint: () => undefined });

function request(runId: string, overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    runId,
    family: 'mlp',
    params: {},
    fixed: { epochs: 2, units: 32 },
    primaryMetricName: 'val_accuracy',
    goal: 'maximize',
    seed: 1,
    checkpoints: true,
    ...overrides,
  };
}

describe('training worker', () => {
  let worker: WorkerHandle;
  beforeAll(() => {
    worker = spawnBrowserWorker('leak-check');
  });
  afterAll(() => worker.terminate());

  it('trains 6 runs in one worker with no leaked tensor (every optimizer, both families)', async () => {
    await worker.api.loadDataset(digits);
    expect(await worker.api.useBackend('wasm')).toBe('wasm');
    const runs: [TrainRequest['family'], 'wasm' | 'cpu', TrainRequest['params']][] = [
      ['mlp', 'wasm', { optimizer: 'adam', keep_probability: 0.8 }],
      ['mlp', 'wasm', { optimizer: 'sgd', l2: 0.001 }],
      ['mlp', 'wasm', { optimizer: 'rmsprop', activation: 'tanh' }],
      ['mlp', 'wasm', { optimizer: 'sgd', momentum: 0, number_of_hidden_layers: 0 }],
      ['cnn', 'cpu', { units: 8, number_of_hidden_layers: 2 }],
      // tabtune's wasm convolution gradients (workers/wasm-grads) free what they allocate.
      ['cnn', 'wasm', { units: 8, number_of_hidden_layers: 2, optimizer: 'sgd' }],
    ];
    const baselines: number[] = [];
    for (const [i, [family, backend, params]] of runs.entries()) {
      await worker.api.useBackend(backend);
      const result = await worker.api.train(request(`leak_${i}`, { family, params }), noHooks);
      expect(result.backend).toBe(backend);
      expect(result.epochs).toBe(2);
      expect(result.tensorsAfter, `run ${i} leaked`).toBe(result.tensorsBefore);
      baselines.push((await worker.api.memory()).numTensors);
    }
    // Only the dataset's 4 tensors (train/validation x/y) stay between runs, on either backend.
    expect(baselines).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('trains the digits cnn on wasm: it learns (val_accuracy well above chance)', async () => {
    await worker.api.useBackend('wasm');
    const accuracy: number[] = [];
    const hooks = Comlink.proxy({
      started: () => undefined,
      log: (entry: EpochLog) => accuracy.push(Object.fromEntries(entry.metrics).val_accuracy),
      checkpoint: () => undefined,
    });
    const result = await worker.api.train(request('cnn_wasm', { family: 'cnn', fixed: { epochs: 3, units: 16 } }), hooks);
    expect(result.backend).toBe('wasm');
    expect(result.tensorsAfter).toBe(result.tensorsBefore);
    expect(accuracy).toHaveLength(3);
    expect(accuracy.at(-1)).toBeGreaterThan(0.5);
  });

  it('auto backend with a cnn: wasm is measured like any backend (no refusal), cpu only where wasm cannot train it, and the fastest measured wins', async () => {
    const chooser = new BackendChooser('auto', { family: 'cnn', hyperparameters: { units: 8 } }, { batches: 2, budgetMs: 20_000, backends: ['webgl', 'wasm', 'cpu'] });
    const backend = await chooser.choose(worker.api, { batch_size: 32 }, (p) => p);
    const results = chooser.results!;
    expect(results.map((r) => r.backend)).toEqual(['webgl', 'wasm']);
    for (const r of results) expect(r.samplesPerSecond, JSON.stringify(r)).toBeGreaterThan(0);
    const fastest = results.reduce((a, b) => (b.samplesPerSecond! > a.samplesPerSecond! ? b : a));
    expect(backend, JSON.stringify(results)).toBe(fastest.backend);
  });

  it('wasm-fused in a page worker: an mlp trains in the fused kernel, a cnn on wasm (each run says which), no leak; auto measures it', async () => {
    expect(await worker.api.useBackend('wasm-fused')).toBe('wasm-fused');
    const accuracy: number[] = [];
    const hooks = Comlink.proxy({
      started: () => undefined,
      log: (entry: EpochLog) => accuracy.push(Object.fromEntries(entry.metrics).val_accuracy),
      checkpoint: () => undefined,
    });
    const mlp = await worker.api.train(request('fused_mlp', { fixed: { epochs: 3, units: 32, learning_rate: 0.003 } }), hooks);
    expect(mlp.backend).toBe('wasm-fused');
    expect(mlp.tensorsAfter).toBe(mlp.tensorsBefore);
    expect(accuracy.at(-1)).toBeGreaterThan(0.8);
    const cnn = await worker.api.train(request('fused_cnn', { family: 'cnn', params: { units: 8 } }), noHooks);
    expect(cnn.backend).toBe('wasm');
    expect(cnn.tensorsAfter).toBe(cnn.tensorsBefore);
    const chooser = new BackendChooser('auto', { family: 'mlp', hyperparameters: { units: 64 } }, { batches: 10, budgetMs: 6_000, backends: ['wasm', 'wasm-fused'] });
    await chooser.choose(worker.api, { batch_size: 64 }, (p) => p);
    for (const r of chooser.results!) expect(r.samplesPerSecond, JSON.stringify(r)).toBeGreaterThan(0);
  });

  it('auto backend: calibration on the actual model picks wasm over software WebGPU', async () => {
    const chooser = new BackendChooser('auto', { family: 'mlp', hyperparameters: { units: 64 } }, { batches: 10, budgetMs: 6_000, backends: ['webgpu', 'wasm'] });
    const backend = await chooser.choose(worker.api, { batch_size: 64 }, (p) => p);
    const speed = Object.fromEntries(chooser.results!.map((r) => [r.backend, r.samplesPerSecond]));
    expect(speed.webgpu, JSON.stringify(chooser.results)).toBeGreaterThan(0);
    expect(backend, JSON.stringify(chooser.results)).toBe('wasm');
    expect(speed.wasm!).toBeGreaterThan(speed.webgpu! * 2);
  });
});

describe('an experiment in the browser', () => {
  it('6 runs on digits, 2 workers, median stopping: legal ends, gapless intervals, a stop, a NaN failure, no leaks', async () => {
    // Grid order is the run order: good, good, too slow, broken (NaN), too slow, good. The good
    // learning rates climb over several epochs, so their best stays clear of the others' means.
    const config = parseExperimentConfig({
      name: 'browser-e2e',
      dataset: { source: 'demo:digits' },
      model: { family: 'mlp', hyperparameters: { epochs: 6, units: 32, optimizer: 'sgd', l2: 0.0001 } },
      space: '{"learning_rate": choice(0.005, 0.0045, 0.00001, 1000000, 0.000005, 0.004)}',
      sampling: { type: 'grid' },
      policy: { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 2 },
      maxTotalRuns: 6,
      maxConcurrentRuns: 2,
      backend: 'wasm',
    });
    const host = new ExperimentHost({ experimentId: 'e2e', config, dataset: digits, deps: schedulerDepsOf(config), spawn: spawnBrowserWorker, poolSize: 2 });
    const seen = new Map<string, number[]>();
    const statuses = new Map<string, RunStatus[]>();
    host.subscribe((snapshot: HostSnapshot) => {
      for (const run of snapshot.state.runs) {
        const counts = seen.get(run.id) ?? [];
        if (counts.at(-1) !== run.intervals) counts.push(run.intervals);
        seen.set(run.id, counts);
        const list = statuses.get(run.id) ?? [];
        if (list.at(-1) !== run.status) list.push(run.status);
        statuses.set(run.id, list);
      }
    });
    const final = await host.start();
    const snapshot = host.snapshot();
    const byStatus = (s: RunStatus) => final.runs.filter((r) => r.status === s);

    expect(final.status).toBe('completed');
    expect(final.runs).toHaveLength(6);
    for (const run of final.runs) {
      expect(['completed', 'stopped', 'failed']).toContain(run.status);
      expect(statuses.get(run.id)!.slice(-1)).toEqual([run.status]);
      expect(['queued', 'running']).toContain(statuses.get(run.id)![0]);
      // Intervals grew one at a time, and every metric series has one value per interval.
      const counts = seen.get(run.id)!;
      expect(counts).toEqual(Array.from({ length: counts.length }, (_, i) => i + (counts[0] ?? 0)));
      expect(counts[0]).toBe(0);
      expect(run.metrics.val_accuracy?.length ?? 0).toBe(run.intervals);
      expect(run.backend).toBe('wasm');
      const result = snapshot.stats[run.id].result;
      if (result) expect(result.tensorsAfter, `${run.id} leaked`).toBe(result.tensorsBefore);
    }
    const failed = byStatus('failed');
    expect(failed.map((r) => r.params.learning_rate)).toEqual([1000000]);
    expect(failed[0].reason).toMatch(/^metric "(val_)?loss" was (NaN|Infinity) at log \d+ \(training diverged/);
    const stopped = byStatus('stopped');
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    for (const run of stopped) expect(run.reason).toMatch(/^stopped by policy: val_accuracy .* < .* median/);
    const curves = final.runs.map((r) => `${r.params.learning_rate} ${r.status}: ${r.metrics.val_accuracy?.map((v) => v.toFixed(3)).join(' ')}`);
    expect(byStatus('completed').map((r) => r.params.learning_rate).sort(), curves.join('\n')).toEqual([0.004, 0.0045, 0.005]);
    expect(stopped.map((r) => r.params.learning_rate).sort(), curves.join('\n')).toEqual([0.000005, 0.00001]);
    expect(host.checkpoints.size).toBeGreaterThan(0);
    expect(snapshot.errors).toEqual([]);
  });

  it('on webgpu the pool shares one GPU: at most SHARED_GPU_WORKERS of 2 workers train at once, and the message says why', async () => {
    const config = parseExperimentConfig({
      name: 'browser-gpu',
      dataset: { source: 'demo:digits' },
      model: { family: 'mlp', hyperparameters: { epochs: 1, units: 16, batch_size: 128 } },
      space: '{"learning_rate": choice(0.01, 0.001, 0.0001)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 3,
      backend: 'webgpu',
    });
    const host = new ExperimentHost({ experimentId: 'gpu', config, dataset: digits, deps: schedulerDepsOf(config), spawn: spawnBrowserWorker, poolSize: 2 });
    let peak = 0;
    host.subscribe((snapshot) => {
      peak = Math.max(peak, snapshot.state.runs.filter((r) => r.status === 'queued' || r.status === 'running').length);
    });
    const final = await host.start();
    expect(final.runs.map((r) => [r.status, r.backend])).toEqual(Array(3).fill(['completed', 'webgpu']));
    expect(peak).toBe(Math.min(2, SHARED_GPU_WORKERS));
    if (SHARED_GPU_WORKERS < 2) expect(host.snapshot().concurrency.message).toContain('share one GPU (webgpu)');
  });
});


describe('sampler workers', () => {
  it('answer suggest and fit commands off the main thread, exactly as the inline answer', async () => {
    const space = { parameters: [{ name: 'a', expression: { type: 'uniform' as const, low: 0, high: 1 } }, { name: 'b', expression: { type: 'loguniform' as const, low: -5, high: 0 } }] };
    const sampler = createBayesianSampler();
    const history = Array.from({ length: 14 }, (_, k) => {
      const params = { a: (k * 0.37) % 1, b: Math.exp(-5 + ((k * 0.61) % 1) * 5) };
      return { params, value: (params.a - 0.3) ** 2 + Math.log(params.b) ** 2 / 25, status: 'completed' as const };
    });
    const fit: SamplerCommand = { type: 'fit', size: 14, snapshot: { goal: 'minimize', history, pending: [] } };
    const runner = workerSamplerRunner('bayesian', space);
    try {
      const fitted = await runner.run(fit);
      expect(fitted).toEqual(answer(sampler, space, fit, 0));
      if (fitted.type !== 'fitted' || !fitted.fitted) throw new Error('no fit');
      const suggest: SamplerCommand = { type: 'suggest', batch: { goal: 'minimize', history, pending: [history[0].params], index: 15, count: 3, seed: 4, fitted: fitted.fitted } };
      const suggested = await runner.run(suggest);
      expect(suggested).toEqual(answer(sampler, space, suggest, 0));
      expect(suggested).toMatchObject({ type: 'suggested', index: 15 });
      // The next command sends the worker only the new observation (history-delta.ts), put in the
      // middle of the history as a run that ended out of order would be.
      const later = [...history.slice(0, 7), { params: { a: 0.31, b: 0.9 }, value: 0.01, status: 'completed' as const }, ...history.slice(7)];
      const again: SamplerCommand = { type: 'suggest', batch: { goal: 'minimize', history: later, pending: [], index: 18, count: 2, seed: 4, fitted: fitted.fitted } };
      expect(await runner.run(again)).toEqual(answer(sampler, space, again, 0));
    } finally {
      runner.close();
    }
  });
});
