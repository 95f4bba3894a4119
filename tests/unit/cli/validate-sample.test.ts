/**
 * `tabtune validate` and `tabtune sample` end to end: the real CLI in a child process on space
 * files, checking stdout, stderr and exit codes (0 ok, 2 bad input).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../src/cli/tabtune.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tabtune-space-'));
const TIMEOUT = 60_000;

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tabtune ...args`, optionally feeding `stdin`; resolves with the exit code and both streams. */
function tabtune(args: readonly string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: TIMEOUT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const space = file('space.txt', '{"batch_size": choice(16, 32, 64, 128), "learning_rate": loguniform(-9, -2)}\n');
const grid = file('grid.txt', 'a: choice(1, 2, 3)\nb: choice("x", "y")\n');
const lines = (stdout: string) => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('tabtune validate', () => {
  it('prints ok and one line per parameter with its real-unit summary', { timeout: TIMEOUT }, async () => {
    const result = await tabtune(['validate', '--space', space]);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'ok',
        'batch_size     choice(16, 32, 64, 128)  discrete, 4 values: 16, 32, 64, 128',
        'learning_rate  loguniform(-9, -2)       continuous, e^-9..e^-2 = 1.234e-4..0.1353',
        '',
      ].join('\n'),
    });
  });

  it('prints every problem on stderr and exits with 2', { timeout: TIMEOUT }, async () => {
    const bad = file('bad.txt', '{\n  "lr": loguniform(-2, -9),\n  "act": lognuniform(1, 2),\n  "units": choice()\n}\n');
    const result = await tabtune(['validate', '--space', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'line 2, column 9: parameter "lr": loguniform needs low < high (got -2, -9)',
      'line 3, column 10: parameter "act": unknown function "lognuniform" (expected one of choice, randint, uniform, loguniform, quniform, qloguniform, normal, lognormal, qnormal, qlognormal; did you mean "loguniform"?)',
      'line 4, column 12: parameter "units": choice needs at least one value (got none)',
    ]);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('reads JSON files and standard input', { timeout: TIMEOUT }, async () => {
    const json = file('space.json', JSON.stringify({ lr: { type: 'loguniform', low: -9, high: -2 } }));
    expect((await tabtune(['validate', '--space', json])).stdout).toBe('ok\nlr  loguniform(-9, -2)  continuous, e^-9..e^-2 = 1.234e-4..0.1353\n');
    const piped = await tabtune(['validate', '--space', '-'], 'x: uniform(0, 1)\n');
    expect(piped).toEqual({ code: 0, stderr: '', stdout: 'ok\nx  uniform(0, 1)  continuous, 0..1\n' });
  });

  it('exits with 2 for a missing file or option, naming it', { timeout: TIMEOUT }, async () => {
    const missing = await tabtune(['validate', '--space', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`--space: cannot read "${join(dir, 'nope.txt')}" (ENOENT)\n`);
    const noOption = await tabtune(['validate']);
    expect(noOption.code).toBe(2);
    expect(noOption.stderr).toMatch(/^tabtune validate: missing required option "--space"/);
  });

  it('has a --help with an example', { timeout: TIMEOUT }, async () => {
    const result = await tabtune(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tabtune validate --space FILE/);
    expect(result.stdout).toContain('Example:');
  });
});

describe('tabtune sample', () => {
  it('prints one JSON object per line; line i depends only on the seed and i', { timeout: TIMEOUT }, async () => {
    const three = await tabtune(['sample', '--space', space, '--sampling', 'random', '--seed', '1', '--count', '3']);
    expect(three.code).toBe(0);
    expect(three.stdout).toBe(
      [
        '{"batch_size":128,"learning_rate":0.000181566690378477}',
        '{"batch_size":32,"learning_rate":0.02104873621511115}',
        '{"batch_size":32,"learning_rate":0.07101912702808227}',
        '',
      ].join('\n'),
    );
    const five = await tabtune(['sample', '--space', space, '--seed', '1', '--count', '5']);
    expect(lines(five.stdout).slice(0, 3)).toEqual(lines(three.stdout));
    const other = await tabtune(['sample', '--space', space, '--seed', '2', '--count', '3']);
    expect(lines(other.stdout)).not.toEqual(lines(three.stdout));
    for (const values of lines(five.stdout)) {
      expect([16, 32, 64, 128]).toContain(values.batch_size);
      expect(values.learning_rate).toBeGreaterThanOrEqual(Math.exp(-9));
      expect(values.learning_rate).toBeLessThanOrEqual(Math.exp(-2));
    }
  });

  it('enumerates a grid in order; --count limits it and never extends it', { timeout: TIMEOUT }, async () => {
    const all = [
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'x' },
      { a: 3, b: 'y' },
    ];
    expect(lines((await tabtune(['sample', '--space', grid, '--sampling', 'grid'])).stdout)).toEqual(all);
    expect(lines((await tabtune(['sample', '--space', grid, '--sampling', 'grid', '--count', '100'])).stdout)).toEqual(all);
    expect(lines((await tabtune(['sample', '--space', grid, '--sampling', 'grid', '--count', '4', '--seed', '9'])).stdout)).toEqual(all.slice(0, 4));
  });

  it('exits with 2 for a grid over a non-choice expression', { timeout: TIMEOUT }, async () => {
    const result = await tabtune(['sample', '--space', space, '--sampling', 'grid']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'parameter "learning_rate": grid sampling needs choice (got loguniform)\n' });
  });

  it('exits with 2 for bad options, naming them', { timeout: TIMEOUT }, async () => {
    const sampling = await tabtune(['sample', '--space', space, '--sampling', 'bayesian']);
    expect(sampling.code).toBe(2);
    expect(sampling.stderr).toMatch(/^tabtune sample: option "--sampling" must be random or grid \(got "bayesian"/);
    const count = await tabtune(['sample', '--space', space, '--count', '0']);
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(/^tabtune sample: option "--count" must be an integer in 1\.\.1000000 \(got "0"\)/);
  });

  it('has a --help with an example', { timeout: TIMEOUT }, async () => {
    const result = await tabtune(['sample', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tabtune sample --space FILE \[--sampling random\|grid\]/);
    expect(result.stdout).toContain('Example:');
  });
});
