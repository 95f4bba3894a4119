/**
 * `tabtune replay` end to end: the real CLI in a child process, curves from files in the forms the
 * help lists, one JSON object per run then the summary, and exit code 2 for bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../src/cli/tabtune.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tabtune-replay-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function tabtune(...args: string[]): { lines: Record<string, unknown>[]; status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [CLI, 'replay', ...args], { encoding: 'utf8', timeout: 60_000 });
  const lines = result.status === 0 ? result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  return { lines, status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const MEDIAN = '{"type":"medianStopping","evaluationInterval":1,"delayEvaluation":2}';
const curves = {
  goal: 'maximize',
  primaryMetricName: 'val_accuracy',
  runs: [
    { id: 'a', values: [0.3, 0.5, 0.6, 0.7] },
    { id: 'b', values: [0.1, 0.2, 0.2, 0.3] },
    { id: 'c', values: [0.4, 0.6, 0.7, 0.8] },
  ],
};

describe('tabtune replay', () => {
  it('--list-policies prints one JSON line per policy type, tabtune\'s own marked recommended', () => {
    const { lines, status } = tabtune('--list-policies');
    expect(status).toBe(0);
    expect(lines.map((l) => l.type)).toEqual(['curveBound', 'asha', 'hyperband', 'medianStopping', 'truncationSelection', 'bandit', 'none']);
    expect(lines.filter((l) => l.recommended === true).map((l) => l.type)).toEqual(['curveBound']);
    expect(lines[1]).toMatchObject({ defaults: { minResource: 1, reductionFactor: 3, gracePeriod: 0 } });
    for (const line of lines) expect(typeof line.summary).toBe('string');
  });

  it.each(['{"type":"asha"}', '{"type":"hyperband","maxResource":4}', '{"type":"curveBound"}'])('replays %s', (policy) => {
    const { lines, status } = tabtune('--curves', file('plain.json', curves), '--policy', policy, '--concurrency', '2');
    expect(status).toBe(0);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ bestWithPolicy: 0.8, bestWithout: 0.8 });
  });

  it('names the key, the rule and the value of a bad ASHA setting', () => {
    const { status, stderr } = tabtune('--curves', file('plain.json', curves), '--policy', '{"type":"asha","reductionFactor":1}');
    expect(status).toBe(2);
    expect(stderr).toContain('policy "asha": "reductionFactor" must be an integer >= 2 (got 1)');
  });

  it('prints one object per run, then the summary', () => {
    const { lines, status } = tabtune('--curves', file('plain.json', curves), '--policy', MEDIAN);
    expect(status).toBe(0);
    expect(lines).toEqual([
      { id: 'a', stoppedAt: null, intervalsRun: 4, reason: null },
      { id: 'b', stoppedAt: 2, intervalsRun: 2, reason: 'val_accuracy 0.2 < 0.4 = median of the means over intervals 1..2 of 1 other run at interval 2' },
      { id: 'c', stoppedAt: null, intervalsRun: 4, reason: null },
      { intervalsSaved: 2 / 12, bestWithPolicy: 0.8, bestWithout: 0.8 },
    ]);
  });

  it('--goal overrides the file, --concurrency runs side by side', () => {
    const { lines, status } = tabtune('--curves', file('plain.json', curves), '--policy', '{"type":"bandit","slackAmount":0.05}', '--goal', 'minimize', '--concurrency', '3');
    expect(status).toBe(0);
    // Minimizing, all three start at once. c logs after b, so at interval 1 it meets b's 0.1 and
    // stops (0.4 > 0.1 + 0.05). a always logs before b: at a's interval N, b has only N - 1
    // intervals, so b is never in a's cohort and a completes although it is worse than b.
    expect(lines.slice(0, 3).map((l) => l.stoppedAt)).toEqual([null, null, 1]);
    expect(lines[2].reason).toBe('val_accuracy 0.4 > 0.15 = 0.1 + 0.05 at interval 1');
    expect(lines[3]).toMatchObject({ bestWithPolicy: 0.1, bestWithout: 0.1 });
  });

  it('reads an exported experiment: {"experiment", "runs"} with metrics per run', () => {
    const exported = {
      experiment: { primaryMetricName: 'val_loss', primaryMetricGoal: 'minimize' },
      runs: [
        { id: 'r1', status: 'completed', metrics: { val_loss: [0.9, 0.5, 0.4], loss: [1, 0.6, 0.5] } },
        { id: 'r2', status: 'failed', metrics: { val_loss: [0.8, null] } },
        { id: 'r3', status: 'failed', metrics: { loss: [1] } },
        { id: 'r4', status: 'completed', metrics: { val_loss: [1.5, 1.4, 1.3] } },
      ],
    };
    const { lines, status } = tabtune('--curves', file('export.json', exported), '--policy', '{"type":"bandit","slackFactor":0.1}');
    expect(status).toBe(0);
    expect(lines).toEqual([
      { id: 'r1', stoppedAt: null, intervalsRun: 3, reason: null },
      { id: 'r2', stoppedAt: null, intervalsRun: 1, reason: null },
      { id: 'r4', stoppedAt: 1, intervalsRun: 1, reason: 'val_loss 1.5 > 0.88 = 0.8 * (1 + 0.1) at interval 1' },
      { intervalsSaved: 2 / 7, bestWithPolicy: 0.4, bestWithout: 0.4 },
    ]);
  });

  it('reads the folder of `tabtune run --out`: runs.json with experiment.json beside it', () => {
    file('out/experiment.json', { primaryMetricName: 'acc', primaryMetricGoal: 'maximize' });
    file('out/runs.json', [
      { id: 'x', metrics: { acc: [0.9, 0.9], loss: [0.1, 0.1] } },
      { id: 'y', metrics: { acc: [0.1, 0.1], loss: [0.9, 0.9] } },
    ]);
    const policy = '{"type":"truncationSelection","truncationPercentage":50}';
    const byDir = tabtune('--curves', join(dir, 'out'), '--policy', policy);
    const byFile = tabtune('--curves', join(dir, 'out/runs.json'), '--policy', policy);
    expect(byDir.status).toBe(0);
    expect(byDir.lines[1]).toEqual({ id: 'y', stoppedAt: 1, intervalsRun: 1, reason: 'acc 0.1 < 0.9 = the value ranked 2 from the worst of 2 runs, so it is among the 1 worst (50%) at interval 1' });
    expect(byFile.lines).toEqual(byDir.lines);
  });

  it.each([
    ['a policy that breaks a rule', ['--curves', 'plain.json', '--policy', '{"type":"bandit","slackFactor":0.2,"slackAmount":0.1}'], 'needs exactly one of the two'],
    ['a policy that is not JSON', ['--curves', 'plain.json', '--policy', '{type:bandit}'], '--policy: not valid JSON'],
    ['a missing file', ['--curves', 'nope.json', '--policy', MEDIAN], 'cannot read'],
    ['a file that is not JSON', ['--curves', 'broken.json', '--policy', MEDIAN], 'is not valid JSON'],
    ['values that are not numbers', ['--curves', 'strings.json', '--policy', MEDIAN], 'run "a": "values" must be a non-empty array of finite numbers'],
    ['no goal anywhere', ['--curves', 'nogoal.json', '--policy', MEDIAN], 'pass --goal maximize or --goal minimize'],
    ['a bad --goal', ['--curves', 'plain.json', '--policy', MEDIAN, '--goal', 'up'], 'option "--goal" must be maximize or minimize (got "up")'],
    ['a bad --concurrency', ['--curves', 'plain.json', '--policy', MEDIAN, '--concurrency', '0'], 'option "--concurrency" must be an integer in 1..1000 (got "0")'],
    ['no --policy', ['--curves', 'plain.json'], 'missing required option "--policy"'],
    ['duplicate run ids', ['--curves', 'dupes.json', '--policy', MEDIAN], 'run id "a" appears twice'],
  ])('exits 2 with a clear message for %s', (_, args, message) => {
    file('broken.json', '{"runs": [');
    file('strings.json', { goal: 'maximize', runs: [{ id: 'a', values: ['0.5'] }] });
    file('nogoal.json', { runs: [{ id: 'a', values: [0.5] }] });
    file('dupes.json', { goal: 'maximize', runs: [{ id: 'a', values: [0.5] }, { id: 'a', values: [0.6] }] });
    const resolved = args.map((a) => (a.endsWith('.json') ? join(dir, a) : a));
    const { status, stderr, stdout } = tabtune(...resolved);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('--help lists the accepted forms of FILE', () => {
    const result = spawnSync(process.execPath, [CLI, 'replay', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    for (const text of ['--curves FILE', '"runs":[{"id":"a","values"', '"experiment"', 'runs.json', 'experiment.json', '--concurrency']) {
      expect(result.stdout).toContain(text);
    }
  });
});
