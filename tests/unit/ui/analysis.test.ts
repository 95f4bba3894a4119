/**
 * The dashboard's analysis views: what importance is asked for as runs end, the one-at-a-time
 * importance state over an inline computation, and the slice plots' axes and colors.
 */
import { describe, expect, it } from 'vitest';
import { parameterImportance, type ImportanceInput, type ImportanceResult } from '../../../src/core/analysis';
import { experimentSpace } from '../../../src/core/experiment';
import { importanceOption, sliceCharts } from '../../../src/ui/state/analysis-options';
import { DashboardState } from '../../../src/ui/state/dashboard.svelte';
import { ANALYSIS_REST, ImportanceState, type AnalysisClock } from '../../../src/ui/state/importance.svelte';
import type { ExperimentView } from '../../../src/ui/state/live';
import { config, run, view } from './helpers';

const inline = async (input: ImportanceInput): Promise<ImportanceResult> => parameterImportance(input);

describe('DashboardState: the importance request', () => {
  it('holds the ended scored runs, with a key that changes only when one more ends', () => {
    let current: ExperimentView = view([run(0, [0.5]), run(1, [0.6]), run(2, [0.1], { status: 'running' }), run(3, [])]);
    const state = new DashboardState(() => current, () => 0, inline);
    expect(state.importanceRequest?.input.runs).toEqual([
      { params: current.runs[0].params, score: 0.5 },
      { params: current.runs[1].params, score: 0.6 },
    ]);
    const key = state.importanceRequest?.key;
    current = view([...current.runs.slice(0, 2), run(2, [0.1, 0.2], { status: 'running' }), run(3, [])]);
    expect(state.importanceRequest?.key).toBe(key);
    current = view([...current.runs.slice(0, 2), run(2, [0.1, 0.2], { status: 'stopped' }), run(3, [])]);
    expect(state.importanceRequest?.key).not.toBe(key);
    expect(state.importanceRequest?.input.runs).toHaveLength(3);
  });
});

