import { describe, expect, it } from 'vitest';
import { contour } from '../../../src/core/analysis';
import { createRng } from '../../../src/core/rng';
import { parseSpace } from '../../../src/core/space';
import { POOR_TO_GOOD } from '../../../src/ui/state/chart-options';
import { cellPixels, colorAt } from '../../../src/ui/state/contour-image';
import { contourOption } from '../../../src/ui/state/contour-option';
import { ContourState, contourText } from '../../../src/ui/state/contour.svelte';

const space = parseSpace('{"lr": loguniform(-9, -2), "units": choice(16, 32, 64), "dropout": uniform(0, 0.5)}');
const rng = createRng(5);
const runs = Array.from({ length: 40 }, () => {
  const params = { lr: Math.exp(-9 + 7 * rng.next()), units: [16, 32, 64][rng.int(3)], dropout: rng.next() / 2 };
  return { params, score: -Math.abs(Math.log(params.lr) + 5) + (params.units === 64 ? 1 : 0) };
});

describe('the contour image', () => {
  it('colors each cell as ECharts\' visual map would, the top row first', () => {
    expect(colorAt(0, 0, 1, POOR_TO_GOOD)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(1, 0, 1, POOR_TO_GOOD)).toEqual([0xfd, 0xe7, 0x25]);
    // Halfway between the second and third of four stops.
    expect(colorAt(0.5, 0, 1, POOR_TO_GOOD)).toEqual([Math.round((0x31 + 0x35) / 2), Math.round((0x68 + 0xb7) / 2), Math.round((0x8e + 0x79) / 2)]);
    expect(colorAt(-3, 0, 1, POOR_TO_GOOD)).toEqual(colorAt(0, 0, 1, POOR_TO_GOOD));
    // values[j][i]: j = 0 is the lowest y, so it is the image's bottom row.
    const pixels = cellPixels([[0, 1], [1, 0], [0, 0]], 0, 1, POOR_TO_GOOD);
    expect(pixels).toHaveLength(3 * 2 * 4);
    const at = (row: number, column: number) => Array.from(pixels.slice((row * 2 + column) * 4, (row * 2 + column) * 4 + 4));
    const good = [0xfd, 0xe7, 0x25, 255];
    const poor = [0x44, 0x01, 0x54, 255];
    expect([at(2, 0), at(2, 1), at(1, 0), at(1, 1), at(0, 0), at(0, 1)]).toEqual([poor, good, good, poor, poor, poor]);
  });
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

  it('draws the cells as one image spanning the grid on a log axis for lr and category ticks for units, runs on top', () => {
    const result = contour({ space, runs, x: 'lr', y: 'units', cells: 10 });
    if (result.kind !== 'ok') throw new Error(result.reason);
    const option = contourOption(result, 'val_accuracy', 'maximize') as { xAxis: { type: string; min: number; max: number }; yAxis: { type: string; min: number; max: number }; series: { data: unknown[] }[]; visualMap: { min: number; max: number; seriesIndex: number[] } };
    expect(option.xAxis).toMatchObject({ type: 'log', min: result.x.edges[0], max: result.x.edges[10] });
    expect(option.yAxis).toMatchObject({ type: 'value', min: -0.5, max: 2.5 });
    // One item from the grid's first edges to its last: the image covers exactly the axes' range.
    expect(option.series[0].data).toEqual([[result.x.edges[0], result.x.edges[10], -0.5, 2.5]]);
    expect(option.series[1].data).toHaveLength(40);
    // The color bar maps no series: the runs keep their own white points.
    expect(option.visualMap.seriesIndex).toEqual([]);
    // The best region: lr near e^-5 (0.0067) with 64 units.
    const text = contourText(result, 'val_accuracy', true);
    expect(text).toMatch(/^The surrogate predicts the highest val_accuracy, [-\d.]+, near lr = 0\.00[5-9]\d* and units = 64 \(averaged over the other parameters; 40 runs shown\)\.$/);
  });
});
