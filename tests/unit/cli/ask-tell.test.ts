/**
 * `tabtune ask-tell` end to end: the real CLI in a child process, requests on stdin, one JSON
 * response per line on stdout, errors answered while the process keeps serving.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../src/cli/tabtune.mjs', import.meta.url));

function serve(requests: readonly (object | string)[]): { responses: Record<string, unknown>[]; status: number | null; stderr: string } {
  const input = requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  const result = spawnSync(process.execPath, [CLI, 'ask-tell'], { input, encoding: 'utf8', timeout: 60_000 });
  const responses = result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { responses, status: result.status, stderr: result.stderr };
}

describe('tabtune ask-tell', () => {
  it('answers every request in order and exits 0 when stdin ends', () => {
    const { responses, status } = serve([
      { op: 'create', space: '{"x": uniform(0, 1), "act": choice("relu", "tanh")}', sampling: 'random', goal: 'minimize', seed: 1 },
      { op: 'ask' },
      { op: 'ask' },
      { op: 'tell', run: 1, value: 0.5 },
      { op: 'tell', run: 0, status: 'failed' },
      { op: 'best' },
    ]);
    expect(status).toBe(0);
    expect(responses).toHaveLength(6);
    expect(responses[0]).toEqual({ ok: true });
    expect(responses[1]).toMatchObject({ run: 0, params: { x: expect.any(Number), act: expect.any(String) } });
    expect(responses[2]).toMatchObject({ run: 1 });
    expect(responses[3]).toEqual({ ok: true });
    expect(responses[4]).toEqual({ ok: true });
    expect(responses[5]).toEqual({ run: 1, params: responses[2].params, value: 0.5, status: 'completed' });
  });

  it('keeps serving after bad requests, answering each with ok:false and a reason', () => {
    const { responses, status } = serve([
      'not json',
      { op: 'ask' },
      { op: 'create', space: '{"x": uniform(1, 0)}' },
      { op: 'create', space: '{"x": uniform(0, 1)}', goal: 'up' },
      { op: 'create', space: '{"x": uniform(0, 1)}', colour: 'red' },
      { op: 'create', space: '{"x": uniform(0, 1)}', sampling: 'grid' },
      { op: 'create', space: '{"x": uniform(0, 1)}', policy: { type: 'bandit' } },
      { op: 'create', space: '{"x": uniform(0, 1)}' },
      { op: 'tell', run: 3, value: 1 },
      { op: 'tell', run: 'zero', value: 1 },
      { op: 'ask' },
    ]);
    expect(status).toBe(0);
    expect(responses).toHaveLength(11);
    const errors = responses.slice(0, 7).concat(responses.slice(8, 10));
    for (const r of errors) expect(r).toEqual({ ok: false, error: expect.any(String) });
    expect(String(responses[0].error)).toMatch(/JSON/);
    expect(String(responses[1].error)).toMatch(/create/);
    expect(String(responses[2].error)).toMatch(/"x".*low.*high/);
    expect(String(responses[3].error)).toMatch(/"goal"/);
    expect(String(responses[4].error)).toMatch(/"colour"/);
    expect(String(responses[5].error)).toMatch(/"x".*choice/);
    expect(String(responses[6].error)).toMatch(/slack/);
    expect(responses[7]).toEqual({ ok: true });
    expect(String(responses[8].error)).toMatch(/run 3/);
    expect(String(responses[9].error)).toMatch(/"run"/);
    expect(responses[10]).toMatchObject({ run: 0 });
  });

  it('reports go through the policy, and a stopped run counts at its best value so far', () => {
    const policy = { type: 'bandit', slackAmount: 0.1, evaluationInterval: 1, delayEvaluation: 0 };
    const { responses } = serve([
      { op: 'create', space: '{"x": choice(1, 2, 3)}', sampling: 'grid', goal: 'maximize', policy },
      { op: 'ask' },
      { op: 'ask' },
      { op: 'report', run: 0, value: 0.9 },
      { op: 'report', run: 1, value: 0.5 },
      { op: 'report', run: 0, value: 0.95 },
      { op: 'tell', run: 0 },
      { op: 'tell', run: 1, value: 0.1 },
      { op: 'best' },
    ]);
    expect(responses[3]).toEqual({ decision: 'continue' });
    expect(responses[4]).toMatchObject({ decision: 'stop', reason: expect.stringMatching(/0\.5/) });
    expect(responses[5]).toEqual({ decision: 'continue' });
    expect(responses[6]).toEqual({ ok: true });
    expect(responses[7]).toMatchObject({ ok: true, ignored: expect.any(String) });
    expect(responses[8]).toEqual({ run: 0, params: { x: 1 }, value: 0.95, status: 'completed' });
  });

  it('a failed run is not in the policy cohort (the scheduler\'s rule): its 0.9 stops nobody', () => {
    const policy = { type: 'bandit', slackAmount: 0.1, evaluationInterval: 1, delayEvaluation: 0 };
    const { responses } = serve([
      { op: 'create', space: '{"x": choice(1, 2, 3)}', sampling: 'grid', goal: 'maximize', policy },
      { op: 'ask' },
      { op: 'report', run: 0, value: 0.9 },
      { op: 'tell', run: 0, status: 'failed' },
      { op: 'ask' },
      { op: 'report', run: 1, value: 0.5 },
      { op: 'ask' },
      { op: 'report', run: 2, value: 0.3 },
    ]);
    expect(responses[3]).toEqual({ ok: true });
    expect(responses[5]).toEqual({ decision: 'continue' });
    // Run 1 (running, 0.5) is in run 2's cohort: bandit stops 0.3 against 0.5 with slack 0.1.
    expect(responses[7]).toMatchObject({ decision: 'stop', reason: expect.stringMatching(/0\.5/) });
  });

  it('prints its help with --help', () => {
    const result = spawnSync(process.execPath, [CLI, 'ask-tell', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/"op":"ask"/);
  });
});
