/**
 * A study cut short comes back as an interrupted experiment (journal storage this time), and
 * `tabtune run --resume` continues it to maxTotalRuns, keeping the runs the workers made and
 * continuing the run a dead machine left in flight from its last checkpoint.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperimentExport, resumeFromExport } from '../../src/persistence';
import { checkpointInterval, digitsExperiment, killMachine, runIntegration, startWorker, tabtune, waitFor } from './support/workers';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Enough intervals that the run is still training when its machine dies, however fast the machine
// (it dies right after its second interval's checkpoint; an epoch here takes 50-250 ms).
const EPOCHS = 24;

describe('export of an unfinished study', () => {
  it('is an interrupted experiment that tabtune run --resume completes, the run in flight from its checkpoint', { timeout: 180_000 }, async () => {
    const file = digitsExperiment(dir, 'digits-journal', { maxTotalRuns: 4, model: { family: 'mlp', hyperparameters: { epochs: EPOCHS, units: 16 } }, sampling: { type: 'random', seed: 2 }, policy: { type: 'none' } });
    const storage = `journal:${join(dir, 'study.journal')}`;
    const runsDir = join(dir, 'runs');
    const args = ['worker', file, '--storage', storage, '--study', 'half', '--out', runsDir];
    const worker = runIntegration([...args, '--runs', '2']);
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stdout).toContain('study half: 2 of 4 runs finished; this worker ran 2');
    // A third run is cut short when its machine dies after a few intervals: as soon as it has
    // checkpointed its second, so that the study has stored at least its first.
    const doomed = startWorker(args);
    await waitFor(() => ((checkpointInterval(join(runsDir, 'run-2', 'last')) ?? 0) >= 2 ? true : undefined), 60_000, 'run 2 to checkpoint 2 intervals');
    killMachine(doomed);

    const exported = join(dir, 'half.tabtune.json');
    const done = runIntegration(['export', '--storage', storage, '--study', 'half', '--out', exported, '--runs-dir', runsDir]);
    expect(done.code, done.stderr).toBe(0);
    const data = parseExperimentExport(readFileSync(exported, 'utf8'));
    expect(data.experiment.status).toBe('interrupted');
    expect(data.runs.slice(0, 2).map((r) => [r.id, r.status, r.intervals])).toEqual([['half_0', 'completed', EPOCHS], ['half_1', 'completed', EPOCHS]]);
    const cut = data.runs[2];
    expect([cut.id, cut.status]).toEqual(['half_2', 'interrupted']);
    expect(cut.intervals).toBeGreaterThanOrEqual(1);
    expect(cut.intervals).toBeLessThan(EPOCHS);
    // Its latest checkpoint of an interval the study stored: the run continues from there.
    const last = data.checkpoints.find((c) => c.runId === 'half_2' && c.kind === 'last');
    expect(last?.interval).toBeGreaterThanOrEqual(Math.max(1, cut.intervals - 1));
    expect(last?.interval).toBeLessThanOrEqual(cut.intervals);
    expect(resumeFromExport(data).runs[2]).toMatchObject({ id: 'half_2', status: 'queued', continueFrom: last?.interval });

    const out = join(dir, 'resumed');
    const resumed = tabtune(['run', '--resume', exported, '--out', out, '--workers', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming half: 3 runs, 1 continue');
    expect(resumed.stdout).toMatch(/^experiment half completed: maxTotalRuns \(4\) reached$/m);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as { id: string; parameters: unknown; metrics: Record<string, number[]> }[];
    expect(runs.map((r) => r.id)).toEqual(['half_0', 'half_1', 'half_2', 'half_3']);
    expect(runs.slice(0, 2).map((r) => [r.parameters, r.metrics.val_accuracy])).toEqual(data.runs.slice(0, 2).map((r) => [r.params, data.metrics[r.id].val_accuracy]));
    // The cut run went on from its checkpoint: its first intervals are the exported ones, then all of them.
    const from = last?.interval ?? 0;
    expect(runs[2].metrics.val_accuracy).toHaveLength(EPOCHS);
    expect(runs[2].metrics.val_accuracy.slice(0, from)).toEqual(data.metrics.half_2.val_accuracy.slice(0, from));
  });
});
