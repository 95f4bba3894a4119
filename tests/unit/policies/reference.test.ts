/**
 * An independent brute-force reading of SPEC section 4 (and the README's "Reference: Policies"
 * choices), compared decision by decision with the real policies on seeded generated experiments.
 * It is deliberately naive (slices, sorts, counts) and imports nothing from src/core/policies but
 * the public createPolicy it checks, so a shared helper cannot hide a shared mistake.
 */
import { describe, expect, it } from 'vitest';
import { createPolicy, type PolicyConfig, type RunCurve } from '../../../src/core/policies';
import { createRng, type Rng } from '../../../src/core/rng';
import type { Goal } from '../../../src/core/types';

type Action = 'stop' | 'continue';

/** SPEC: act at N when N is a multiple of evaluationInterval (0 means 1) and N >= delayEvaluation. */
function referenceActs(config: PolicyConfig, n: number): boolean {
  // HyperDrive's policies only; ASHA and Hyperband act at rungs (their own tests).
  if (config.type === 'none' || config.type === 'asha' || config.type === 'hyperband') return false;
  const every = config.evaluationInterval || 1;
  return n >= 1 && n % every === 0 && n >= (config.delayEvaluation ?? 0);
}

/** y(r, N): best of intervals 1..N. */
const bestOf = (values: readonly number[], n: number, goal: Goal) =>
  goal === 'maximize' ? Math.max(...values.slice(0, n)) : Math.min(...values.slice(0, n));

/** a(r, N): mean of intervals 1..N. */
const meanOf = (values: readonly number[], n: number) => values.slice(0, n).reduce((s, v) => s + v, 0) / n;

/** README: within 1e-12 (relative) of a computed threshold is a tie, and a tie never stops. */
function worseThanThreshold(y: number, threshold: number, goal: Goal): boolean {
  if (Math.abs(y - threshold) <= 1e-12 * Math.max(Math.abs(y), Math.abs(threshold))) return false;
  return goal === 'maximize' ? y < threshold : y > threshold;
}

/** SPEC cohort at N: other runs with >= N intervals (priors too), NaN ones left out (README). */
function referenceCohort(run: RunCurve, others: readonly RunCurve[], n: number, excludeFinished: boolean): RunCurve[] {
  return others.filter(
    (o) =>
      o !== run &&
      !(o.id === run.id && !o.prior) &&
      o.values.length >= n &&
      o.values.slice(0, n).every(Number.isFinite) &&
      !(excludeFinished && (o.finished || o.prior)),
  );
}

function referenceBandit(config: Extract<PolicyConfig, { type: 'bandit' }>, y: number, ys: number[], goal: Goal): Action {
  const b = goal === 'maximize' ? Math.max(y, ...ys) : Math.min(y, ...ys);
  let threshold: number;
  if (config.slackAmount !== undefined) threshold = goal === 'maximize' ? b - config.slackAmount : b + config.slackAmount;
  else {
    const s = config.slackFactor ?? 0;
    if (b > 0) threshold = goal === 'maximize' ? b / (1 + s) : b * (1 + s);
    else threshold = goal === 'maximize' ? b - (Math.abs(b) * s) / (1 + s) : b + Math.abs(b) * s;
  }
  return worseThanThreshold(y, threshold, goal) ? 'stop' : 'continue';
}

function referenceMedian(y: number, means: number[], goal: Goal): Action {
  const sorted = [...means].sort((p, q) => p - q);
  const half = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  return worseThanThreshold(y, median, goal) ? 'stop' : 'continue';
}

/** Among the k worst, and not tied with any run outside them: every run outside them is strictly better. */
function referenceTruncation(pct: number, y: number, ys: number[], goal: Goal): Action {
  const count = ys.length + 1;
  const k = Math.floor((count * pct) / 100);
  const strictlyBetter = ys.filter((v) => (goal === 'maximize' ? v > y : v < y)).length;
  return k > 0 && strictlyBetter >= count - k ? 'stop' : 'continue';
}

