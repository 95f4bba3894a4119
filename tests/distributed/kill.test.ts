/**
 * A machine dies mid-run: its worker (and the training process under it) is SIGKILLed. Optuna's
 * heartbeat fails its run, the retry callback queues it again, the other worker runs it, and the
 * study completes with nothing else lost.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { digitsExperiment, dumpStudy, killMachine, startWorker, waitFor } from './support/workers';

const url = inject('postgresUrl');
const dir = mkdtempSync(join(tmpdir(), 'tabtune-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a worker killed mid-run', () => {
  it('has its run failed and retried; the study still completes', { timeout: 240_000 }, async () => {
    const file = digitsExperiment(dir, 'digits-kill', { maxTotalRuns: 3, model: { family: 'mlp', hyperparameters: { epochs: 20, units: 16 } }, policy: { type: 'none' } });
    const args = ['worker', file, '--storage', url, '--study', 'kill', '--out', join(dir, 'runs'), '--heartbeat', '1'];
    const doomed = startWorker(args);
    // Its first run (run 0: it is alone so far) has checkpointed an interval: the machine dies mid-run.
    await waitFor(() => (existsSync(join(dir, 'runs', 'run-0', 'last', 'checkpoint.json')) ? true : undefined), 60_000, 'run 0 to log an interval');
    killMachine(doomed);
    const victim = dumpStudy(url, 'kill').trials.find((t) => t.number === 0);
    expect(victim?.state).toBe('RUNNING');
    expect(victim?.worker).toMatch(new RegExp(`:${doomed.child.pid}$`));
    expect(victim?.steps.length).toBeLessThan(20);
    const survivor = startWorker(args);
    expect(await survivor.exited, survivor.output()).toBe(0);
    expect(survivor.output()).toMatch(/^study kill: 3 of 3 runs finished/m);

    const { trials } = dumpStudy(url, 'kill');
    const counted = trials.filter((t) => !t.surplus);
    const killed = counted.find((t) => t.number === 0);
    expect(killed?.state).toBe('FAIL');
    const retry = counted.find((t) => t.failedTrial === 0);
    expect(retry, JSON.stringify(counted)).toBeDefined();
    expect(retry?.params).toEqual(killed?.params);
    expect(retry?.state).toBe('COMPLETE');
    expect(retry?.steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Nothing else lost: every other run finished with all its intervals, 3 in all.
    const finished = counted.filter((t) => t.state === 'COMPLETE');
    expect(finished).toHaveLength(3);
    for (const t of finished) expect(t.intervalAttrs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(counted.filter((t) => t.state === 'FAIL').map((t) => t.number)).toEqual([0]);
  });
});
