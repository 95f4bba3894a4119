/**
 * `tabtune run --resume`: an experiment exported from the page (with a real checkpoint) and a
 * canceled `tabtune run` results folder continue in Node worker threads, the cut-short runs with
 * the same parameters and their series continuing at the next interval.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHyperparameters } from '../../../src/core/experiment';
import type { RunJson } from '../../../src/runtime/results';
import { Recorder, exportExperiment, serializeExperimentExport, createExperiment } from '../../../src/persistence';
import { captureCheckpoint } from '../../../workers/checkpoint-io';
import { buildModel } from '../../../workers/training/model';
import { freshDb, runRecord, testConfig } from './helpers';
import { tabtuneRun } from '../cli/tabtune-run';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tabtune = tabtuneRun;

const EXPERIMENT = {
  name: 'iris resume',
  dataset: { source: 'demo:iris' },
  model: { hyperparameters: { epochs: 4, units: 8 } },
  space: '{"learning_rate": choice(0.05, 0.01, 0.02)}',
  sampling: { type: 'grid' },
  maxTotalRuns: 3,
  maxConcurrentRuns: 1,
  backend: 'wasm',
};

describe('tabtune run --resume', () => {
  it('continues an interrupted experiment exported from the page from its checkpoint', { timeout: 240_000 }, async () => {
    const db = await freshDb();
    const config = testConfig(EXPERIMENT);
    await createExperiment(db, { id: 'exp-page', config });
    const recorder = new Recorder({ db, experimentId: 'exp-page', primaryMetricName: 'val_accuracy' });
    const params = (lr: number) => ({ learning_rate: lr });
    recorder.persist(
      [
        runRecord('exp-page', 0, [0.5, 0.6, 0.7, 0.8], { params: params(0.05), status: 'completed', endedAt: 9 }),
        runRecord('exp-page', 1, [0.41, 0.42], { params: params(0.01), status: 'interrupted', reason: 'interrupted: the tab closed while it trained', endedAt: 9 }),
      ],
      { experimentId: 'exp-page', status: 'interrupted', reason: 'tab closed', startedAt: 1, endedAt: 9, runCount: 2, failedCount: 0 },
    );
    // The interrupted run's real model after 2 intervals (iris: 4 features, 3 classes).
    const hp = resolveHyperparameters(params(0.01), config.model.hyperparameters);
    const { model, optimizer } = buildModel('mlp', { featureCount: 4, outputCount: 3, task: 'classification' }, hp, 1);
    const x = tf.randomNormal([16, 4]);
    const y = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3));
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    recorder.checkpoint('exp-page_1', { ...(await captureCheckpoint(model, optimizer, 2, 0.42)), kinds: ['last'] });
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
    await recorder.close();
    const file = join(dir, 'exported.json');
    writeFileSync(file, serializeExperimentExport(await exportExperiment(db, 'exp-page', 'resumable')));

    const out = join(dir, 'out-export');
    const { code, stdout, stderr } = tabtune('--resume', file, '--out', out, '--workers', '1');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('resuming exp-page: 2 runs, 1 continue');
    expect(stdout).toMatch(/^experiment exp-page completed: maxTotalRuns \(3\) reached$/m);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];
    expect(runs.map((r) => [r.id, r.status, r.intervals])).toEqual([
      ['exp-page_0', 'completed', 4],
      ['exp-page_1', 'completed', 4],
      ['exp-page_2', 'completed', 4],
    ]);
    expect(runs[0].metrics.val_accuracy).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(runs[1].metrics.val_accuracy.slice(0, 2)).toEqual([0.41, 0.42]);
    expect(runs[1].parameters).toEqual({ learning_rate: 0.01 });
    expect(runs.map((r) => r.parameters.learning_rate)).toEqual([0.05, 0.01, 0.02]);
  });

  it('continues a canceled results folder: runs its cancel cut short start again with the same parameters', { timeout: 240_000 }, () => {
    const folder = join(dir, 'canceled');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'experiment.json'), JSON.stringify(testConfig(EXPERIMENT)));
    writeFileSync(join(folder, 'summary.json'), JSON.stringify({ experimentId: 'iris-resume', status: 'canceled' }));
    const run = (index: number, status: string, reason: string | null, values: number[]): RunJson => ({
      id: `iris-resume_${index}`, index, parameters: { learning_rate: [0.05, 0.01][index] }, status: status as RunJson['status'], reason, backend: 'wasm',
      durationSeconds: 1, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', intervals: values.length,
      best: values.length ? { value: Math.max(...values), interval: values.indexOf(Math.max(...values)) + 1 } : null,
      metrics: { val_accuracy: values }, samplesPerSecond: null, startLatencyMs: null, tensors: null,
    });
    writeFileSync(join(folder, 'runs.json'), JSON.stringify([run(0, 'completed', null, [0.5, 0.6, 0.7, 0.8]), run(1, 'canceled', 'canceled: canceled by user', [0.3])]));
    const out = join(dir, 'out-folder');
    const { code, stdout, stderr } = tabtune('--resume', folder, '--out', out, '--workers', '1');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('resuming iris-resume: 2 runs, 1 continue');
    expect(stdout).toMatch(/completed: maxTotalRuns \(3\) reached/);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];
    expect(runs.map((r) => [r.status, r.intervals, r.parameters.learning_rate])).toEqual([
      ['completed', 4, 0.05],
      ['completed', 4, 0.01],
      ['completed', 4, 0.02],
    ]);
    expect(runs[0].metrics.val_accuracy).toEqual([0.5, 0.6, 0.7, 0.8]);
  });

  it('refuses a completed experiment and a FILE next to --resume', () => {
    const folder = join(dir, 'done');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'summary.json'), JSON.stringify({ status: 'completed' }));
    const done = tabtune('--resume', folder);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('is completed; only interrupted or canceled experiments resume');
    const both = tabtune('x.json', '--resume', folder);
    expect(both.code).not.toBe(0);
  });
});