describe('ImportanceState', () => {
  const space = experimentSpace(config());
  const runs = Array.from({ length: 12 }, (_, i) => ({ params: run(i, []).params, score: i }));

  /** A clock that moves only when a computation takes time or the analysis rests. */
  function testClock(): AnalysisClock & { time: number; sleeps: number[] } {
    const clock = {
      time: 0,
      sleeps: [] as number[],
      now: () => clock.time,
      sleep: async (ms: number) => {
        clock.sleeps.push(ms);
        clock.time += ms;
      },
    };
    return clock;
  }

  it('computes one request at a time and then only the newest waiting one', async () => {
    const asked: number[] = [];
    const state = new ImportanceState(async (input) => {
      asked.push(input.runs.length);
      return parameterImportance(input);
    }, testClock());
    state.request({ key: 'a', input: { space, runs: runs.slice(0, 3) } });
    state.request({ key: 'b', input: { space, runs: runs.slice(0, 4) } });
    state.request({ key: 'c', input: { space, runs } });
    state.request({ key: 'c', input: { space, runs } });
    expect(state.computing).toBe(true);
    while (state.computing) await Promise.resolve();
    expect(asked).toEqual([3, 12]);
    expect(state.key).toBe('c');
    expect(state.result).toMatchObject({ kind: 'ok', runs: 12 });
    expect((state.result as Extract<ImportanceResult, { kind: 'ok' }>).parameters[0].name).toBe('learning_rate');
  });

  it('rests ANALYSIS_REST times the last computation before the next of its series, and not after an idle spell that long', async () => {
    const clock = testClock();
    const asked: number[] = [];
    const state = new ImportanceState(async (input) => {
      asked.push(input.runs.length);
      clock.time += 300; // each computation takes 300 ms
      return parameterImportance(input);
    }, clock);
    const request = (key: string, n: number) => state.request({ key, input: { space, runs: runs.slice(0, n) }, series: 'e|m' });
    request('a', 3);
    request('b', 4);
    while (state.computing) await Promise.resolve();
    // 'b' waited behind 'a', then rested 4 x 300 ms after it.
    expect(asked).toEqual([3, 4]);
    expect(clock.sleeps).toEqual([ANALYSIS_REST * 300]);
    expect(state.key).toBe('b');
    // A request made 500 ms after 'b' ended rests the remainder; one made after the rest is over, none.
    clock.time += 500;
    request('c', 5);
    while (state.computing) await Promise.resolve();
    expect(clock.sleeps).toEqual([ANALYSIS_REST * 300, ANALYSIS_REST * 300 - 500]);
    clock.time += ANALYSIS_REST * 300;
    request('d', 12);
    while (state.computing) await Promise.resolve();
    expect(clock.sleeps).toHaveLength(2);
    expect(asked).toEqual([3, 4, 5, 12]);
    expect(state.result).toMatchObject({ kind: 'ok', runs: 12 });
  });

  it('computes another series (experiment, metric, axes) at once, also when it comes during a rest', async () => {
    const clock = testClock();
    let state: ImportanceState | null = null;
    // The rest never ends by itself: only a request of another series may end it.
    clock.sleep = (ms) => {
      clock.sleeps.push(ms);
      state?.request({ key: 'other', input: { space, runs }, series: 'e2|m' });
      return new Promise<void>(() => {});
    };
    const asked: string[] = [];
    state = new ImportanceState(async (input) => {
      asked.push(input.runs.length === 12 ? 'other' : 'same');
      clock.time += 300;
      return parameterImportance(input);
    }, clock);
    state.request({ key: 'a', input: { space, runs: runs.slice(0, 3) }, series: 'e|m' });
    state.request({ key: 'b', input: { space, runs: runs.slice(0, 4) }, series: 'e|m' });
    while (state.computing) await Promise.resolve();
    // 'b' began its rest, 'other' replaced it and ended the rest: computed without waiting.
    expect(clock.sleeps).toEqual([ANALYSIS_REST * 300]);
    expect(asked).toEqual(['same', 'other']);
    expect(state.key).toBe('other');
    // Right after it, a request of the first series again does not rest either: the rest follows the series computed last.
    state.request({ key: 'c', input: { space, runs: runs.slice(0, 5) }, series: 'e|m' });
    while (state.computing) await Promise.resolve();
    expect(asked).toEqual(['same', 'other', 'same']);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('drops the waiting request when the experiment is closed during the rest', async () => {
    const clock = testClock();
    let state: ImportanceState | null = null;
    clock.sleep = (ms) => {
      clock.sleeps.push(ms);
      state?.request(null);
      return new Promise<void>(() => {});
    };
    const asked: number[] = [];
    state = new ImportanceState(async (input) => {
      asked.push(input.runs.length);
      clock.time += 100;
      return parameterImportance(input);
    }, clock);
    state.request({ key: 'a', input: { space, runs: runs.slice(0, 3) }, series: 'e|m' });
    state.request({ key: 'b', input: { space, runs }, series: 'e|m' });
    while (state.computing) await Promise.resolve();
    expect(clock.sleeps).toEqual([ANALYSIS_REST * 100]);
    expect(asked).toEqual([3]);
    expect([state.result, state.key]).toEqual([null, null]);
  });

  it('reports a failed computation as an error and forgets everything on a null request', async () => {
    const state = new ImportanceState(async () => {
      throw new Error('worker gone');
    });
    state.request({ key: 'a', input: { space, runs } });
    while (state.computing) await Promise.resolve();
    expect(state.error).toBe('worker gone');
    state.request(null);
    expect([state.result, state.key]).toEqual([null, null]);
  });
});

describe('analysis chart options', () => {
  it('bars put the most important parameter on top', () => {
    const option = importanceOption([
      { name: 'lr', share: 0.7, mainEffect: 0.6 },
      { name: 'units', share: 0.3, mainEffect: 0.2 },
    ]) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.yAxis.data).toEqual(['units', 'lr']);
    expect(option.series[0].data).toEqual([0.3, 0.7]);
  });

  it('slice plots: log axes for log expressions, categories for choices, points colored by run order', () => {
    const runs = [run(0, [0.5]), run(1, [0.7]), run(2, [])];
    const slices = sliceCharts(runs, experimentSpace(config()), 'm');
    expect(slices.map((s) => s.name)).toEqual(['learning_rate', 'batch_size', 'units', 'keep_probability']);
    const axis = (i: number) => (slices[i].option as { xAxis: { type: string } }).xAxis.type;
    expect([axis(0), axis(1), axis(3)]).toEqual(['log', 'category', 'value']);
    const option = slices[1].option as { series: { data: unknown[][] }[]; visualMap: { dimension: number; max: number } };
    expect(option.series[0].data).toEqual([
      ['32', 0.5, 1],
      ['32', 0.7, 2],
    ]);
    expect(option.visualMap).toMatchObject({ dimension: 2, max: 2 });
  });
});
