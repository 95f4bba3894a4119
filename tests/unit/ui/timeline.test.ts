import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/scheduler';
import { STATUS_COLORS, timelineBars, timelineOption, timelineSummary, timelineView } from '../../../src/ui/state/timeline';

function run(index: number, worker: string, startedAt: number | undefined, endedAt: number | undefined, status: RunRecord['status']): RunRecord {
  const where = status === 'running' ? { workerId: worker } : { ranOn: worker };
  return { id: `r${index}`, experimentId: 'e', index, params: {}, status, queuedAt: 0, metrics: {}, intervals: 0, ...(startedAt !== undefined ? { startedAt } : {}), ...(endedAt !== undefined ? { endedAt } : {}), ...where };
}

// Two workers from t = 10 s: w0 runs r0 (completed, 10 s) then r2 (stopped after 3 s); w1 runs r1
// (completed, 10 s) then r3 (still running at t = 26 s); r4 never started.
const runs = [
  run(0, 'w0', 10_000, 20_000, 'completed'),
  run(1, 'w1', 10_500, 20_500, 'completed'),
  run(2, 'w0', 20_000, 23_000, 'stopped'),
  run(3, 'w1', 20_500, undefined, 'running'),
  run(4, 'w0', undefined, undefined, 'queued'),
];

describe('the run timeline', () => {
  it('places each started run on its worker\'s row, in seconds from the first start; running runs end now', () => {
    const { bars, workers } = timelineBars(runs, 26_000);
    expect(workers).toEqual(['w0', 'w1']);
    expect(bars.map((b) => [b.number, b.worker, b.start, b.end, b.status])).toEqual([
      [1, 'w0', 0, 10, 'completed'],
      [2, 'w1', 0.5, 10.5, 'completed'],
      [3, 'w0', 10, 13, 'stopped'],
      [4, 'w1', 10.5, 16, 'running'],
    ]);
  });

  it('says in words how busy the workers were and what early termination saved', () => {
    const { bars, workers } = timelineBars(runs, 26_000);
    // busy 10 + 10 + 3 + 5.5 = 28.5 s of 2 x 16 s; the stopped run took 3 s where completed ones took 10 s.
    expect(timelineSummary(bars, workers)).toBe(
      '4 runs on 2 workers over 16.0 s; the workers were busy 89% of the time; early termination stopped 1 run, about 7.0 s of training saved against the median completed run (10.0 s).',
    );
    expect(timelineSummary([], [])).toBe('No run has started yet.');
  });

  it('draws one colored rectangle per run on its worker row', () => {
    const { bars, workers } = timelineBars(runs, 26_000);
    const option = timelineOption(bars, workers) as { yAxis: { data: string[] }; series: { data: { value: number[]; itemStyle: { color: string } }[] }[] };
    expect(option.yAxis.data).toEqual(['worker w0', 'worker w1']);
    expect(option.series[0].data.map((d) => d.value)).toEqual([[0, 0, 10, 1], [1, 0.5, 10.5, 2], [0, 10, 13, 3], [1, 10.5, 16, 4]]);
    expect(option.series[0].data[2].itemStyle.color).toBe(STATUS_COLORS.stopped);
    expect(timelineView(runs, 26_000)).toMatchObject({ runs: 4, workers: 2, statuses: ['completed', 'stopped', 'running'] });
  });
});
