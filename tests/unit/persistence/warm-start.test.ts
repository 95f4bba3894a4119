/** Warm start: parents' runs become priors; the Bayesian sampler and the policy cohort receive them. */
import { describe, expect, it } from 'vitest';
import { createPolicy, type Policy, type RunCurve } from '../../../src/core/policies';
import { createBayesianSampler, type SuggestRequest } from '../../../src/core/sampling';
import { createScheduler, getBestRunByPrimaryMetric, type SchedulerState } from '../../../src/core/scheduler';
import { choice, loguniform, quniform, qnormal, randint, uniform } from '../../../src/core/space';
import { experimentSpace } from '../../../src/core/experiment';
import { schedulerConfigOf } from '../../../src/runtime/prepare';
import { Recorder, createExperiment, expressionAllows, fitToSpace, loadWarmStart, type TabtuneDatabase } from '../../../src/persistence';
import { freshDb, runRecord, storedExperiment, testConfig } from './helpers';

/** A finished parent experiment with runs of the given params and primary values. */
async function parent(db: TabtuneDatabase, id: string, runs: { params: Record<string, number | string>; values: number[]; status?: 'completed' | 'stopped' | 'failed' }[], overrides = {}, status: 'completed' | 'canceled' | 'interrupted' = 'completed') {
  await storedExperiment(db, id, testConfig(overrides));
  const recorder = new Recorder({ db, experimentId: id, primaryMetricName: 'val_accuracy' });
  recorder.persist(
    runs.map((r, i) => runRecord(id, i, r.values, { params: r.params, status: r.status ?? 'completed', endedAt: 5 })),
    { experimentId: id, status, startedAt: 1, endedAt: 5, runCount: runs.length, failedCount: 0 },
  );
  await recorder.close();
}

describe('which parent runs fit the new space', () => {
  it('expressions allow exactly what they can produce', () => {
    expect(expressionAllows(choice(16, 32), 32)).toBe(true);
    expect(expressionAllows(choice(16, 32), 64)).toBe(false);
    expect(expressionAllows(choice('relu', 'tanh'), 'elu')).toBe(false);
    expect(expressionAllows(uniform(0.5, 1), 1)).toBe(true);
    expect(expressionAllows(uniform(0.5, 1), 1.01)).toBe(false);
    expect(expressionAllows(loguniform(-9, -2), 0.01)).toBe(true);
    expect(expressionAllows(loguniform(-9, -2), 0.5)).toBe(false);
    // q-forms round past the bounds (not clipped): quniform(0, 1.1, 0.3) reaches round(3.67) * 0.3.
    expect(expressionAllows(quniform(0, 1.1, 0.3), 1.2)).toBe(true);
    expect(expressionAllows(quniform(0, 1, 0.3), 1.2)).toBe(false);
    expect(expressionAllows(quniform(0, 1, 0.3), 0.5)).toBe(false);
    expect(expressionAllows(qnormal(0, 1, 0.5), -7.5)).toBe(true);
    expect(expressionAllows(randint(3), 3)).toBe(false);
    expect(expressionAllows(uniform(0, 1), Number.NaN)).toBe(false);
  });

  it('projects a parent run onto the new space; untuned hyperparameters must equal the new fixed values', () => {
    const space = experimentSpace({ space: '{"learning_rate": loguniform(-9, -2), "units": choice(16, 32)}' });
    expect(fitToSpace(space, {}, { learning_rate: 0.01, units: 32 }, {})).toEqual({ learning_rate: 0.01, units: 32 });
    // units was fixed in the parent, tuned now: the fixed value is what it ran with.
    expect(fitToSpace(space, {}, { learning_rate: 0.01 }, { units: 16 })).toEqual({ learning_rate: 0.01, units: 16 });
    expect(fitToSpace(space, {}, { learning_rate: 0.01 }, {})).toBeNull(); // default units 64 is not a choice
    // The parent tuned epochs, the new experiment fixes it at the default (20).
    expect(fitToSpace(space, {}, { learning_rate: 0.01, units: 16, epochs: 5 }, {})).toBeNull();
    expect(fitToSpace(space, {}, { learning_rate: 0.01, units: 16, epochs: 20 }, {})).toEqual({ learning_rate: 0.01, units: 16 });
    expect(fitToSpace(space, { epochs: 5 }, { learning_rate: 0.01, units: 16 }, { epochs: 5 })).toEqual({ learning_rate: 0.01, units: 16 });
  });
});

