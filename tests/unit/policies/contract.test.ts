/**
 * The contract every policy keeps (STYLE.md "Contract suites"): no stop with an empty cohort, no
 * action off its schedule, the same decisions when the goal flips and the metric is negated (except
 * where the |b| rule of Bandit's factor form says otherwise), purity and determinism.
 */
import { describe, expect, it } from 'vitest';
import { createPolicy, shouldEvaluate, type Decision, type PolicyConfig, type RunCurve } from '../../../src/core/policies';
import type { Goal } from '../../../src/core/types';
import { createRng, type Rng } from '../../../src/core/rng';
import { negate } from './helpers';

const SCHEDULE = { evaluationInterval: 2, delayEvaluation: 3 };
const POLICIES: Record<string, PolicyConfig> = {
  'bandit slackFactor': { type: 'bandit', slackFactor: 0.1, ...SCHEDULE },
  'bandit slackAmount': { type: 'bandit', slackAmount: 0.05, ...SCHEDULE },
  medianStopping: { type: 'medianStopping', ...SCHEDULE },
  truncationSelection: { type: 'truncationSelection', truncationPercentage: 30, ...SCHEDULE },
  'truncationSelection excludeFinishedRuns': { type: 'truncationSelection', truncationPercentage: 40, excludeFinishedRuns: true, ...SCHEDULE },
  asha: { type: 'asha', minResource: 1, reductionFactor: 3, gracePeriod: 2 },
  'asha minResource 2, reductionFactor 2': { type: 'asha', minResource: 2, reductionFactor: 2 },
  hyperband: { type: 'hyperband', minResource: 1, maxResource: 12, reductionFactor: 2 },
  curveBound: { type: 'curveBound', slopeFactor: 1.25, ...SCHEDULE },
  'curveBound slopeFactor 0': { type: 'curveBound', slopeFactor: 0, ...SCHEDULE },
  none: { type: 'none' },
};

/** A noisy learning curve of `n` intervals around a level in [offset, offset + 1). */
function curve(rng: Rng, n: number, offset: number): number[] {
  const level = offset + rng.next();
  return Array.from({ length: n }, (_, i) => level * (1 - Math.exp(-(i + 1) / 3)) + 0.05 * rng.normal());
}

interface Scenario {
  readonly run: RunCurve;
  readonly cohort: RunCurve[];
}

/** Random scenarios: a run of 1..12 intervals, a cohort of 0..8 runs of all kinds and lengths. */
function scenarios(seed: number, count: number, offset = 0): Scenario[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, s) => {
    const n = 1 + rng.int(12);
    const cohort = Array.from({ length: rng.int(9) }, (_, i) => ({
      id: `r${i}`,
      values: curve(rng, 1 + rng.int(14), offset),
      finished: rng.next() < 0.5,
      prior: rng.next() < 0.2,
    }));
    return { run: { id: `run${s}`, values: curve(rng, n, offset), finished: false }, cohort };
  });
}

const action = (d: Decision) => d.action;

