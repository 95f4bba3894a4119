/**
 * Sampler commands cross to a sampler worker with each observation sent once (history-delta.ts):
 * the worker must rebuild exactly the commands the scheduler made, through a real structured clone,
 * while each command carries only the observations that are new to it.
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/sampling';
import { samplerHistory, type SamplerCommand } from '../../../src/core/scheduler';
import type { RunRecord, SchedulerConfig } from '../../../src/core/scheduler/types';
import { HistoryReceiver, HistorySender, type WireSamplerCommand } from '../../../src/core/scheduler/history-delta';

function observation(k: number): Observation {
  return { params: { lr: k / 10, units: 'u' + k }, value: k % 3 === 0 ? null : 1 / (k + 1), status: k % 3 === 0 ? 'failed' : 'completed' };
}

/** What postMessage does to a value on its way to a worker. */
const crossing = (wire: WireSamplerCommand): WireSamplerCommand => structuredClone(wire);

describe('history deltas to a sampler worker', () => {
  it('rebuild every command exactly while sending each observation once', () => {
    const sender = new HistorySender();
    const receiver = new HistoryReceiver();
    const all = Array.from({ length: 12 }, (_, k) => observation(k));
    // Runs end out of order: later histories insert observations between earlier ones.
    const histories = [[0, 1, 2], [0, 3, 1, 2], [0, 3, 1, 4, 2, 5], [0, 3, 1, 4, 2, 5], [6, 0, 3, 1, 4, 2, 5, 7, 8, 9, 10, 11]];
    const sent: number[] = [];
    histories.forEach((order, i) => {
      const history = order.map((k) => all[k]);
      const command: SamplerCommand =
        i % 2 === 0
          ? { type: 'suggest', batch: { goal: 'minimize', history, pending: [{ lr: 0.5, units: 'x' }], index: 20 + i, count: 2, seed: 3, fitted: { size: 3, theta: [0.1, -2] } } }
          : { type: 'fit', size: history.length, snapshot: { goal: 'maximize', history, pending: [] } };
      const wire = crossing(sender.encode(command));
      sent.push(wire.history.added.length);
      expect(receiver.decode(wire)).toEqual(command);
    });
    // 3 new, 1 new, 2 new, none (the same history again), 6 new (one of them first in the order).
    expect(sent).toEqual([3, 1, 2, 0, 6]);
  });

  it('sends the runs of a scheduler state once, whichever states ask', () => {
    const config: SchedulerConfig = {
      experimentId: 'e',
      primaryMetricName: 'acc',
      goal: 'maximize',
      seed: 1,
      maxTotalRuns: 10,
      priors: [{ id: 'p', params: { lr: 0.3 }, status: 'completed', values: [0.7] }],
    };
    const run = (i: number, status: RunRecord['status']): RunRecord => ({ id: `e_${i}`, experimentId: 'e', index: i, params: { lr: i / 10 }, status, queuedAt: 0, metrics: { acc: [i / 10] }, intervals: 1 });
    const first = [run(0, 'completed'), run(1, 'running'), run(2, 'completed')];
    const second = [first[0], run(1, 'completed'), first[2]];
    const sender = new HistorySender();
    const a = sender.encode({ type: 'fit', size: 3, snapshot: { goal: 'maximize', history: samplerHistory({ config, runs: first }), pending: [] } });
    const b = sender.encode({ type: 'fit', size: 4, snapshot: { goal: 'maximize', history: samplerHistory({ config, runs: second }), pending: [] } });
    // The prior and runs 0 and 2 the first time; only run 1, now ended, the second.
    expect(a.history.added.map((o) => o.params.lr)).toEqual([0.3, 0, 0.2]);
    expect(b.history.added.map((o) => o.params.lr)).toEqual([0.1]);
    expect(Array.from(b.history.order)).toEqual([0, 1, 3, 2]);
  });

  it('says so when a worker is asked about an observation it was never sent', () => {
    const wire = new HistorySender().encode({ type: 'fit', size: 1, snapshot: { goal: 'minimize', history: [observation(1)], pending: [] } });
    const lost: WireSamplerCommand = { ...wire, history: { added: [], order: wire.history.order } };
    expect(() => new HistoryReceiver().decode(lost)).toThrow('observation 0 was never sent (0 known)');
  });
});
