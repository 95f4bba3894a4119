/** A chart's first draw: the axes and coordinate systems without the data. */
import { describe, expect, it } from 'vitest';
import { skeletonOf } from '../../../src/ui/state/chart-skeleton';
import { parallelOption } from '../../../src/ui/state/chart-options';
import { parseSpace } from '../../../src/core/space';
import { run } from './helpers';

describe('chart skeleton', () => {
  it('keeps the coordinate systems and leaves out series, visual map, legend and tooltip', () => {
    const option = {
      animation: false,
      grid: { left: 1 },
      xAxis: { type: 'value' },
      yAxis: { type: 'value' },
      legend: { type: 'scroll' },
      tooltip: { trigger: 'axis' },
      visualMap: { type: 'continuous' },
      series: [{ type: 'line', data: [[1, 2]] }],
    };
    expect(skeletonOf(option)).toEqual({ animation: false, grid: { left: 1 }, xAxis: { type: 'value' }, yAxis: { type: 'value' } });
    // The option itself is left whole: it is drawn in full right after.
    expect(option.series).toHaveLength(1);
    expect(option.visualMap).toEqual({ type: 'continuous' });
  });

  it('keeps a parallel plot\'s axes and drops its lines and colors', () => {
    const space = parseSpace('{"lr": loguniform(-9, -2), "units": choice(16, 32)}');
    const runs = [0, 1].map((i) => ({ ...run(i, [0.5 + i / 10]), params: { lr: 0.01 * (i + 1), units: 16 } }));
    const { option } = parallelOption(runs, space, 'val_accuracy', 'maximize');
    const skeleton = skeletonOf(option) as Record<string, unknown>;
    expect(Object.keys(skeleton).sort()).toEqual(['animation', 'parallel', 'parallelAxis']);
    expect(skeleton.parallelAxis).toBe((option as Record<string, unknown>).parallelAxis);
  });
});
