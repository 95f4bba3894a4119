import { describe, expect, it } from 'vitest';
import type { Space } from '../../../src/core/space/types';
import { renderRealistic } from '../../bench/sampling/realistic';
import type { Objective } from '../../bench/sampling/objectives';
import { lagRatio, medianRatio, pairBySeed, renderReport, runsMatched, runsText, type Results } from '../../bench/sampling/report';

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
    expect(report).toMatch(/NOT MET +regret with 4 in flight <= 1.2x sequential on >= 6 of 7 functions \(0\/1\)/);
  });

  it('counts the functions within the bound per in-flight count, 6 of 7 to meet it', () => {
    const names = ['Branin', 'Hartmann3', 'Hartmann6', 'Rosenbrock4', 'Ackley5', 'Levy5', 'StyblinskiTang5'];
    const cells = (scale: number) => seeds.map((v, i) => ({ regret: scale * v, seed: i + 1 }));
    // 4 in flight: six functions at 1.1x, one at 3x; 8 in flight: five at 1.4x, two at 2x.
    const results: Results = {};
    names.forEach((f, i) => {
      results[`tabtune bayesian|1|${f}`] = cells(1);
      results[`tabtune bayesian|4|${f}`] = cells(i === 4 ? 3 : 1.1);
      results[`tabtune bayesian|8|${f}`] = cells(i >= 5 ? 2 : 1.4);
    });
    const report = renderReport({
      results,
      seeds: 30,
      runs: 100,
      inFlight: [1, 4, 8],
      functions: names,
      times: { tabtune100: [], tabtune1000: [], optuna100: [], optuna1000: [] },
      seconds: 1,
    });
    expect(report).toMatch(/^MET +regret with 4 in flight <= 1.2x sequential on >= 6 of 7 functions \(6\/7\)$/m);
    expect(report).toMatch(/^NOT MET +regret with 8 in flight <= 1.5x sequential on >= 6 of 7 functions \(5\/7\)$/m);
  });

  it('says "not measured" for every target when tabtune did not run (--no-tabtune)', () => {
    const cells = seeds.map((v, i) => ({ regret: v, seed: i + 1 }));
    const report = braninReport({ 'optuna tpe|1|Branin': cells, 'optuna tpe|4|Branin': cells, 'optuna random|1|Branin': cells, 'optuna cmaes|1|Branin': cells });
    const targets = report.slice(report.indexOf('Targets'));
    expect(targets.match(/^not measured /gm)).toHaveLength(3);
    expect(targets).not.toMatch(/MET/);
    expect(report).toContain('| Branin   | -                   | -                   | 0.000033      | 0.000033 (1.0x, 1.0-1.0) |');
  });

  it('counts the sequential runs that an in-flight result is as good as, seed by seed', () => {
    const curve = [5, 3, 3, 1, 0.5];
    expect(runsMatched(curve, 4)).toBe(1);
    expect(runsMatched(curve, 3)).toBe(3);
    expect(runsMatched(curve, 2)).toBe(3);
    expect(runsMatched(curve, 0.1)).toBe(5);
    // Ending on the value the sequential run ended on (a plateau) costs nothing, however early the
    // sequential run got there; better than the whole run is all of it too.
    expect(runsMatched(curve, 0.5)).toBe(5);
    expect(runsMatched([5, 1, 1, 1, 1], 1)).toBe(5);
    expect(runsMatched(curve, 0.2)).toBe(5);
    expect(runsText([7, 3, 9, 5, 8])).toBe('7 [5, 8]');
    expect(runsText([])).toBe('-');
  });

  it('prints, per function and sampler, how many of its sequential runs each seed\'s in-flight regret is as good as', () => {
    // Seed i's sequential best falls by 10x per run from 1; its in-flight run ends at seed i's
    // sequential value after 90 + (i % 10) runs, so it is as good as that many sequential runs.
    // TPE's in-flight runs end at its sequential value after 50 + (i % 10) runs.
    const curve = Array.from({ length: 100 }, (_, n) => 10 ** -n);
    const sequential = seeds.map((_, i) => ({ regret: curve[99], seed: i + 1, curve }));
    const inFlight = (from: number) => seeds.map((_, i) => ({ regret: curve[from - 1 + (i % 10)], seed: i + 1 }));
    const results = {
      'tabtune bayesian|1|Branin': sequential,
      'tabtune bayesian|4|Branin': inFlight(90),
      'optuna tpe|1|Branin': sequential,
      'optuna tpe|4|Branin': inFlight(50),
    };
    const report = braninReport(results);
    expect(report).toContain("How many of its own sequential runs each sampler's 100 runs with runs in flight did as well as");
    expect(report).toMatch(/\| Branin +\| 95 \[92, 97\] +\| 55 \[52, 57\] +\|/);
    // A side without sequential curves (an older caller) prints a dash; with none, no table.
    const noTpe = braninReport({ ...results, 'optuna tpe|1|Branin': sequential.map(({ curve: _, ...c }) => c) });
    expect(noTpe).toMatch(/\| Branin +\| 95 \[92, 97\] +\| - +\|/);
    const bare = braninReport({ 'tabtune bayesian|1|Branin': sequential.map(({ curve: _, ...c }) => c), 'tabtune bayesian|4|Branin': inFlight(90) });
    expect(bare).not.toContain('How many of its own sequential runs');
  });

  it('prints what the results a suggestion lacks in flight would cost alone: the sequential median that many runs before the end', () => {
    // Seed i's sequential best is (100 - n) (1 + i / 100) after run n + 1: 1.x at the end, 4.x three
    // runs before it and 8.x seven before, so lags of 3 and 7 cost 4x and 8x on every seed.
    const curveOf = (i: number) => Array.from({ length: 100 }, (_, n) => (100 - n) * (1 + i / 100));
    const curves = seeds.map((_, i) => curveOf(i));
    expect(curves[0][99]).toBeCloseTo(1, 12);
    expect(curves[0][96]).toBeCloseTo(4, 12);
    const three = lagRatio(curves, 3);
    expect(three.ratio).toBeCloseTo(4, 12);
    expect(three.low).toBeCloseTo(4, 12);
    expect(three.high).toBeCloseTo(4, 12);
    expect(lagRatio(curves, 7).ratio).toBeCloseTo(8, 12);
    expect(lagRatio(curves, 0).ratio).toBe(1);
    // A curve too short for the lag is left out rather than read out of bounds.
    expect(lagRatio([...curves, [3, 2]], 3).ratio).toBeCloseTo(4, 12);
    const sequential = seeds.map((_, i) => ({ regret: curves[i][99], seed: i + 1, curve: curves[i] }));
    const report = renderReport({
      results: { 'tabtune bayesian|1|Branin': sequential, 'tabtune bayesian|4|Branin': sequential, 'tabtune bayesian|8|Branin': sequential },
      seeds: 30,
      runs: 100,
      inFlight: [1, 4, 8],
      functions: ['Branin'],
      times: { tabtune100: [], tabtune1000: [], optuna100: [], optuna1000: [] },
      seconds: 1,
    });
    expect(report).toContain('What the k - 1 results a suggestion lacks with k in flight would cost alone');
    expect(report).toMatch(/\| Branin +\| 4\.0x, 4\.0-4\.0 +\| 8\.0x, 8\.0-8\.0 +\|/);
    // Without sequential curves there is nothing to measure it on: no table.
    const bare = braninReport({ 'tabtune bayesian|1|Branin': sequential.map(({ curve: _, ...c }) => c), 'tabtune bayesian|4|Branin': sequential });
    expect(bare).not.toContain('would cost alone');
  });

  it('prints the same count for the realistic suite, from the incumbent\'s score after each sequential run', () => {
    // Ten seeds of one objective; the sequential incumbent scores 100 - n after n runs, and seed
    // i with 4 in flight ends at 20 - i, as good as the sequential run's first 80 + i runs.
    const objective = (seed: number): Objective => ({
      group: 'ill-scaled',
      name: 'Hartmann6',
      seed,
      runs: 100,
      space: {} as Space,
      observe: async () => 0,
      judge: async () => 0,
    });
    const curve = Array.from({ length: 100 }, (_, n) => 99 - n);
    const score = (method: string, seed: number, final: number, scores: readonly number[]) => ({
      method,
      objective: objective(seed),
      at: { 100: final },
      curve: scores,
      suggestMs: [],
      fitMs: [],
    });
    const scores = Array.from({ length: 10 }, (_, i) => [
      score('tabtune bayesian', i + 1, 0, curve),
      score('tabtune bayesian x4', i + 1, 20 - (i + 1), curve.map((v) => Math.max(v, 20 - (i + 1)))),
    ]).flat();
    const report = renderRealistic(scores);
    expect(report).toContain('How many sequential runs the run with runs in flight did as well as');
    expect(report).toMatch(/\| ill-scaled +\| Hartmann6 +\| 86 \[83, 88\] +\|/);
    // A noisy objective has its ratio, but no count of runs.
    const noisy = (s: ReturnType<typeof score>) => ({ ...s, objective: { ...s.objective, group: 'noisy 1%' as const } });
    const mixed = renderRealistic([...scores, ...scores.map(noisy)]);
    const counts = mixed.slice(mixed.indexOf('How many sequential runs'));
    expect(mixed).toMatch(/\| noisy 1% +\| Hartmann6 +\|/);
    expect(counts).toMatch(/\| ill-scaled +\| Hartmann6 +\| 86 \[83, 88\] +\|/);
    expect(counts.split('Suggest latency')[0]).not.toContain('noisy');
  });

  it('prints for the realistic suite too what the results a suggestion lacks in flight would cost alone', () => {
    // The sequential incumbent scores 100 - n after run n + 1: 1 at the end, 4 three runs before
    // and 8 seven before, on every seed; so 4x and 8x for 4 and 8 in flight.
    const curve = Array.from({ length: 100 }, (_, n) => 100 - n);
    const score = (method: string, seed: number, group: Objective['group']) => ({
      method,
      objective: { group, name: 'Hartmann6', seed, runs: 100, space: {} as Space, observe: async () => 0, judge: async () => 0 },
      at: { 100: 1 },
      curve,
      suggestMs: [],
      fitMs: [],
    });
    const methods = ['tabtune bayesian', 'tabtune bayesian x4', 'tabtune bayesian x8'];
    const scores = Array.from({ length: 10 }, (_, i) => methods.map((m) => score(m, i + 1, 'ill-scaled'))).flat();
    const report = renderRealistic([...scores, ...scores.map((s) => ({ ...s, objective: { ...s.objective, group: 'noisy 1%' as const } }))]);
    const lag = report.slice(report.indexOf('What the k - 1 results a suggestion lacks'));
    expect(lag).toMatch(/\| ill-scaled +\| Hartmann6 +\| 4\.0x, 4\.0-4\.0 +\| 8\.0x, 8\.0-8\.0 +\|/);
    // Noisy incumbents' scores go up and down: no lag for them, as no count.
    expect(lag.split('Suggest latency')[0]).not.toContain('noisy');
  });
});
