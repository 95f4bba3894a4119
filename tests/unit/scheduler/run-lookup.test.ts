/**
 * The carried lookups (run-lookup.ts) and what runs.ts derives with them must answer exactly as a
 * walk over every run does, whatever sequence of changes made the array: replaced and added runs,
 * runs leaving flight, failing, asked to fail, and arrays branched from an older state.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { bestOf } from '../../../src/core/goal';
import { positionOfRun, runById, runsInFlight, withRunAdded, withRunReplaced } from '../../../src/core/scheduler/run-lookup';
import { inFlight, policyInputs, samplerHistory } from '../../../src/core/scheduler/runs';
import type { RunRecord, SchedulerConfig } from '../../../src/core/scheduler/types';
import type { RunStatus } from '../../../src/core/types';

const METRIC = 'val_accuracy';
const config: SchedulerConfig = {
  experimentId: 'e',
  primaryMetricName: METRIC,
  goal: 'maximize',
  seed: 1,
  maxTotalRuns: 1000,
  priors: [
    { id: 'p_0', params: { lr: 0.5 }, status: 'completed', values: [0.4, 0.6] },
    { id: 'p_1', params: { lr: 0.9 }, status: 'failed', values: [Number.NaN] },
  ],
};

function record(index: number, status: RunStatus, values: number[]): RunRecord {
  return { id: `e_${index}`, experimentId: 'e', index, params: { lr: index / 100 }, status, queuedAt: 0, metrics: { [METRIC]: values, loss: [1] }, intervals: values.length };
}

const inFlightStatus = (s: RunStatus) => s === 'queued' || s === 'running';

/** The walks the lookups replace, as they were. */
const reference = {
  find: (runs: readonly RunRecord[], id: string) => runs.find((r) => r.id === id),
  inFlight: (runs: readonly RunRecord[]) => runs.filter((r) => inFlightStatus(r.status)),
  cohort: (runs: readonly RunRecord[], run: RunRecord) => [
    { id: 'p_0', values: [0.4, 0.6], finished: true, prior: true },
    ...runs
      .filter((o) => o.id !== run.id && o.status !== 'failed' && o.ending?.status !== 'failed')
      .map((o) => ({ id: o.id, values: o.metrics[METRIC] ?? [], finished: !inFlightStatus(o.status) })),
  ],
  history: (runs: readonly RunRecord[]) => [
    { params: { lr: 0.5 }, status: 'completed', value: 0.6, prior: true },
    { params: { lr: 0.9 }, status: 'failed', value: null, prior: true },
    ...runs
      .filter((r) => !inFlightStatus(r.status))
      .map((r) => ({ params: r.params, status: r.status, value: r.status === 'failed' ? null : bestOf(r.metrics[METRIC] ?? [], 'maximize') })),
  ],
};

/** One random change to `runs`: a new run, a log, an end, a failure, a request to fail or a re-queue. */
function change(runs: readonly RunRecord[], rng: ReturnType<typeof createRng>): readonly RunRecord[] {
  const roll = rng.next();
  // A resumed run waits again for a worker: an ended run back in flight.
  if (roll > 0.97 && runs.length > 0 && !inFlightStatus(runs[0].status)) return withRunReplaced(runs, { ...runs[0], status: 'queued' });
  if (runs.length === 0 || roll < 0.2) return withRunAdded(runs, record(runs.length, rng.next() < 0.8 ? 'queued' : 'completed', []));
  const old = runs[Math.floor(rng.next() * runs.length)];
  const values = old.metrics[METRIC] ?? [];
  let next: RunRecord;
  if (roll < 0.6) next = { ...old, status: inFlightStatus(old.status) ? 'running' : old.status, metrics: { ...old.metrics, [METRIC]: [...values, rng.next()] } };
  else if (roll < 0.75) next = { ...old, status: 'completed' };
  else if (roll < 0.85) next = { ...old, status: 'failed' };
  else if (roll < 0.93) next = { ...old, ending: { status: 'failed', reason: 'NaN' } };
  else next = { ...old, status: 'stopped' };
  return withRunReplaced(runs, next);
}

function expectSameAsWalks(runs: readonly RunRecord[]): void {
  for (const run of runs) {
    expect(runById(runs, run.id)).toBe(reference.find(runs, run.id));
    expect(positionOfRun(runs, run.id)).toBe(runs.indexOf(run));
  }
  expect(runById(runs, 'e_9999')).toBeUndefined();
  expect(runsInFlight(runs)).toEqual(reference.inFlight(runs));
  expect(inFlight({ config, runs })).toEqual(reference.inFlight(runs));
  for (const run of runs) {
    const inputs = policyInputs({ config, runs }, run);
    expect(inputs.cohort).toEqual(reference.cohort(runs, run));
    expect(inputs.run).toEqual({ id: run.id, values: run.metrics[METRIC] ?? [], finished: !inFlightStatus(run.status) });
  }
  expect(samplerHistory({ config, runs })).toEqual(reference.history(runs));
}

describe('carried run lookups', () => {
  it('answer as a walk over every run after each of 400 random changes', () => {
    const rng = createRng(11, 0);
    let runs: readonly RunRecord[] = [];
    for (let step = 0; step < 400; step++) {
      runs = change(runs, rng);
      // Ask on most arrays so their values are carried, but not all: some arrays are worked out fresh.
      if (rng.next() < 0.8) expectSameAsWalks(runs);
    }
    expectSameAsWalks(runs);
    expect(runs.length).toBeGreaterThan(50);
  });

  it('keep an older state right after newer states branched from it', () => {
    const rng = createRng(12, 0);
    let base: readonly RunRecord[] = [];
    for (let i = 0; i < 30; i++) base = change(base, rng);
    expectSameAsWalks(base);
    // Two branches from the same state add different runs at the same position and change others.
    let left = withRunAdded(base, { ...record(base.length, 'running', [0.1]), id: 'left' });
    let right = withRunAdded(base, { ...record(base.length, 'queued', []), id: 'right' });
    for (let i = 0; i < 20; i++) {
      left = change(left, rng);
      right = change(right, rng);
    }
    expectSameAsWalks(left);
    expectSameAsWalks(right);
    expectSameAsWalks(base);
    expect(runById(left, 'right')).toBeUndefined();
    expect(runById(right, 'left')).toBeUndefined();
  });

  it('leave an array alone when the replaced run is not in it', () => {
    const runs = withRunAdded([], record(0, 'running', [0.5]));
    expect(withRunReplaced(runs, record(5, 'completed', [0.9]))).toBe(runs);
  });
});