/** The whole of SPEC section 4 for `run`, which has just logged interval run.values.length. */
function referenceDecide(config: PolicyConfig, run: RunCurve, others: readonly RunCurve[], goal: Goal): Action {
  const n = run.values.length;
  if (!referenceActs(config, n) || !run.values.every(Number.isFinite)) return 'continue';
  const exclude = config.type === 'truncationSelection' && config.excludeFinishedRuns === true;
  const cohort = referenceCohort(run, others, n, exclude);
  if (cohort.length === 0) return 'continue';
  const y = bestOf(run.values, n, goal);
  const ys = cohort.map((o) => bestOf(o.values, n, goal));
  if (config.type === 'bandit') return referenceBandit(config, y, ys, goal);
  if (config.type === 'medianStopping') return referenceMedian(y, cohort.map((o) => meanOf(o.values, n)), goal);
  if (config.type === 'truncationSelection') return referenceTruncation(config.truncationPercentage, y, ys, goal);
  return 'continue';
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];

/** One curve of 1..12 intervals: a random walk, a plateau, or values from a tiny set (ties). */
function generatedValues(rng: Rng, offset: number): number[] {
  const length = 1 + rng.int(12);
  const kind = rng.int(3);
  let level = offset + rng.uniform(-1, 1);
  return Array.from({ length }, (_, i) => {
    if (kind === 0) level += 0.1 * rng.normal();
    else if (kind === 1 && i < 3) level += 0.2 * rng.next();
    else if (kind === 2) level = offset + pick(rng, [-0.2, 0, 0.2, 0.4, 0.6, 0.8]);
    return rng.next() < 0.02 ? pick(rng, [NaN, Infinity]) : level;
  });
}

function generatedConfig(rng: Rng): PolicyConfig {
  const schedule = { evaluationInterval: rng.int(4), delayEvaluation: rng.int(7) };
  switch (rng.int(4)) {
    case 0:
      return { type: 'bandit', slackFactor: pick(rng, [0, 0.1, 0.2, 0.25, 0.5, 1]), ...schedule };
    case 1:
      return { type: 'bandit', slackAmount: pick(rng, [0, 0.05, 0.1, 0.2, 0.4]), ...schedule };
    case 2:
      return { type: 'medianStopping', ...schedule };
    default:
      return { type: 'truncationSelection', truncationPercentage: 1 + rng.int(99), excludeFinishedRuns: rng.next() < 0.5, ...schedule };
  }
}

/** An experiment: 2..9 runs (some finished), 0..3 warm-start priors (which may reuse run ids). */
function generatedRuns(rng: Rng, offset: number): RunCurve[] {
  const runs = Array.from({ length: 2 + rng.int(8) }, (_, i) => ({
    id: `r${i}`,
    values: generatedValues(rng, offset),
    finished: rng.next() < 0.5,
  }));
  const priors = Array.from({ length: rng.int(4) }, (_, i) => ({
    id: `r${i}`,
    values: generatedValues(rng, offset),
    finished: true,
    prior: true,
  }));
  return [...runs, ...priors];
}

describe('the policies agree with a brute-force reading of SPEC section 4', () => {
  it('decision by decision on seeded random walks, plateaus, ties and negative values, both goals', () => {
    const rng = createRng(20261202);
    const counts = { stop: 0, continue: 0 };
    const disagreements: string[] = [];
    for (let e = 0; e < 1500; e++) {
      const config = generatedConfig(rng);
      const goal: Goal = rng.next() < 0.5 ? 'maximize' : 'minimize';
      const runs = generatedRuns(rng, pick(rng, [0, 0.5, -1, -5]));
      const policy = createPolicy(config, 'm');
      for (const full of runs.filter((r) => !r.prior)) {
        for (let n = 1; n <= full.values.length; n++) {
          // The run as it is at interval n; the others as they are now (longer or shorter), itself included.
          const run = { ...full, values: full.values.slice(0, n), finished: false };
          const expected = referenceDecide(config, run, runs, goal);
          const actual = policy.decide(run, runs, goal).action;
          counts[expected]++;
          if (actual !== expected) disagreements.push(`${JSON.stringify({ config, goal, run, runs })}: ${actual}, reference ${expected}`);
        }
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The sweep means something only when both outcomes occur often.
    expect(counts.stop).toBeGreaterThan(1000);
    expect(counts.continue).toBeGreaterThan(1000);
  });
});
