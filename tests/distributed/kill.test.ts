/**
 * A machine dies mid-run: its worker (and the training process under it) is SIGKILLed. Optuna's
 * heartbeat fails its run, the retry callback queues it again, the other worker continues it from
 * its last stored checkpoint in the shared --out folder, and the study completes with nothing else
 * lost.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkpointInterval, digitsExperiment, dumpStudy, killMachine, startWorker, tabtune, waitFor } from './support/workers';

const url = inject('postgresUrl');
const dir = mkdtempSync(join(tmpdir(), 'tabtune-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a worker killed mid-run', () => {
  it('has its run failed and retried; the study still completes', { timeout: 240_000 }, async () => {
    const file = digitsExperiment(dir, 'digits-kill', { maxTotalRuns: 3, model: { family: 'mlp', hyperparameters: { epochs: 20, units: 16 } }, policy: { type: 'none' } });
    const args = ['worker', file, '--storage', url, '--study', 'kill', '--out', join(dir, 'runs'), '--heartbeat', '1'];
    const doomed = startWorker(args);
    // Its first run (run 0: it is alone so far) has checkpointed 3 intervals: the machine dies mid-run.
    await waitFor(() => ((checkpointInterval(join(dir, 'runs', 'run-0', 'last')) ?? 0) >= 3 ? true : undefined), 60_000, 'run 0 to log 3 intervals');
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
    // The retry continued from the killed run's latest stored checkpoint: the intervals before it
    // are the killed run's own, and its train process reported only the intervals after it.
    const from = retry?.resumed?.interval ?? 0;
    expect(retry?.resumed, JSON.stringify(retry)).toMatchObject({ from: 0, checkpoint: expect.stringMatching(/run-0[/\\](last|previous)$/) });
    expect(from).toBeGreaterThanOrEqual(1);
    expect(retry?.intermediate.slice(0, from)).toEqual(killed?.intermediate.slice(0, from));
    const reported = JSON.parse(readFileSync(join(dir, 'runs', `run-${retry?.number}`, 'run.json'), 'utf8')) as { metrics: Record<string, number[]> };
    expect(reported.metrics.val_accuracy).toEqual(retry?.intermediate.slice(from));
    // Its curve is that checkpoint's continuation: the same values as training on from it again.
    const again = tabtune(['train', file, '--params', JSON.stringify(retry?.params), '--run', '0', '--resume-from', retry?.resumed?.checkpoint as string]);
    expect(again.code, again.stderr).toBe(0);
    const lines = again.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { interval: number; metrics: { val_accuracy: number } });
    expect(lines[0].interval).toBe(from + 1);
    expect(lines.map((l) => l.metrics.val_accuracy)).toEqual(retry?.intermediate.slice(from));
    // Nothing else lost: every other run finished with all its intervals, 3 in all.
    const finished = counted.filter((t) => t.state === 'COMPLETE');
    expect(finished).toHaveLength(3);
    for (const t of finished) expect(t.intervalAttrs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(counted.filter((t) => t.state === 'FAIL').map((t) => t.number)).toEqual([0]);
  });
});
