/**
 * Bad input to a worker: an unreachable storage, a study created with another parameter space, a
 * worker started with another experiment file, an Optuna sampler for a space it cannot sample.
 * Each gets a clear message and exit code 2, and the study is left exactly as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { digitsExperiment, dumpStudy, runIntegration } from './support/workers';

const url = inject('postgresUrl');
const dir = mkdtempSync(join(tmpdir(), 'tabtune-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const worker = (file: string, study: string, ...more: string[]) => runIntegration(['worker', file, '--storage', url, '--study', study, '--out', join(dir, 'runs'), ...more]);

describe('tabtune_optuna.py worker refuses bad input', () => {
  it('names an unreachable storage', () => {
    const file = digitsExperiment(dir, 'unreachable');
    const port = new URL(url).port;
    const wrong = url.replace(`:${port}/`, ':1/').replace('postgres@', 'postgres:secret@');
    const { code, stderr } = runIntegration(['worker', file, '--storage', wrong, '--study', 's']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^tabtune_optuna worker: cannot reach storage postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/tabtune: .*(refused|could not connect)/m);
    expect(stderr).not.toContain('secret');
    expect(stderr).not.toContain('Traceback');
  });

  it('refuses a study of another space or another experiment file, and leaves it untouched', { timeout: 120_000 }, () => {
    const first = digitsExperiment(dir, 'first');
    const created = worker(first, 'owned', '--runs', '0');
    expect(created.code, created.stderr).toBe(0);
    const before = dumpStudy(url, 'owned');
    expect(before.userAttrs).toEqual(['tabtune:experiment', 'tabtune:space']);

    const otherSpace = digitsExperiment(dir, 'first', { space: '{"learning_rate": loguniform(-5, -3)}' });
    const a = worker(otherSpace, 'owned');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(`tabtune_optuna worker: study 'owned' was created with another parameter space: [{"name": "learning_rate", "expression": {"type": "loguniform", "low": -7, "high": -3}}`);
    expect(a.stderr).toContain('(this experiment file: [{"name": "learning_rate", "expression": {"type": "loguniform", "low": -5, "high": -3}}]); the study is left as it is');

    const otherFile = digitsExperiment(dir, 'first', { model: { family: 'mlp', hyperparameters: { epochs: 9, units: 16 } }, policy: { type: 'none' } });
    const b = worker(otherFile, 'owned');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`tabtune_optuna worker: study 'owned' was created from another experiment file: it differs in "model", "policy"; the study is left as it is`);

    expect(dumpStudy(url, 'owned')).toEqual(before);
  });

  it('ends the study at maxFailedRuns when runs fail on their own, naming the error', { timeout: 120_000 }, () => {
    const module = join(dir, 'broken.mjs');
    writeFileSync(module, 'export function build() { throw new Error("broken on purpose"); }\n');
    const file = digitsExperiment(dir, 'broken', { model: { family: 'module', module: 'broken.mjs', hyperparameters: { epochs: 2 } }, space: '{"width": choice(4, 8)}', maxFailedRuns: 2, maxTotalRuns: 5 });
    const { code, stdout, stderr } = worker(file, 'broken');
    expect(code, stderr).toBe(1);
    expect(stdout).toContain('study broken: 2 of 5 runs finished (maxFailedRuns (2) reached); this worker ran 2');
    const { trials } = dumpStudy(url, 'broken');
    expect(trials.map((t) => t.state)).toEqual(['FAIL', 'FAIL']);
  });

  it('refuses an Optuna sampler for expressions Optuna cannot represent', { timeout: 60_000 }, () => {
    const file = digitsExperiment(dir, 'normal', { space: '{"learning_rate": qloguniform(-7, -3, 0.001), "keep_probability": uniform(0.7, 1)}' });
    const { code, stderr } = worker(file, 'normal-tpe', '--sampler', 'tpe');
    expect(code).toBe(2);
    expect(stderr).toContain('tabtune_optuna worker: the Optuna tpe sampler cannot sample learning_rate (qloguniform) exactly (Optuna has no distribution with the same law); use --sampler tabtune, or change the space');
    expect(() => dumpStudy(url, 'normal-tpe')).toThrow(/not found|does not exist|Record does not exist|KeyError/);
  });
});
