import { describe, expect, it } from 'vitest';
import { medianRatio, pairBySeed, renderReport, type Results } from '../../bench/sampling/report';

const seeds = Array.from({ length: 30 }, (_, i) => 10 ** (-8 + (i * 7) / 29));

/** The report of 30 seeds of Branin, sequentially and with 4 in flight, without timings. */
const braninReport = (results: Results) =>
  renderReport({
    results,
    seeds: 30,
    runs: 100,
    inFlight: [1, 4],
    functions: ['Branin'],
    times: { tabtune100: [], tabtune1000: [], optuna100: [], optuna1000: [] },
    seconds: 1,
  });

describe('the sampling benchmark report', () => {
  it('gives a ratio of medians an interval from a bootstrap paired by seed', () => {
    expect(medianRatio(seeds, seeds)).toEqual({ ratio: 1, low: 1, high: 1 });
    // Every seed twice as far: paired, every resample says 2 (unpaired, the spread over seven
    // orders of magnitude would make the interval wide).
    const doubled = medianRatio(seeds, seeds.map((v) => 2 * v));
    expect(doubled.ratio).toBeCloseTo(2, 12);
    expect(doubled.low).toBeCloseTo(2, 12);
    expect(doubled.high).toBeCloseTo(2, 12);
    // The same values, but not the same seeds: equal medians, and an interval that says how little
    // 30 seeds of such a spread pin the ratio down.
    const shuffled = medianRatio(seeds, [...seeds].reverse());
    expect(shuffled.ratio).toBe(1);
    expect(shuffled.low).toBeLessThan(0.3);
    expect(shuffled.high).toBeGreaterThan(3);
    expect(medianRatio(seeds, [...seeds].reverse())).toEqual(shuffled);
  });

  it('pairs values by seed and leaves out seeds run on one side only', () => {
    const base = [1, 2, 3].map((seed) => ({ seed, value: seed * 10 }));
    const other = [4, 3, 1].map((seed) => ({ seed, value: seed }));
    expect(pairBySeed(base, other)).toEqual([
      [10, 30],
      [1, 3],
    ]);
  });

  it('prints the interval beside each in-flight ratio', () => {
    const cells = (scale: number) => seeds.map((v, i) => ({ regret: scale * v, seed: i + 1 }));
    // Listed in another order than the sequential runs: paired by seed, not by position.
    const report = braninReport({ 'tabtune bayesian|1|Branin': cells(1), 'tabtune bayesian|4|Branin': cells(3).reverse() });
    expect(report).toContain('(3.0x, 3.0-3.0)');
    expect(report).toMatch(/NOT MET +regret with 4 in flight/);
  });

  it('says "not measured" for every target when tabtune did not run (--no-tabtune)', () => {
    const cells = seeds.map((v, i) => ({ regret: v, seed: i + 1 }));
    const report = braninReport({ 'optuna tpe|1|Branin': cells, 'optuna tpe|4|Branin': cells, 'optuna random|1|Branin': cells, 'optuna cmaes|1|Branin': cells });
    const targets = report.slice(report.indexOf('Targets'));
    expect(targets.match(/^not measured /gm)).toHaveLength(3);
    expect(targets).not.toMatch(/MET/);
    expect(report).toContain('| Branin   | -                   | -                   | 0.000033      | 0.000033 (1.0x, 1.0-1.0) |');
  });
});
