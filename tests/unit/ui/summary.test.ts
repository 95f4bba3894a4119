import { describe, expect, it } from 'vitest';
import type { StoredExperiment } from '../../../src/persistence';
import { summaryOf } from '../../../src/ui/state/summary';
import { config, run } from './helpers';

const record = { id: 'e1', name: 'digits-mlp', status: 'interrupted', config: config() } as unknown as StoredExperiment;

describe('summaryOf', () => {
  it('counts as started only the runs that began training, not the queued ones an interruption left', () => {
    const runs = [
      run(0, [0.5, 0.6]),
      run(1, [0.4], { status: 'interrupted' }),
      run(2, [], { status: 'interrupted', startedAt: undefined }),
      run(3, [], { status: 'queued', startedAt: undefined }),
    ];
    const summary = summaryOf(record, runs);
    expect(summary.runs).toBe(4);
    expect(summary.started).toBe(2);
    expect(summary.best).toBe(0.6);
  });
});
