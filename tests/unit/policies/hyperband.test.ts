import { describe, expect, it } from 'vitest';
import { createPolicy, type RunCurve } from '../../../src/core/policies';
import { bracketBudgets, bracketCount, bracketOf } from '../../../src/core/policies/hyperband';
import { finished, flat, prior, running } from './helpers';

// minResource 1, maxResource 9, reductionFactor 3: B = 3 brackets, first rungs 1, 3, 9, budgets
// ceil(3 * 9 / 3) = 9, ceil(3 * 3 / 2) = 5, ceil(3 * 1 / 1) = 3 (of 17). By fnv1a(id) mod 17:
// bracket 0 holds "run", "a", "b", bracket 1 holds "c", "g", bracket 2 holds "d".
const config = { type: 'hyperband' as const, minResource: 1, maxResource: 9, reductionFactor: 3 };
const policy = createPolicy(config, 'val_loss');
const outcome = (id: string, values: readonly number[], cohort: readonly RunCurve[]) => {
  const d = policy.decide(running(id, values), cohort, 'minimize');
  return d.action === 'stop' ? d.reason : 'continue';
};

describe('Hyperband: brackets as Optuna assigns them', () => {
  it.each([
    [{ ...config }, 3, [9, 5, 3]],
    [{ ...config, maxResource: 52 }, 4, [27, 12, 6, 4]],
    [{ ...config, maxResource: 8 }, 2, [3, 2]],
    [{ ...config, minResource: 4, maxResource: 4 }, 1, [1]],
  ])('%j: %i brackets, budgets %j', (c, count, budgets) => {
    expect(bracketCount(c)).toBe(count);
    expect(bracketBudgets(c)).toEqual(budgets);
  });

  it('places the ids of the table below', () => {
    const budgets = bracketBudgets(config);
    expect(['run', 'a', 'b', 'c', 'g', 'd'].map((id) => bracketOf(id, budgets))).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('spreads runs over brackets in proportion to the budgets', () => {
    const budgets = bracketBudgets({ ...config, maxResource: 52 });
    const counts = [0, 0, 0, 0];
    for (let i = 1; i <= 4900; i++) counts[bracketOf(String(i), budgets)]++;
    counts.forEach((n, s) => expect(Math.abs(n / 4900 - budgets[s] / 49)).toBeLessThan(0.03));
  });
});

describe('Hyperband: ASHA within a bracket', () => {
  it.each([
    ['bracket 0 at rung 1: against its bracket only (c is in bracket 1)', 'run', flat(0.5, 1), [finished('a', [0.4]), finished('c', [0.1])], 'val_loss 0.5 > 0.4 = the 1st best of 2 runs at bracket 0, rung 1 (the best max(1, floor(2 / 3)) = 1 go on) at interval 1'],
    ['bracket 1 is not judged at rung 1', 'c', flat(0.9, 1), [finished('a', [0.1]), finished('g', [0.1])], 'continue'],
    ['bracket 1 at rung 3: only g counts, not a', 'c', flat(0.3, 3), [finished('g', flat(0.2, 3)), finished('a', flat(0.1, 3))], 'val_loss 0.3 > 0.2 = the 1st best of 2 runs at bracket 1, rung 3 (the best max(1, floor(2 / 3)) = 1 go on) at interval 3'],
    ['bracket 1 at rung 3, best of its bracket: continues', 'c', flat(0.15, 3), [finished('g', flat(0.2, 3)), finished('a', flat(0.1, 3))], 'continue'],
    ['bracket 2 alone at rung 9: empty bracket, continues', 'd', flat(0.9, 9), [finished('a', flat(0.1, 9)), finished('c', flat(0.1, 9))], 'continue'],
    ['runs of warm-start parents count in every bracket', 'd', flat(0.9, 9), [prior('a', flat(0.1, 9))], 'val_loss 0.9 > 0.1 = the 1st best of 2 runs at bracket 2, rung 9 (the best max(1, floor(2 / 3)) = 1 go on) at interval 9'],
    ['no rung above maxResource (27)', 'run', flat(0.9, 27), [finished('a', flat(0.1, 30))], 'continue'],
  ] as const)('%s', (_, id, values, cohort, expected) => {
    expect(outcome(id, values, cohort)).toBe(expected);
  });
});
