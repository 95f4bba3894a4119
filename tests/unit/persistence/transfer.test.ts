/** One experiment as one file: export, import in another browser (database), `tabtune run --resume`. */
import { describe, expect, it } from 'vitest';
import {
  Recorder,
  exportExperiment,
  fromBase64,
  getCheckpoint,
  getExperiment,
  getRunMetrics,
  getRuns,
  importExperiment,
  parseExperimentExport,
  resumeExperiment,
  resumeFromExport,
  serializeExperimentExport,
  toBase64,
  type TabtuneDatabase,
} from '../../../src/persistence';
import { checkpointInput, freshDb, runRecord, storedExperiment } from './helpers';

async function source(db: TabtuneDatabase, status: 'completed' | 'running' = 'completed'): Promise<void> {
  await storedExperiment(db, 'src');
  const recorder = new Recorder({ db, experimentId: 'src', primaryMetricName: 'val_accuracy' });
  recorder.persist(
    [
      runRecord('src', 0, [0.5, 0.9], { status: 'completed', endedAt: 9 }),
      runRecord('src', 1, [0.4, Number.NaN], { status: 'failed', reason: 'NaN', endedAt: 9 }),
      runRecord('src', 2, [0.6, 0.62, 0.61], { status: status === 'running' ? 'running' : 'stopped', endedAt: 9 }),
    ],
    { experimentId: 'src', status, startedAt: 1, ...(status === 'completed' ? { endedAt: 9 } : {}), runCount: 3, failedCount: 1 },
  );
  recorder.checkpoint('src_0', checkpointInput(2, 0.9, 7, 4000));
  recorder.checkpoint('src_2', checkpointInput(2, 0.62));
  recorder.checkpoint('src_2', { ...checkpointInput(3, 0.61), kinds: ['last'] });
  await recorder.close();
}

describe('base64', () => {
  it('round-trips every byte value, also past the chunk size', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    expect(new Uint8Array(fromBase64(toBase64(bytes.buffer)))).toEqual(bytes);
  });
});

describe('export and import', () => {
  it('moves config, runs, every value (NaN too) and the best checkpoint into another database under a new id', async () => {
    const from = await freshDb();
    await source(from);
    const text = serializeExperimentExport(await exportExperiment(from, 'src'));
    expect(text).toContain('{"nonFinite":"NaN"}');

    const to = await freshDb();
    const parsed = parseExperimentExport(text);
    expect(parsed.checkpoints.map((c) => [c.runId, c.kind])).toEqual([['src_0', 'best']]);
    const imported = await importExperiment(to, parsed, { now: 77 });
    expect(imported.id).not.toBe('src');
    expect(imported).toMatchObject({ status: 'completed', imported: { from: 'src', at: 77 }, name: 'toy' });
    expect(await getExperiment(to, imported.id)).toMatchObject({ config: parsed.experiment.config });
    const runs = await getRuns(to, imported.id);
    expect(runs.map((r) => [r.id, r.status])).toEqual([[`${imported.id}_0`, 'completed'], [`${imported.id}_1`, 'failed'], [`${imported.id}_2`, 'stopped']]);
    expect(await getRunMetrics(to, `${imported.id}_1`)).toEqual({ val_accuracy: [0.4, Number.NaN], loss: [0.6, Number.NaN] });
    const best = await getCheckpoint(to, `${imported.id}_0`, 'best');
    expect(best).toMatchObject({ interval: 2, value: 0.9, experimentId: imported.id });
    expect(new Uint8Array(best!.weightData)).toEqual(new Uint8Array(4000).fill(7));
    expect(new Int32Array(best!.optimizer!.weightData)).toEqual(new Int32Array([20]));
  });

  it('keeps the id when asked and free; a running experiment arrives interrupted and resumes from its checkpoints', async () => {
    const from = await freshDb();
    await source(from, 'running');
    const data = parseExperimentExport(serializeExperimentExport(await exportExperiment(from, 'src', 'resumable')));
    expect(data.checkpoints.map((c) => [c.runId, c.kind])).toEqual([['src_0', 'best'], ['src_2', 'last'], ['src_2', 'best']]);
    const to = await freshDb();
    const imported = await importExperiment(to, data, { keepId: true });
    expect(imported).toMatchObject({ id: 'src', status: 'interrupted' });
    expect((await getRuns(to, 'src'))[2]).toMatchObject({ status: 'interrupted', reason: 'interrupted: exported while it ran' });
    const plan = await resumeExperiment(to, 'src');
    expect(plan.continuing).toEqual([{ runId: 'src_2', fromInterval: 3, checkpoint: 'last' }]);
    expect((await importExperiment(to, data, { keepId: true })).id).not.toBe('src');
  });

  it('gives tabtune run --resume the runs to restore and the checkpoints to continue from, without a database', async () => {
    const from = await freshDb();
    await source(from, 'running');
    const data = parseExperimentExport(serializeExperimentExport(await exportExperiment(from, 'src', 'resumable')));
    const { runs, checkpoints } = resumeFromExport(data);
    expect(runs.map((r) => [r.id, r.status, r.continueFrom])).toEqual([['src_0', 'completed', undefined], ['src_1', 'failed', undefined], ['src_2', 'queued', 3]]);
    expect(checkpoints.get('src_2')).toMatchObject({ kind: 'last', interval: 3 });
  });

  it('refuses files that are not exports, naming what is wrong', () => {
    expect(() => parseExperimentExport('nope')).toThrow(/^experiment export: not valid JSON/);
    expect(() => parseExperimentExport('{"format":"x"}')).toThrow('experiment export: "format" must be "tabtune-experiment"');
    expect(() => parseExperimentExport('{"format":"tabtune-experiment","version":9}')).toThrow('"version" must be at most 1 (got 9)');
    expect(() => parseExperimentExport('{"format":"tabtune-experiment","version":1,"experiment":{"id":"a","config":{"space":"{}","bogus":1}}}')).toThrow(/"bogus" is not a known key/);
  });
});
