import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../../src/core/data';
import type { RunJson } from '../../../src/runtime/results';
import { tabtuneRun, experimentFile } from './tabtune-run';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tabtune = tabtuneRun;

const experiment = (name: string, body: Record<string, unknown>): string => experimentFile(dir, name, body);

const LEGAL_END = ['completed', 'stopped', 'failed', 'canceled'];

describe('tabtune run', () => {
  it('runs a tiny iris experiment, prints the best run and writes experiment.json, runs.json and best/', { timeout: 240_000 }, async () => {
    const file = experiment('iris', {
      name: 'iris tiny',
      dataset: { source: 'demo:iris' },
      model: { hyperparameters: { epochs: 4, units: 16 } },
      space: '{"learning_rate": choice(0.05, 0.01, 0.002), "batch_size": choice(16)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 3,
      backend: 'wasm',
    });
    const out = join(dir, 'out');
    const { code, stdout, stderr } = tabtune(file, '--out', out, '--workers', '2');
    expect(stderr).toContain('run iris-tiny_0 started on wasm');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^experiment iris-tiny completed: maxTotalRuns \(3\) reached$/m);
    expect(stdout).toMatch(/^best run: iris-tiny_\d \(completed\) val_accuracy [\d.]+ at interval \d$/m);

    const config = JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8'));
    expect(config).toMatchObject({ name: 'iris tiny', primaryMetricName: 'val_accuracy', primaryMetricGoal: 'maximize', policy: { type: 'none' }, backend: 'wasm' });
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];
    expect(runs.map((r) => r.parameters.learning_rate)).toEqual([0.05, 0.01, 0.002]);
    for (const run of runs) {
      expect(run.status).toBe('completed');
      expect(run.backend).toBe('wasm');
      expect(run.durationSeconds).toBeGreaterThan(0);
      expect(run.metrics.val_accuracy).toHaveLength(4);
      expect(Object.keys(run.metrics)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    }

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const best = JSON.parse(readFileSync(join(out, 'best', 'run.json'), 'utf8'));
    expect(best.id).toBe(summary.bestRunId);
    expect(best.checkpointInterval).toBe(best.scoreInterval);
    // Three runs are too few to say which parameter mattered: importance.json says so.
    expect(JSON.parse(readFileSync(join(out, 'importance.json'), 'utf8'))).toMatchObject({ primaryMetricName: 'val_accuracy', available: false, runs: 3, reason: 'needs at least 10 scored runs (has 3)' });
    expect(stdout).toMatch(/^parameter importance for val_accuracy: unavailable, needs at least 10 scored runs \(has 3\)$/m);

    // The exported model reproduces the best score on the same validation split.
    const model = JSON.parse(readFileSync(join(out, 'best', 'model.json'), 'utf8'));
    const weights = readFileSync(join(out, 'best', 'weights.bin'));
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer }),
    );
    const demo = findDemo('iris')!;
    const data = await loadCsvText(readFileSync('public/datasets/iris.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
    const rows = data.validY.length;
    const predicted = Array.from(tf.tidy(() => (loaded.predict(tf.tensor2d(data.validX, [rows, data.featureCount])) as tf.Tensor).argMax(-1).dataSync()));
    const accuracy = predicted.filter((p, i) => p === data.validY[i]).length / rows;
    expect(accuracy).toBeCloseTo(best.score, 5);
    loaded.dispose();

    // preprocessing.json: the page's export format, naming the raw columns in input order.
    const pre = JSON.parse(readFileSync(join(out, 'best', 'preprocessing.json'), 'utf8'));
    expect(pre.featureColumns).toEqual(data.encoding.columns.map((c) => c.name));
    expect(pre.inputWidth).toBe(data.featureCount);
    expect(pre.output.classLabels).toEqual(data.encoding.classLabels);
  });

  it('exits 2 naming the key for a bad experiment file', () => {
    const file = experiment('bad', { space: '{"units": choice(8)}', maxTotalRuns: 0 });
    const { code, stderr } = tabtune(file);
    expect(code).toBe(2);
    expect(stderr).toContain('"maxTotalRuns" must be an integer in 1..1000 (got 0)');
  });

  it('exits 2 for a file that cannot be read', () => {
    const { code, stderr } = tabtune(join(dir, 'missing.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('ENOENT');
  });

  it('every run ends in a legal state, and a diverging run fails with the reason (exit 0: stopped by limits)', { timeout: 240_000 }, () => {
    const file = experiment('diverge', {
      name: 'diverge',
      dataset: { source: 'demo:iris' },
      model: { hyperparameters: { epochs: 3, optimizer: 'sgd', l2: 0.001 } },
      space: '{"learning_rate": choice(0.05, 1000000)}',
      sampling: { type: 'grid' },
      maxTotalRuns: 5,
      backend: 'cpu',
    });
    const out = join(dir, 'diverge');
    const { code, stderr } = tabtune(file, '--out', out, '--workers', '1');
    expect(code, stderr).toBe(0);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(LEGAL_END).toContain(run.status);
    expect(runs[1]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^metric "(val_)?loss" was (NaN|Infinity) at log 1 \(training diverged/) });
    expect([runs[1].metrics.loss[0], runs[1].metrics.val_loss[0]]).toContain(null);
  });

  it('writes importance.json and prints the top parameters once enough runs scored', { timeout: 240_000 }, () => {
    const file = experiment('importance', {
      name: 'importance',
      dataset: { source: 'demo:iris' },
      model: { hyperparameters: { epochs: 1, units: 4 } },
      space: '{"learning_rate": loguniform(-9, -1), "units": choice(2, 4), "batch_size": choice(32)}',
      sampling: { type: 'random', seed: 5 },
      maxTotalRuns: 10,
      backend: 'cpu',
    });
    const out = join(dir, 'importance');
    const { code, stdout, stderr } = tabtune(file, '--out', out, '--workers', '2');
    expect(code, stderr).toBe(0);
    const importance = JSON.parse(readFileSync(join(out, 'importance.json'), 'utf8'));
    expect(importance).toMatchObject({ primaryMetricName: 'val_accuracy', available: true, runs: 10, method: expect.stringContaining('fANOVA') });
    expect(importance.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['batch_size', 'learning_rate', 'units']);
    const top = importance.parameters.slice(0, 3).map((p: { name: string; share: number }) => `${p.name} ${(100 * p.share).toFixed(1)}%`).join(', ');
    expect(stdout).toContain(`parameter importance for val_accuracy (10 runs): ${top}`);
  });
});

