import { describe, expect, it } from 'vitest';
import { parseSpace } from '../../../src/core/space';
import { lineOption, parallelOption } from '../../../src/ui/state/chart-options';
import { run } from './helpers';


const SPACE = parseSpace(`{
  "learning_rate": loguniform(-9, -2),
  "batch_size": choice(128, 16, 64, 32),
  "keep_probability": uniform(0.5, 1),
  "activation": choice("relu", "tanh"),
  "momentum": qloguniform(-5, 0, 0.01)
}`);

function withParams(index: number, values: number[], params: Record<string, number | string>, extra: Parameters<typeof run>[2] = {}) {
  const r = run(index, values, extra);
  return { ...r, params: { ...params } };
}

const P = { learning_rate: 0.001, batch_size: 32, keep_probability: 0.7, activation: 'relu', momentum: 0.5 };

describe('lineOption: curves over intervals', () => {
  const runs = [
    run(0, [0.1, 0.4, 0.6], { metrics: { loss: [2, 1.5, 1.2] } }),
    run(1, [0.2, Number.NaN, 0.7], { metrics: { loss: [2.1, Number.POSITIVE_INFINITY, 1] } }),
    run(4, [], { status: 'running' }),
  ];

  it('one series per run, named as users count runs, points at intervals 1..n', () => {
    const option = lineOption(runs, 'm', null) as any;
    expect(option.series.map((s: any) => s.name)).toEqual(['run 1', 'run 2', 'run 5']);
    expect(option.series[0].data).toEqual([[1, 0.1], [2, 0.4], [3, 0.6]]);
    expect(option.series[2].data).toEqual([]);
    expect(option.yAxis.name).toBe('m');
    expect(option.xAxis).toMatchObject({ type: 'value', name: 'interval', min: 1, minInterval: 1 });
  });

  it('draws any logged metric, with non-finite values as gaps', () => {
    const option = lineOption(runs, 'loss', null) as any;
    expect(option.yAxis.name).toBe('loss');
    expect(option.series[1].data).toEqual([[1, 2.1], [2, null], [3, 1]]);
    expect((lineOption(runs, 'm', null) as any).series[1].data[1]).toEqual([2, null]);
  });

  it('the best run is drawn thicker than the others', () => {
    const widths = (lineOption(runs, 'm', 'run-1') as any).series.map((s: any) => s.lineStyle.width);
    expect(widths[1]).toBeGreaterThan(widths[0]);
    expect(widths[0]).toBe(widths[2]);
  });

  it('symbols only while a curve is short enough to read them', () => {
    const long = run(0, Array.from({ length: 31 }, (_, i) => i));
    const short = run(1, Array.from({ length: 30 }, (_, i) => i));
    expect((lineOption([long, short], 'm', null) as any).series.map((s: any) => s.showSymbol)).toEqual([false, true]);
  });
});

describe('parallelOption: parameters against the primary metric', () => {
  const runs = [
    withParams(0, [0.5, 0.8], P),
    withParams(1, [0.3], { ...P, learning_rate: 0.01, batch_size: 128, activation: 'tanh', momentum: 0.02 }),
    withParams(2, [], P, { status: 'running' }),
    withParams(3, [0.9], { ...P, keep_probability: 0.95 }),
  ];

  it('one line per scored run (a run that logged nothing is left out), in run order', () => {
    const { runIds, option } = parallelOption(runs, SPACE, 'val_accuracy', 'maximize');
    expect(runIds).toEqual(['run-0', 'run-1', 'run-3']);
    const data = (option as any).series[0].data;
    expect(data).toEqual([
      [0.001, '32', 0.7, 'relu', 0.5, 0.8],
      [0.01, '128', 0.7, 'tanh', 0.02, 0.3],
      [0.001, '32', 0.95, 'relu', 0.5, 0.9],
    ]);
  });

  it('log axes for log expressions, value axes for linear ones, categories for choices, the metric last', () => {
    const axes = (parallelOption(runs, SPACE, 'val_accuracy', 'maximize').option as any).parallelAxis;
    expect(axes.map((a: any) => [a.dim, a.name, a.type])).toEqual([
      [0, 'learning_rate', 'log'],
      [1, 'batch_size', 'category'],
      [2, 'keep_probability', 'value'],
      [3, 'activation', 'category'],
      [4, 'momentum', 'log'],
      [5, 'val_accuracy', 'value'],
    ]);
    // numeric choices in numeric order whatever order they were written in; text choices as written
    expect(axes[1].data).toEqual(['16', '32', '64', '128']);
    expect(axes[3].data).toEqual(['relu', 'tanh']);
  });

  it('a log expression that produced 0 (a q-form rounding down) gets a value axis, since a log axis cannot show it', () => {
    const zero = [...runs, withParams(5, [0.4], { ...P, momentum: 0 })];
    const axes = (parallelOption(zero, SPACE, 'val_accuracy', 'maximize').option as any).parallelAxis;
    expect(axes[4]).toMatchObject({ name: 'momentum', type: 'value' });
    expect(axes[0]).toMatchObject({ name: 'learning_rate', type: 'log' });
  });

  it('colors by the metric over its range: good runs get the same (bright) end for both goals', () => {
    const max = (parallelOption(runs, SPACE, 'val_accuracy', 'maximize').option as any).visualMap;
    const min = (parallelOption(runs, SPACE, 'val_loss', 'minimize').option as any).visualMap;
    expect(max).toMatchObject({ dimension: 5, min: 0.3, max: 0.9 });
    expect(min).toMatchObject({ dimension: 5, min: 0.3, max: 0.9 });
    // ECharts maps inRange colors from min to max.
    expect(max.inRange.color).toEqual([...min.inRange.color].reverse());
    expect(max.inRange.color.at(-1)).toBe(min.inRange.color[0]);
    expect(max.text).toEqual(['best', 'worst']);
    expect(min.text).toEqual(['worst', 'best']);
  });

  it('a single score or none still gives a usable color range', () => {
    const one = (parallelOption([runs[0]], SPACE, 'm', 'maximize').option as any).visualMap;
    expect(one.max).toBeGreaterThan(one.min);
    const none = parallelOption([runs[2]], SPACE, 'm', 'maximize');
    expect(none.runIds).toEqual([]);
    expect((none.option as any).visualMap).toMatchObject({ min: 0, max: 1 });
  });
});
