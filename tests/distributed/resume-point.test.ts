/**
 * Where a dead worker's run continues (integrations/optuna/resume_point.py), on hand-made failed
 * trials: the latest checkpoint of an interval the study holds whole, value and metrics. A worker
 * killed after reporting an interval's value but before its metrics attr was written leaves that
 * interval out (the kill test met this under load: the retry had no metrics for interval 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON } from './support/postgres';
import { INTEGRATION } from './support/workers';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-resume-point-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const [name, interval] of [['last', 3], ['previous', 2]] as const) {
  mkdirSync(join(dir, 'run-0', name), { recursive: true });
  writeFileSync(join(dir, 'run-0', name, 'checkpoint.json'), JSON.stringify({ interval }));
}

/** resume_point's answer for a failed run 0 with `values` reported and metrics attrs for `attrs`. */
function resumePoint(values: number[], attrs: number[]): { stored: number; point: [string, number] | null } {
  const code = `
import sys, json
sys.path.insert(0, sys.argv[1])
from optuna.trial import TrialState, create_trial
from resume_point import resume_point, stored_intervals
values, attrs = json.loads(sys.argv[3]), json.loads(sys.argv[4])
trial = create_trial(state=TrialState.FAIL, intermediate_values={k + 1: v for k, v in enumerate(values)}, user_attrs={"interval:%d" % k: {"loss": 1.0} for k in attrs})
trial.number = 0
print(json.dumps({"stored": stored_intervals(trial), "point": resume_point(sys.argv[2], trial)}))`;
  const done = spawnSync(PYTHON, ['-c', code, INTEGRATION, dir, JSON.stringify(values), JSON.stringify(attrs)], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout);
}

describe('resume_point', () => {
  it('continues from the latest checkpoint of an interval stored whole', () => {
    expect(resumePoint([0.5, 0.6, 0.7], [1, 2, 3])).toEqual({ stored: 3, point: [join(dir, 'run-0', 'last'), 3] });
    // Interval 3's value is there, its metrics are not: the checkpoint of 2.
    expect(resumePoint([0.5, 0.6, 0.7], [1, 2])).toEqual({ stored: 2, point: [join(dir, 'run-0', 'previous'), 2] });
    // The study is behind both checkpoints: no resume point (the retry starts from scratch).
    expect(resumePoint([0.5, 0.6, 0.7], [1])).toEqual({ stored: 1, point: null });
    expect(resumePoint([0.5], [1, 2, 3])).toEqual({ stored: 1, point: null });
  });
});
