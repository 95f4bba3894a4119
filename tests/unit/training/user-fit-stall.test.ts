/**
 * A user's `fit` that never returns and never logs is caught by the host's stall rule: its worker
 * is replaced and the run fails, while the other runs of the experiment go on (real worker threads).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../../src/core/data';
import { parseExperimentConfig } from '../../../src/core/experiment';
import { ExperimentHost, nodeWorkerSpawner, schedulerDepsOf } from '../../../src/runtime/node';

describe('a fit that hangs', () => {
  it('fails by the stall rule with the worker replaced; the next run completes', { timeout: 120_000 }, async () => {
    const demo = findDemo('iris')!;
    const dataset = await loadCsvText(readFileSync('public/datasets/iris.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
    const config = parseExperimentConfig({
      name: 'hang',
      model: { module: { name: 'faults.mjs', source: readFileSync('tests/fixtures/modules/faults.mjs', 'utf8') } },
      space: '{"mode": choice("hang", "ok")}',
      sampling: { type: 'grid' },
      maxConcurrentRuns: 1,
      backend: 'wasm',
    }, { task: 'classification' });
    const host = new ExperimentHost({
      experimentId: 'hang', config, dataset, deps: schedulerDepsOf(config), spawn: nodeWorkerSpawner(), poolSize: 1, stallTimeoutMs: 3_000,
    });
    const final = await host.start();
    const [hang, ok] = final.runs;
    expect(hang).toMatchObject({ status: 'failed', reason: 'worker stopped responding (no progress for 3 s)' });
    expect(ok).toMatchObject({ status: 'completed', intervals: 2 });
    expect(final.status).toBe('completed');
  });
});
