import { describe, expect, it } from 'vitest';
import { contour } from '../../../src/core/analysis';
import { createRng } from '../../../src/core/rng';
import { parseSpace } from '../../../src/core/space';
import { contourOption } from '../../../src/ui/state/contour-option';
import { ContourState, contourText } from '../../../src/ui/state/contour.svelte';

const space = parseSpace('{"lr": loguniform(-9, -2), "units": choice(16, 32, 64), "dropout": uniform(0, 0.5)}');
const rng = createRng(5);
const runs = Array.from({ length: 40 }, () => {
  const params = { lr: Math.exp(-9 + 7 * rng.next()), units: [16, 32, 64][rng.int(3)], dropout: rng.next() / 2 };
  return { params, score: -Math.abs(Math.log(params.lr) + 5) + (params.units === 64 ? 1 : 0) };
});

describe('the contour plot', () => {
  it('defaults to the two most important parameters, then follows the user\'s choice', () => {
    const state = new ContourState(async (input) => contour(input));
    const importance = { kind: 'ok' as const, runs: 40, trees: 32, parameters: [{ name: 'units', share: 0.6, mainEffect: 0.5 }, { name: 'lr', share: 0.3, mainEffect: 0.2 }, { name: 'dropout', share: 0.1, mainEffect: 0 }] };
    expect(state.axes(space, importance)).toEqual({ x: 'units', y: 'lr' });
    expect(state.axes(space, null)).toEqual({ x: 'lr', y: 'units' });
    state.chosen = { x: 'dropout', y: 'lr' };
    expect(state.requestFor('e', 'val_accuracy', space, runs, importance)).toMatchObject({ key: 'e|val_accuracy|40|dropout|lr', input: { x: 'dropout', y: 'lr' } });
    state.chosen = { x: 'lr', y: 'lr' };
    expect(state.axes(space, importance)).toEqual({ x: 'units', y: 'lr' });
  });

  it('draws one cell per grid square on a log axis for lr and category ticks for units, runs on top', () => {
    const result = contour({ space, runs, x: 'lr', y: 'units', cells: 10 });
    if (result.kind !== 'ok') throw new Error(result.reason);
    const option = contourOption(result, 'val_accuracy', 'maximize') as { xAxis: { type: string }; yAxis: { type: string; min: number; max: number }; series: { data: unknown[] }[] };
    expect(option.xAxis.type).toBe('log');
    expect(option.yAxis).toMatchObject({ type: 'value', min: -0.5, max: 2.5 });
    expect(option.series[0].data).toHaveLength(30);
    expect(option.series[1].data).toHaveLength(40);
    // The best region: lr near e^-5 (0.0067) with 64 units.
    const text = contourText(result, 'val_accuracy', true);
    expect(text).toMatch(/^The surrogate predicts the highest val_accuracy, [-\d.]+, near lr = 0\.00[5-9]\d* and units = 64 \(averaged over the other parameters; 40 runs shown\)\.$/);
  });
});
