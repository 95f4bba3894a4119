import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJson } from '../../../src/runtime/results';
import { tabtuneRun } from './tabtune-run';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tabtune = tabtuneRun;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function experiment(name: string, model: Record<string, unknown>, space: string, extra: Record<string, unknown> = {}): string {
  return file(`${name}.json`, JSON.stringify({ name, dataset: { source: 'demo:iris' }, model, space, backend: 'wasm', ...extra }));
}

const readRuns = (out: string) => JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunJson[];

describe('tabtune run with the user\'s own module', () => {
  it('tunes a Keras-Tuner-style build(hp, ctx) over custom parameters and exports its source with the best model', { timeout: 240_000 }, () => {
    copyFileSync('public/examples/tunable-mlp.mjs', join(dir, 'tunable-mlp.mjs'));
    const path = experiment('keras', { module: './tunable-mlp.mjs', hyperparameters: { epochs: 3, dropout: 0 } },
      '{"layers": choice(1, 2), "width": choice(16), "shrink": choice(0.5), "learning_rate": choice(0.02)}', { sampling: { type: 'grid' } });
    const out = join(dir, 'out-keras');
    const { code, stderr, stdout } = tabtune(path, '--out', out, '--workers', '2');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^best run: keras_\d \(completed\) val_accuracy/m);
    const runs = readRuns(out);
    expect(runs.map((r) => [r.status, r.parameters.layers, r.intervals])).toEqual([['completed', 1, 3], ['completed', 2, 3]]);
    // tabtune compiled the uncompiled model with the task's loss and metrics: the usual four series.
    expect(Object.keys(runs[0].metrics)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(runs.every((r) => r.tensors?.leaked === 0)).toBe(true);
    expect(readFileSync(join(out, 'best', 'tunable-mlp.mjs'), 'utf8')).toBe(readFileSync('public/examples/tunable-mlp.mjs', 'utf8'));
    const best = JSON.parse(readFileSync(join(out, 'best', 'run.json'), 'utf8'));
    expect(best.modelFamily).toBe('module');
    expect(best.hyperparameters).toMatchObject({ width: 16, dropout: 0, learning_rate: 0.02, epochs: 3, batch_size: 32 });
    const config = JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8'));
    expect(config.model.module).toEqual({ name: 'tunable-mlp.mjs', source: readFileSync('public/examples/tunable-mlp.mjs', 'utf8') });
  });

  it('runs a custom fit: every ctx.log is a series, each primary log an interval', { timeout: 240_000 }, () => {
    copyFileSync('public/examples/cosine-warmup-fit.mjs', join(dir, 'cosine.mjs'));
    const path = experiment('cosine', { module: './cosine.mjs', hyperparameters: { epochs: 4 } },
      '{"peak_lr": choice(0.01), "warmup_epochs": choice(2), "units": choice(16), "batch_size": choice(16)}', { maxTotalRuns: 1 });
    const out = join(dir, 'out-cosine');
    const { code, stderr } = tabtune(path, '--out', out, '--workers', '1');
    expect(code, stderr).toBe(0);
    const [run] = readRuns(out);
    expect(run.status).toBe('completed');
    expect(Object.keys(run.metrics)).toEqual(['lr', 'val_loss', 'val_accuracy']);
    expect(run.intervals).toBe(4);
    // Warm-up 0.005, 0.01, then the cosine half-period from the peak.
    expect(run.metrics.lr).toEqual([0.005, 0.01, 0.01, 0.005].map((v) => expect.closeTo(v, 12)));
    expect(run.metrics.val_accuracy.every((v) => v !== null && v > 0 && v <= 1)).toBe(true);
    expect(run.tensors?.leaked).toBe(0);
    // The exported model is the checkpoint of the best interval, even when improvements came faster than they are sent.
    const best = JSON.parse(readFileSync(join(out, 'best', 'run.json'), 'utf8'));
    expect(best.checkpointInterval).toBe(best.scoreInterval);
    expect(best.scoreInterval).toBe(run.best!.interval);
    expect(readFileSync(join(out, 'best', 'weights.bin')).byteLength).toBeGreaterThan(0);
  });

  it('fails each faulty run with the user\'s message and file:line; the experiment goes on', { timeout: 240_000 }, () => {
    copyFileSync('tests/fixtures/modules/faults.mjs', join(dir, 'faults.mjs'));
    const modes = ['throw_build', 'not_model', 'bad_input', 'typo', 'fit_throws', 'no_primary', 'leak', 'ok'];
    const path = experiment('faults', { module: './faults.mjs' }, `{"mode": choice(${modes.map((m) => `"${m}"`).join(', ')})}`, { sampling: { type: 'grid' } });
    const out = join(dir, 'out-faults');
    const { code, stderr } = tabtune(path, '--out', out, '--workers', '2');
    expect(code, stderr).toBe(0);
    const byMode = Object.fromEntries(readRuns(out).map((r) => [r.parameters.mode, r]));
    expect(byMode.throw_build).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^build threw boom in build \(faults\.mjs:11:\d+\)$/) });
    expect(byMode.not_model.reason).toMatch(/^build must return a tf\.LayersModel .*; it returned Object \(faults\.mjs\)$/);
    expect(byMode.bad_input.reason).toContain('input shape is [null, 3]; the dataset\'s inputs are [null, 4]');
    expect(byMode.typo.reason).toMatch(/^build threw UndefinedParameterError: hp\.lerning_rate: parameter "lerning_rate" is not defined .* \(defined: mode\) \(faults\.mjs:14:\d+\)$/);
    expect(byMode.fit_throws.reason).toMatch(/^fit threw TypeError: Cannot read properties of undefined \(reading 'epochs'\) \(faults\.mjs:23:\d+\)$/);
    expect(byMode.no_primary).toMatchObject({ status: 'failed', reason: 'never logged the primary metric "val_accuracy"' });
    expect(byMode.no_primary.metrics.val_loss).toHaveLength(2);
    expect(byMode.leak).toMatchObject({ status: 'completed', tensors: { leaked: 1 } });
    expect(byMode.ok).toMatchObject({ status: 'completed', intervals: 2, tensors: { leaked: 0 } });
  });

  it.each([
    ['a syntax error', 'export function build(hp, ctx) {\n  return ctx.tf.sequential(\n}\n', /model module "bad\.mjs": bad\.mjs:3:1: syntax error: Unexpected token/],
    ['no build export', 'export function fit() {}\n', /bad\.mjs:1:1: exports no "build" function/],
    ['an import', "import * as tf from '@tensorflow/tfjs';\nexport function build() {}\n", /bad\.mjs:1:1: imports are not supported: TensorFlow\.js is ctx\.tf/],
  ])('refuses %s before any run starts (exit 2, file:line:column)', (_what, source, message) => {
    file('bad.mjs', source);
    const path = experiment('bad', { module: './bad.mjs' }, '{"x": choice(1, 2)}');
    const { code, stderr } = tabtune(path, '--out', join(dir, 'out-bad'));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('started');
  });

  it('names a module path it cannot read, and a space name outside the built-in models without a module', () => {
    const missing = tabtune(experiment('missing', { module: './nope.mjs' }, '{"x": choice(1)}'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/"model\.module" cannot read ".*nope\.mjs" \(ENOENT\)/);
    const builtin = tabtune(experiment('builtin', { family: 'mlp' }, '{"layers": choice(1)}'));
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toContain('parameter "layers" is not a hyperparameter of the built-in models');
  });
});
