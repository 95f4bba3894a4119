import { describe, expect, it } from 'vitest';
import { medianRatio, renderReport } from '../../bench/sampling/report';

const seeds = Array.from({ length: 30 }, (_, i) => 10 ** (-8 + (i * 7) / 29));

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

  it('prints the interval beside each in-flight ratio', () => {
    const cells = (scale: number) => seeds.map((v) => ({ regret: scale * v }));
    const report = renderReport({
      results: { 'tabtune bayesian|1|Branin': cells(1), 'tabtune bayesian|4|Branin': cells(3) },
      seeds: 30,
      runs: 100,
      inFlight: [1, 4],
      functions: ['Branin'],
      times: { tabtune100: [], tabtune1000: [], optuna100: [], optuna1000: [] },
      seconds: 1,
    });
    expect(report).toContain('(3.0x, 3.0-3.0)');
    expect(report).toMatch(/NOT MET +regret with 4 in flight/);
  });
});
