/**
 * The commands an outside engine drives (issue 18): `tabtune train` (one run, JSON lines, stop,
 * checkpoint folder, resume), `tabtune suggest` / `tabtune decide` (stateless, --serve) and
 * `tabtune pack` (an export file from runs made elsewhere), each as the real command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPolicy } from '../../../src/core/policies';
import { createRng } from '../../../src/core/rng';
import { createSampler } from '../../../src/core/sampling';
import { parseSpace } from '../../../src/core/space';
import { parseExperimentExport } from '../../../src/persistence';
import { noisyTwoBasinsHistory, UNIT_SQUARE } from '../sampling/helpers';
import { experimentFile } from './tabtune-run';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tabtune(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['src/cli/tabtune.mjs', ...args], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const iris = experimentFile(dir, 'iris', {
  name: 'iris engine',
  dataset: { source: 'demo:iris' },
  model: { hyperparameters: { epochs: 3, units: 8 } },
  space: '{"learning_rate": loguniform(-6, -2)}',
  maxTotalRuns: 4,
  backend: 'wasm',
});

describe('tabtune train', () => {
  it('prints one line per interval and a final line, writes the best checkpoint, and continues from last/', { timeout: 120_000 }, () => {
    const out = join(dir, 'run0');
    const first = tabtune(['train', iris, '--params', '{"learning_rate":0.02}', '--out', out, '--run', '1']);
    expect(first.code, first.stderr).toBe(0);
    const printed = lines(first.stdout);
    expect(printed.slice(0, 3).map((l) => [l.interval, Object.keys(l.metrics as object), l.last ?? false])).toEqual([
      [1, ['loss', 'accuracy', 'val_loss', 'val_accuracy'], false],
      [2, ['loss', 'accuracy', 'val_loss', 'val_accuracy'], false],
      [3, ['loss', 'accuracy', 'val_loss', 'val_accuracy'], true],
    ]);
    const final = printed[3];
    expect(final).toMatchObject({ done: true, status: 'completed', reason: null, intervals: 3, backend: 'wasm' });
    const values = printed.slice(0, 3).map((l) => (l.metrics as Record<string, number>).val_accuracy);
    const best = final.best as { value: number; interval: number };
    expect(best.value).toBe(Math.max(...values));
    expect(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8')).interval).toBe(best.interval);
    for (const f of ['model.json', 'weights.bin', 'run.json', 'preprocessing.json', 'last/checkpoint.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({ index: 1, status: 'completed', metrics: { val_accuracy: values } });

    // The same run number trains the same: a second run of the same parameters logs the same values.
    const again = tabtune(['train', iris, '--params', '{"learning_rate":0.02}', '--run', '1']);
    expect(lines(again.stdout).slice(0, 3).map((l) => (l.metrics as Record<string, number>).val_accuracy)).toEqual(values);

    const resumed = tabtune(['train', iris, '--params', '{"learning_rate":0.02,"epochs":5}', '--resume-from', join(out, 'last'), '--run', '1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(lines(resumed.stdout).map((l) => l.interval ?? 'final')).toEqual([4, 5, 'final']);
  });

  it('stops at the next batch on "stop", SIGTERM or a closed stdout and reports it; bad parameters exit 2', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['src/cli/tabtune.mjs', 'train', iris, '--params', '{"learning_rate":0.01,"epochs":500}']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"interval":2,')) child.stdin.write('stop\n');
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const final = lines(stdout).at(-1);
    expect(final).toMatchObject({ done: true, status: 'stopped', reason: 'stopped: "stop" on stdin' });
    expect(final?.intervals).toBeLessThan(500);

    // SIGTERM (a batch system's stop) ends it the same way.
    const term = spawn(process.execPath, ['src/cli/tabtune.mjs', 'train', iris, '--params', '{"learning_rate":0.01,"epochs":500}']);
    let termOut = '';
    term.stdout.on('data', (d: Buffer) => {
      termOut += d.toString();
      if (termOut.includes('"interval":1,') && !term.killed) term.kill('SIGTERM');
    });
    expect(await new Promise((resolve) => term.on('exit', resolve))).toBe(0);
    expect(lines(termOut).at(-1)).toMatchObject({ done: true, status: 'stopped', reason: 'stopped: SIGTERM' });

    // Its reader dies (the pipe closes): it stops the same way and still writes its out folder.
    const orphanOut = join(dir, 'orphan');
    const orphan = spawn(process.execPath, ['src/cli/tabtune.mjs', 'train', iris, '--params', '{"learning_rate":0.01,"epochs":500}', '--out', orphanOut]);
    let orphanErr = '';
    orphan.stderr.on('data', (d: Buffer) => (orphanErr += d.toString()));
    orphan.stdout.once('data', () => orphan.stdout.destroy());
    expect(await new Promise((resolve) => orphan.on('exit', resolve)), orphanErr).toBe(0);
    expect(orphanErr).not.toContain('EPIPE');
    const orphanRun = JSON.parse(readFileSync(join(orphanOut, 'run.json'), 'utf8')) as { status: string; reason: string; metrics: { val_accuracy: number[] } };
    expect(orphanRun).toMatchObject({ status: 'stopped', reason: 'stopped: its reader closed stdout' });
    expect(orphanRun.metrics.val_accuracy.length).toBeLessThan(500);

    const bad = tabtune(['train', iris, '--params', '[1]']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--params: must be a JSON object of parameter values (got [1])');
  });

  it('--await-run starts up, then trains the run given on stdin; --backend overrides the experiment file', { timeout: 120_000 }, () => {
    const direct = tabtune(['train', iris, '--params', '{"learning_rate":0.02}', '--run', '2']);
    const run = JSON.stringify({ params: { learning_rate: 0.02 }, run: 2, out: join(dir, 'awaited') });
    const awaited = tabtune(['train', iris, '--await-run', '--backend', 'cpu'], run + '\n');
    expect(awaited.code, awaited.stderr).toBe(0);
    const printed = lines(awaited.stdout);
    expect(printed.slice(0, 3).map((l) => l.interval)).toEqual([1, 2, 3]);
    expect(printed[3]).toMatchObject({ done: true, status: 'completed', backend: 'cpu', awaitedSeconds: expect.any(Number) });
    expect(JSON.parse(readFileSync(join(dir, 'awaited', 'run.json'), 'utf8'))).toMatchObject({ index: 2, backend: 'cpu' });
    expect(lines(direct.stdout)[3]).toMatchObject({ backend: 'wasm' });
    // No run line: the process was not needed and exits 0 without training.
    const unused = tabtune(['train', iris, '--await-run']);
    expect([unused.code, unused.stdout]).toEqual([0, '']);
    const clash = tabtune(['train', iris, '--await-run', '--params', '{}']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--await-run reads "--params" from stdin: leave it off the command line');
    const bad = tabtune(['train', iris, '--backend', 'gpu', '--params', '{}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--backend must be one of auto, webgpu, webgl, wasm, wasm-fused, cpu (got "gpu")');
  });
});

describe('tabtune suggest and decide', () => {
  it('suggest answers what the sampler suggests for the same history, index and seed', () => {
    const spaceText = '{"lr": loguniform(-9, -2), "units": choice(8, 16, 32)}';
    const runs = [
      { params: { lr: 0.01, units: 8 }, status: 'completed', value: 0.8 },
      { params: { lr: 0.001, units: 16 }, status: 'stopped', value: 0.6 },
      { params: { lr: 0.05, units: 32 }, status: 'running', value: null },
    ];
    const { code, stdout, stderr } = tabtune(['suggest'], JSON.stringify({ space: spaceText, sampling: 'bayesian', goal: 'maximize', seed: 4, runs }));
    expect(code, stderr).toBe(0);
    const history = runs.slice(0, 2).map((r) => ({ params: r.params, value: r.value, status: r.status as 'completed' }));
    const expected = createSampler('bayesian').suggest({ space: parseSpace(spaceText), goal: 'maximize', history, pending: [runs[2].params], index: 3 }, createRng(4, 3));
    expect(JSON.parse(stdout)).toEqual({ params: expected });
  });

  it('suggest passes "maxTotalRuns" on (the Bayesian sampler\'s last quarter) and names it when it is out of range', () => {
    // A noisy history and runs in flight: in the last quarter the suggestion differs (endgame.ts).
    const history = noisyTwoBasinsHistory(createSampler('bayesian'), 40, 3);
    const pending = [{ x: 0.9, y: 0.1 }, { x: 0.1, y: 0.9 }, { x: 0.5, y: 0.5 }];
    const runs = [...history, ...pending.map((params) => ({ params, status: 'running', value: null }))];
    const request = { space: UNIT_SQUARE, sampling: 'bayesian', goal: 'minimize', seed: 3, index: 80, runs };
    const suggest = (maxTotalRuns?: number) =>
      createSampler('bayesian').suggest({ space: parseSpace(UNIT_SQUARE), goal: 'minimize', history, pending, index: 80, maxTotalRuns }, createRng(3, 80));
    expect(suggest(100)).not.toEqual(suggest());
    const { stdout } = tabtune(['suggest', '--serve'], [JSON.stringify({ ...request, maxTotalRuns: 100 }), JSON.stringify(request), JSON.stringify({ ...request, maxTotalRuns: 0 })].join('\n') + '\n');
    expect(lines(stdout)).toEqual([{ params: suggest(100) }, { params: suggest() }, { ok: false, error: '"maxTotalRuns" must be an integer in 1..1000 (got 0)' }]);
  });

  it('decide answers the policy decision; --serve answers each line, a bad one with an error', () => {
    const request = { policy: { type: 'medianStopping' }, goal: 'maximize', metric: 'acc', run: { id: 'b', values: [0.2, 0.3] }, cohort: [{ id: 'a', values: [0.5, 0.6], finished: true }] };
    const decision = createPolicy({ type: 'medianStopping' }, 'acc').decide({ ...request.run, finished: false }, request.cohort, 'maximize');
    expect(decision.action).toBe('stop');
    const { stdout } = tabtune(['decide', '--serve'], [JSON.stringify(request), '{"goal":"up"}', JSON.stringify({ ...request, cohort: [] })].join('\n') + '\n');
    expect(lines(stdout)).toEqual([
      { decision: 'stop', reason: decision.action === 'stop' ? decision.reason : '' },
      { ok: false, error: '"goal" must be "maximize" or "minimize" (got "up")' },
      { decision: 'continue' },
    ]);
    const once = tabtune(['decide'], '{"policy":{"type":"bandit"},"goal":"maximize","run":{"id":1,"values":[1]}}');
    expect(once.code).toBe(2);
    expect(once.stderr).toContain('bandit');
  });
});

describe('tabtune pack', () => {
  it('writes an export file of runs made elsewhere; a bad request exits 2', () => {
    const config = JSON.parse(tabtune(['inspect', iris]).stdout).config;
    const request = {
      id: 'elsewhere',
      config,
      status: 'interrupted',
      runs: [
        { params: { learning_rate: 0.02 }, status: 'completed', metrics: { val_accuracy: [0.5, 0.9, 0.8] }, startedAt: 1000, endedAt: 2000 },
        { params: { learning_rate: 0.001 }, status: 'interrupted', metrics: { val_accuracy: [0.3] }, startedAt: 1500 },
      ],
    };
    const file = join(dir, 'packed.json');
    const { code, stdout, stderr } = tabtune(['pack', '--out', file], JSON.stringify(request));
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`${file}: experiment elsewhere (interrupted), 2 runs, 0 checkpoints\n`);
    expect(stderr).toContain('warning: run 0: no best checkpoint');
    const data = parseExperimentExport(readFileSync(file, 'utf8'));
    expect(data.runs.map((r) => [r.id, r.index, r.status, r.intervals, r.best])).toEqual([
      ['elsewhere_0', 0, 'completed', 3, { value: 0.9, interval: 2 }],
      ['elsewhere_1', 1, 'interrupted', 1, { value: 0.3, interval: 1 }],
    ]);
    const bad = tabtune(['pack', '--out', file], JSON.stringify({ ...request, status: 'running' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"status" must be completed, interrupted, canceled or failed (got "running")');
  });
});
