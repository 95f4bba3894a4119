/**
 * Three worker processes (three machines) run one study of 12 runs on the digits demo against a
 * real PostgreSQL with tabtune's Bayesian sampler and median stopping.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { demoEncodeOptions, findDemo, loadCsvText } from '../../src/core/data';
import { getBestRunByPrimaryMetric } from '../../src/core/scheduler';
import { parseExperimentExport, runRecordOf } from '../../src/persistence';
import { digitsExperiment, dumpStudy, runIntegration, startWorker, tabtune, type TrialDump } from './support/workers';

const url = inject('postgresUrl');
const dir = mkdtempSync(join(tmpdir(), 'tabtune-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The curves in trial order, a stopped run's curve extended by one value so replay is asked at its last interval. */
function replayCurves(trials: readonly TrialDump[]): { id: string; values: number[] }[] {
  return trials.map((t) => ({ id: String(t.number), values: t.state === 'PRUNED' ? [...t.intermediate, t.intermediate.at(-1) as number] : t.intermediate }));
}

/** The export holds the study's runs in trial order and a best model that scores what it logged. */
async function checkExport(text: string, finished: readonly TrialDump[]): Promise<void> {
  const data = parseExperimentExport(text);
  expect(data.experiment).toMatchObject({ id: 'digits', status: 'completed', runCount: 12, failedCount: 0 });
  expect(data.runs.map((r) => r.status)).toEqual(finished.map((t) => (t.state === 'COMPLETE' ? 'completed' : 'stopped')));
  expect(data.runs.map((r) => data.metrics[r.id].val_accuracy)).toEqual(finished.map((t) => t.intermediate));
  expect(data.runs.map((r) => Object.keys(data.metrics[r.id]).sort())).toEqual(finished.map(() => ['accuracy', 'loss', 'val_accuracy', 'val_loss']));
  const best = getBestRunByPrimaryMetric(data.runs.map((r) => runRecordOf(r, data.metrics[r.id])), 'maximize', 'val_accuracy');
  expect(best?.kind).toBe('run');
  const [checkpoint] = data.checkpoints;
  expect(checkpoint).toMatchObject({ kind: 'best', runId: best?.kind === 'run' ? best.run.id : '', interval: best?.kind === 'run' ? best.interval : 0 });
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: checkpoint.modelTopology as tf.io.ModelJSON['modelTopology'], weightSpecs: [...checkpoint.weightSpecs], weightData: checkpoint.weightData }));
  const demo = findDemo('digits')!;
  const digits = await loadCsvText(readFileSync('public/datasets/digits.csv', 'utf8'), { ...demoEncodeOptions(demo), target: demo.target });
  const rows = digits.validY.length;
  const predicted = Array.from(tf.tidy(() => (model.predict(tf.tensor2d(digits.validX, [rows, digits.featureCount])) as tf.Tensor).argMax(-1).dataSync()));
  expect(predicted.filter((p, i) => p === digits.validY[i]).length / rows).toBeCloseTo(checkpoint.value, 5);
  model.dispose();
}

describe('tabtune_optuna.py worker x3 on PostgreSQL', () => {
  it('runs 12 runs once each, stores every interval, and stops runs exactly as tabtune replay does', { timeout: 240_000 }, async () => {
    const file = digitsExperiment(dir, 'digits-dist');
    const out = join(dir, 'runs');
    const workers = [0, 1, 2].map(() => startWorker(['worker', file, '--storage', url, '--study', 'digits', '--out', out, '--heartbeat', '2']));
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join('\n---\n')).toEqual([0, 0, 0]);
    for (const w of workers) expect(w.output()).toMatch(/^study digits: 12 of 12 runs finished \(maxTotalRuns \(12\) reached\); this worker ran \d+$/m);

    const { userAttrs, trials } = dumpStudy(url, 'digits');
    expect(userAttrs).toEqual(['tabtune:experiment', 'tabtune:space']);
    const counted = trials.filter((t) => !t.surplus);
    const finished = counted.filter((t) => t.state === 'COMPLETE' || t.state === 'PRUNED');
    expect(finished).toHaveLength(12);
    expect(counted.filter((t) => t.state !== 'COMPLETE' && t.state !== 'PRUNED')).toEqual([]);
    // Run numbers are trial numbers: each once; every worker's runs add up to the 12.
    expect(new Set(finished.map((t) => t.number)).size).toBe(12);
    const ran = workers.map((w) => Number(/this worker ran (\d+)/.exec(w.output())?.[1]));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(12);
    // Every interval is in the storage: the primary metric reported, every metric as an attr.
    for (const t of finished) {
      const intervals = t.state === 'COMPLETE' ? 4 : (t.stop?.interval as number);
      expect(t.steps).toEqual(Array.from({ length: intervals }, (_, i) => i + 1));
      expect(t.intervalAttrs).toEqual(t.steps);
      expect(t.params).toMatchObject({ learning_rate: expect.any(Number), keep_probability: expect.any(Number) });
    }
    // Median stopping stopped some runs, each with its reason.
    const stopped = finished.filter((t) => t.state === 'PRUNED');
    expect(stopped.length).toBeGreaterThan(0);
    for (const t of stopped) expect(t.stop?.reason).toMatch(/^val_accuracy [\d.]+ < [\d.]+ = median of the means over intervals 1\.\.\d of \d+ other runs? at interval \d$/);

    // tabtune replay on the same curves in the same order decides exactly the same.
    const curves = join(dir, 'curves.json');
    writeFileSync(curves, JSON.stringify({ goal: 'maximize', primaryMetricName: 'val_accuracy', runs: replayCurves(finished) }));
    const policy = JSON.parse(readFileSync(file, 'utf8')).policy;
    const replay = tabtune(['replay', '--curves', curves, '--policy', JSON.stringify(policy), '--concurrency', '3']);
    expect(replay.code, replay.stderr).toBe(0);
    const decided = replay.stdout.trim().split('\n').slice(0, -1).map((line) => JSON.parse(line) as { id: string; stoppedAt: number | null; reason: string | null });
    expect(decided.map((d) => [d.id, d.stoppedAt, d.reason])).toEqual(finished.map((t) => [String(t.number), t.stop?.interval ?? null, t.stop?.reason ?? null]));

    // The study comes back as tabtune's export file: every run and interval, the best model.
    const exported = join(dir, 'digits.tabtune.json');
    const exportRun = runIntegration(['export', '--storage', url, '--study', 'digits', '--out', exported, '--runs-dir', out]);
    expect(exportRun.code, exportRun.stderr).toBe(0);
    expect(exportRun.stdout).toContain(`${exported}: experiment digits (completed), 12 runs, 1 checkpoints`);
    await checkExport(readFileSync(exported, 'utf8'), finished);
  });
});