describe('tabtune run: datasets and warm start', () => {
  const tiny = { model: { hyperparameters: { epochs: 1, units: 8 } }, maxTotalRuns: 1, backend: 'cpu' };

  it('reads a UTF-16 CSV with a byte-order mark (the page\'s decoder, not UTF-8 only)', { timeout: 240_000 }, () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 2},${i % 5},${i % 2 ? 'oui' : 'non'}`);
    const text = 'länge,breite,klasse\n' + rows.join('\n');
    writeFileSync(join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const file = experiment('utf16', {
      ...tiny,
      name: 'utf16',
      dataset: { source: 'file:utf16.csv', target: 'klasse' },
      space: '{"learning_rate": choice(0.01)}',
    });
    const out = join(dir, 'utf16-out');
    const { code, stderr } = tabtune(file, '--out', out, '--workers', '1');
    expect(code, stderr).toBe(0);
    const pre = JSON.parse(readFileSync(join(out, 'best', 'preprocessing.json'), 'utf8'));
    expect(pre.featureColumns).toEqual(['länge', 'breite']);
    expect(pre.output.classLabels).toEqual(['non', 'oui']);
  });

  function parentFolder(name: string, source: string): string {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    const config = { ...tiny, name, dataset: { source }, space: '{"learning_rate": choice(0.05, 0.01)}', primaryMetricName: 'val_accuracy' };
    writeFileSync(join(folder, 'experiment.json'), JSON.stringify(config));
    writeFileSync(join(folder, 'summary.json'), JSON.stringify({ experimentId: name, status: 'completed' }));
    const run = (index: number, lr: number) => ({
      id: `${name}_${index}`, index, parameters: { learning_rate: lr }, status: 'completed', reason: null, backend: 'cpu',
      durationSeconds: 1, startedAt: null, endedAt: null, intervals: 1, best: { value: 0.5, interval: 1 },
      metrics: { val_accuracy: [0.5] }, samplesPerSecond: null, startLatencyMs: null,
    });
    writeFileSync(join(folder, 'runs.json'), JSON.stringify([run(0, 0.05), run(1, 0.01)]));
    return folder;
  }

  it('resumeFrom uses the page\'s warm-start rule: a parent on another dataset gives no priors, a matching one does', { timeout: 240_000 }, () => {
    parentFolder('wine-parent', 'demo:wine');
    parentFolder('iris-parent', 'demo:iris');
    const file = experiment('child', {
      ...tiny,
      name: 'child',
      dataset: { source: 'demo:iris' },
      space: '{"learning_rate": choice(0.05, 0.01)}',
      sampling: { type: 'bayesian', seed: 1 },
      primaryMetricName: 'val_accuracy',
      resumeFrom: ['wine-parent', 'iris-parent'],
    });
    const { code, stderr } = tabtune(file, '--out', join(dir, 'child-out'), '--workers', '1');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("warm start: 2 parent runs fed the sampler as prior observations; 2 parent runs count in the policy's cohort\n");
    expect(stderr).toContain('  wine-parent (wine-parent): 2 finished runs, 0 fit the parameter space (not used: it used dataset demo:wine, not demo:iris)\n');
    expect(stderr).toContain('  iris-parent (iris-parent): 2 finished runs, 2 fit the parameter space\n');
  });
});
