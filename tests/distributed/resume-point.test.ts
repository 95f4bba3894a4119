/**
 * Where a dead worker's run continues (integrations/optuna/resume_point.py) and what the export
 * keeps of a run in flight (export.py), on hand-made trials: only the intervals the study holds
 * whole, value and metrics. A worker killed after reporting an interval's value but before its
 * metrics attr was written leaves that interval out (met under load: a retry had no metrics for
 * interval 3, and an exported run in flight had a null val_accuracy at its last interval).
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
from resume_point import resume_point
from runs import stored_intervals
values, attrs = json.loads(sys.argv[3]), json.loads(sys.argv[4])
trial = create_trial(state=TrialState.FAIL, intermediate_values={k + 1: v for k, v in enumerate(values)}, user_attrs={"interval:%d" % k: {"loss": 1.0} for k in attrs})
trial.number = 0
print(json.dumps({"stored": stored_intervals(trial), "point": resume_point(sys.argv[2], trial)}))`;
  const done = spawnSync(PYTHON, ['-c', code, INTEGRATION, dir, JSON.stringify(values), JSON.stringify(attrs)], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout);
}

/** export.py's metrics of a trial in flight (or ended) with `values` reported and metrics attrs for `attrs`. */
function exportedMetrics(values: number[], attrs: number[], inFlight: boolean): Record<string, (number | null)[]> {
  const code = `
import sys, json
sys.path.insert(0, sys.argv[1])
from optuna.trial import TrialState, create_trial
import export
values, attrs = json.loads(sys.argv[2]), json.loads(sys.argv[3])
trial = create_trial(state=TrialState.FAIL, intermediate_values={k + 1: v for k, v in enumerate(values)}, user_attrs={"interval:%d" % k: {"loss": k / 10, "val_accuracy": values[k - 1]} for k in attrs})
print(json.dumps(export._metrics(trial, "val_accuracy", sys.argv[4] == "1")))`;
  const done = spawnSync(PYTHON, ['-c', code, INTEGRATION, JSON.stringify(values), JSON.stringify(attrs), inFlight ? '1' : '0'], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout);
}

describe('export of a run', () => {
  it('in flight keeps the intervals stored whole; an ended one keeps every reported value', () => {
    expect(exportedMetrics([0.5, 0.6, 0.7], [1, 2], true)).toEqual({ loss: [0.1, 0.2], val_accuracy: [0.5, 0.6] });
    expect(exportedMetrics([0.5, 0.6, 0.7], [1, 2], false)).toEqual({ loss: [0.1, 0.2, null], val_accuracy: [0.5, 0.6, 0.7] });
  });
});

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