describe.each(Object.entries(POLICIES))('policy contract: %s', (_, config) => {
  const policy = createPolicy(config, 'metric');
  const all = [...scenarios(1, 400), ...scenarios(2, 400, -0.5), ...scenarios(3, 200, -2)];

  it('never stops with an empty cohort, or one of runs shorter than the interval', () => {
    for (const { run } of all) {
      for (const goal of ['maximize', 'minimize'] as const) {
        expect(policy.decide(run, [], goal)).toEqual({ action: 'continue' });
        const shorter = [{ id: 'short', values: run.values.slice(0, -1).map(() => 99), finished: true }];
        expect(policy.decide(run, shorter, goal)).toEqual({ action: 'continue' });
      }
    }
  });

  it('never acts off its schedule, and does act on it', () => {
    let stops = 0;
    for (const { run, cohort } of all) {
      for (const goal of ['maximize', 'minimize'] as const) {
        const d = policy.decide(run, cohort, goal);
        if (d.action === 'stop') {
          expect(shouldEvaluate(config, run.values.length)).toBe(true);
          stops++;
        }
      }
    }
    if (config.type === 'none') expect(stops).toBe(0);
    else expect(stops).toBeGreaterThan(20);
  });

  it('decides the same when the goal flips and the metric is negated (but Bandit slackFactor: see below)', () => {
    if (config.type === 'bandit' && config.slackFactor !== undefined) return;
    for (const { run, cohort } of all) {
      const max = policy.decide(run, cohort, 'maximize');
      const min = policy.decide(negate(run), cohort.map(negate), 'minimize');
      expect(action(min)).toBe(action(max));
    }
  });

  it('never stops the best run so far', () => {
    for (const { run, cohort } of all) {
      for (const goal of ['maximize', 'minimize'] as const) {
        const n = run.values.length;
        const best = (values: readonly number[]) => (goal === 'maximize' ? Math.max(...values) : Math.min(...values));
        const y = best(run.values);
        const others = cohort.filter((r) => r.values.length >= n).map((r) => best(r.values.slice(0, n)));
        const isBest = others.every((o) => (goal === 'maximize' ? y >= o : y <= o));
        if (isBest) expect(policy.decide(run, cohort, goal)).toEqual({ action: 'continue' });
      }
    }
  });

  it('is pure and deterministic: frozen inputs, the same answer twice', () => {
    for (const { run, cohort } of all.slice(0, 200)) {
      const frozenRun = Object.freeze({ ...run, values: Object.freeze([...run.values]) });
      const frozen = Object.freeze(cohort.map((r) => Object.freeze({ ...r, values: Object.freeze([...r.values]) })));
      const a = policy.decide(frozenRun, frozen, 'maximize');
      expect(policy.decide(frozenRun, frozen, 'maximize')).toEqual(a);
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    }
  });

  it('puts the metric name and the interval into every stop reason', () => {
    for (const { run, cohort } of all) {
      const d = policy.decide(run, cohort, 'minimize');
      if (d.action === 'stop') {
        expect(d.reason.startsWith('metric ')).toBe(true);
        expect(d.reason.endsWith(` at interval ${run.values.length}`)).toBe(true);
      }
    }
  });
});

describe('policy contract: the |b| rule is the one exception to the mirror', () => {
  const s = 0.5;
  const policy = createPolicy({ type: 'bandit', slackFactor: s }, 'metric');
  const decide = (goal: Goal, y: number, b: number) =>
    policy.decide({ id: 'run', values: [y], finished: false }, [{ id: 'best', values: [b], finished: true }], goal).action;

  it.each([
    // Maximize allows |b| * s / (1 + s) below b; minimize allows |b| * s above b, whatever b's sign.
    { b: 1, y: 0.6, max: 'stop', mirroredMin: 'continue' }, // 0.6 < 1 / 1.5 = 0.667; -0.6 <= -1 + 0.5
    { b: 1, y: 0.7, max: 'continue', mirroredMin: 'continue' },
    { b: 1, y: 0.4, max: 'stop', mirroredMin: 'stop' },
    { b: -1, y: -1.4, max: 'stop', mirroredMin: 'continue' }, // -1.4 < -1 - 1/3; 1.4 <= 1 * 1.5
    { b: -1, y: -1.3, max: 'continue', mirroredMin: 'continue' },
    { b: -1, y: -1.6, max: 'stop', mirroredMin: 'stop' },
  ])('b $b, y $y: maximize $max, negated minimize $mirroredMin', ({ b, y, max, mirroredMin }) => {
    expect(decide('maximize', y, b)).toBe(max);
    expect(decide('minimize', -y, -b)).toBe(mirroredMin);
  });

  it('differs only inside the band between the two thresholds, where maximize is the stricter', () => {
    const rng = createRng(7);
    let differing = 0;
    for (let i = 0; i < 5000; i++) {
      const b = 4 * rng.next() - 2;
      const y = b - 2 * Math.abs(b) * rng.next();
      const max = decide('maximize', y, b);
      const min = decide('minimize', -y, -b);
      if (max === min) continue;
      differing++;
      expect(max).toBe('stop');
      expect(y).toBeGreaterThanOrEqual(b - Math.abs(b) * s - 1e-9);
      expect(y).toBeLessThan(b - (Math.abs(b) * s) / (1 + s));
    }
    expect(differing).toBeGreaterThan(100);
  });
});
