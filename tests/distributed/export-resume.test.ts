/**
 * A study cut short comes back as an interrupted experiment (journal storage this time), and
 * `tabtune run --resume` continues it to maxTotalRuns, keeping the runs the workers made.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperimentExport } from '../../src/persistence';
import { digitsExperiment, runIntegration, tabtune } from './support/workers';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export of an unfinished study', () => {
  it('is an interrupted experiment that tabtune run --resume completes', { timeout: 180_000 }, () => {
    const file = digitsExperiment(dir, 'digits-journal', { maxTotalRuns: 4, sampling: { type: 'random', seed: 2 }, policy: { type: 'none' } });
    const storage = `journal:${join(dir, 'study.journal')}`;
    const runsDir = join(dir, 'runs');
    const worker = runIntegration(['worker', file, '--storage', storage, '--study', 'half', '--out', runsDir, '--runs', '2']);
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stdout).toContain('study half: 2 of 4 runs finished; this worker ran 2');

    const exported = join(dir, 'half.tabtune.json');
    const done = runIntegration(['export', '--storage', storage, '--study', 'half', '--out', exported, '--runs-dir', runsDir]);
    expect(done.code, done.stderr).toBe(0);
    const data = parseExperimentExport(readFileSync(exported, 'utf8'));
    expect(data.experiment.status).toBe('interrupted');
    expect(data.runs.map((r) => [r.id, r.status, r.intervals])).toEqual([['half_0', 'completed', 4], ['half_1', 'completed', 4]]);

    const out = join(dir, 'resumed');
    const resumed = tabtune(['run', '--resume', exported, '--out', out, '--workers', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming half: 2 runs, 0 continue');
    expect(resumed.stdout).toMatch(/^experiment half completed: maxTotalRuns \(4\) reached$/m);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as { id: string; parameters: unknown; metrics: Record<string, number[]> }[];
    expect(runs.map((r) => r.id)).toEqual(['half_0', 'half_1', 'half_2', 'half_3']);
    expect(runs.slice(0, 2).map((r) => [r.parameters, r.metrics.val_accuracy])).toEqual(data.runs.map((r) => [r.params, data.metrics[r.id].val_accuracy]));
  });
});