describe('loadWarmStart', () => {
  it('gives every parent run to the cohort and the fitting ones to the sampler, and says how many', async () => {
    const db = await freshDb();
    await parent(db, 'p1', [
      { params: { learning_rate: 0.01, units: 16 }, values: [0.6, 0.8] },
      { params: { learning_rate: 0.5, units: 16 }, values: [0.3], status: 'stopped' },
      { params: { learning_rate: 0.02, units: 32 }, values: [Number.NaN], status: 'failed' },
    ]);
    await parent(db, 'p2', [{ params: { learning_rate: 0.001, units: 32 }, values: [0.7] }], { primaryMetricName: 'val_loss' });
    const warm = await loadWarmStart(db, testConfig({ resumeFrom: ['p1', 'p2'] }));
    expect(warm.priors.map((p) => [p.id, p.status, p.inSpace, p.values])).toEqual([
      ['p1_0', 'completed', true, [0.6, 0.8]],
      ['p1_1', 'stopped', false, [0.3]],
      ['p1_2', 'failed', true, [Number.NaN]],
    ]);
    expect(warm.summary).toEqual({
      parents: [
        { id: 'p1', name: 'toy', runs: 3, fit: 2 },
        { id: 'p2', name: 'toy', runs: 1, fit: 0, note: 'not used: it minimizes "val_loss", this experiment maximizes "val_accuracy"' },
      ],
      cohortRuns: 2,
      samplerRuns: 2,
    });
  });

  it('refuses parents that are missing or not completed or canceled', async () => {
    const db = await freshDb();
    await parent(db, 'run', [], {}, 'interrupted');
    await expect(loadWarmStart(db, testConfig({ resumeFrom: ['gone'] }))).rejects.toThrow('"resumeFrom" names experiment "gone", which is not stored in this browser');
    await expect(loadWarmStart(db, testConfig({ resumeFrom: ['run'] }))).rejects.toThrow('"resumeFrom" experiment "run" is interrupted; a parent must be completed or canceled');
  });

  it('the Bayesian sampler receives the parents\u2019 runs, every policy counts them, and the best run can be a parent\u2019s', async () => {
    const db = await freshDb();
    const parentRuns = Array.from({ length: 6 }, (_, i) => ({
      params: { learning_rate: Math.exp(-8 + i), units: i % 2 === 0 ? 16 : 32 },
      values: [0.5 + i / 20, 0.55 + i / 20],
    }));
    await parent(db, 'p', parentRuns);
    const config = testConfig({ resumeFrom: ['p'], sampling: { type: 'bayesian', seed: 3 }, policy: { type: 'medianStopping', delayEvaluation: 0 }, maxTotalRuns: 2 });
    const prepared = await createExperiment(db, { id: 'child', config });
    expect(prepared.experiment.warmStart).toMatchObject({ samplerRuns: 6, cohortRuns: 6 });

    const requests: SuggestRequest[] = [];
    const bayesian = createBayesianSampler();
    const sampler = { type: bayesian.type, suggest: (request: SuggestRequest, rng: Parameters<typeof bayesian.suggest>[1]) => (requests.push(request), bayesian.suggest(request, rng)) };
    const cohorts: RunCurve[][] = [];
    const median = createPolicy(config.policy, config.primaryMetricName);
    const policy: Policy = { config: median.config, decide: (run, cohort, goal) => (cohorts.push([...cohort]), median.decide(run, cohort, goal)) };
    const scheduler = createScheduler({ space: experimentSpace(config), sampler, policy });
    let state: SchedulerState = scheduler.init(schedulerConfigOf(config, 'child', prepared.priors));
    [state] = scheduler.step(state, { type: 'start', at: 0 });
    [state] = scheduler.step(state, { type: 'workerFree', workerId: 'w', at: 0 });

    const priorObservations = requests[0].history.filter((o) => o.prior);
    expect(priorObservations).toHaveLength(6);
    expect(priorObservations.map((o) => o.params)).toEqual(parentRuns.map((r) => r.params));
    expect(priorObservations.map((o) => o.value)).toEqual(parentRuns.map((r) => r.values[1]));
    // With 6 observations the GP model proposes (not the space-filling design): the suggestion fits the space.
    const suggested = state.runs[0].params;
    expect([16, 32]).toContain(suggested.units);

    [state] = scheduler.step(state, { type: 'runLogged', runId: 'child_0', name: 'val_accuracy', value: 0.1, at: 1 });
    expect(cohorts[0].filter((c) => c.prior).map((c) => c.id)).toEqual(parentRuns.map((_, i) => `p_${i}`));
    expect(state.runs[0].ending?.status).toBe('stopped');

    const best = getBestRunByPrimaryMetric(state.runs, 'maximize', 'val_accuracy', { includeResumeFromRuns: true }, prepared.priors);
    expect(best).toMatchObject({ kind: 'prior', run: { id: 'p_5' }, value: 0.8, interval: 2 });
    const own = getBestRunByPrimaryMetric(state.runs, 'maximize', 'val_accuracy', { includeResumeFromRuns: false }, prepared.priors);
    expect(own).toMatchObject({ kind: 'run', run: { id: 'child_0' } });
  });
});
