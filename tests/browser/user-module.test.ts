/**
 * The user's own model code in the browser's training workers: it runs in a worker (no `document`),
 * an exception in `build` fails that run with the user's message and my-model.mjs:LINE:COLUMN while
 * the experiment goes on, and tensors the code leaks are counted on the run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEncodeOptions, findDemo, loadCsvText, type EncodedDataset } from '../../src/core/data';
import { parseExperimentConfig } from '../../src/core/experiment';
import { ExperimentHost, schedulerDepsOf, spawnBrowserWorker } from '../../src/runtime';

let digits: EncodedDataset;

beforeAll(async () => {
  const demo = findDemo('digits')!;
  const response = await fetch(`/datasets/${demo.file}`);
  digits = await loadCsvText(await response.text(), { ...demoEncodeOptions(demo), target: demo.target });
});

// Line 4 throws for mode "throw" (column 34: the `new`); mode "leak" makes two tensors it never disposes.
const SOURCE = `export function build(hp, ctx) {
  const tf = ctx.tf;
  if (typeof document !== 'undefined' || typeof window !== 'undefined') throw new Error('the page is reachable');
  if (hp.mode === 'throw') throw new Error('width ' + hp.width + ' is too wide');
  if (hp.mode === 'leak') { tf.tensor1d([1, 2, 3]); tf.scalar(4); }
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: ctx.inputShape }));
  model.add(tf.layers.dense({ units: hp.width, activation: 'relu' }));
  model.add(tf.layers.dense({ units: ctx.outputCount, activation: 'softmax' }));
  return model;
}

export async function fit(hp, model, ctx) {
  // ctx.train.y holds int32 class indices; tfjs's sparse cross-entropy wants float32.
  const y = ctx.train.y.toFloat();
  const validY = ctx.validation.y.toFloat();
  try {
    for (let epoch = 0; epoch < hp.epochs && !ctx.shouldStop(); epoch++) {
      const history = await model.fit(ctx.train.x, y, { epochs: 1, batchSize: 64, verbose: 0, validationData: [ctx.validation.x, validY] });
      ctx.log('document_type_is_undefined', typeof document === 'undefined' ? 1 : 0);
      ctx.log('val_accuracy', history.history.val_acc[0]);
    }
  } finally {
    ctx.tf.dispose([y, validY]);
  }
}
`;

describe('a model module in the browser', () => {
  it('runs in a worker without document; a throwing build fails its run with file:line; leaks are counted', async () => {
    const config = parseExperimentConfig({
      name: 'user-module',
      dataset: { source: 'demo:digits' },
      model: { module: { name: 'my-model.mjs', source: SOURCE }, hyperparameters: { epochs: 2, width: 16 } },
      space: '{"mode": choice("ok", "throw", "leak")}',
      sampling: { type: 'grid' },
      policy: { type: 'none' },
      maxTotalRuns: 3,
      maxConcurrentRuns: 1,
      backend: 'wasm',
    });
    const host = new ExperimentHost({ experimentId: 'um', config, dataset: digits, deps: schedulerDepsOf(config), spawn: spawnBrowserWorker, poolSize: 1 });
    const final = await host.start();
    const { stats } = host.snapshot();
    const byMode = Object.fromEntries(final.runs.map((run) => [run.params.mode, run]));

    const summary = JSON.stringify([final.reason, final.runs.map((r) => [r.params.mode, r.status, r.reason])]);
    expect(final.status, summary).toBe('completed');
    expect(byMode.ok).toMatchObject({ status: 'completed', intervals: 2 });
    expect(byMode.ok.metrics.document_type_is_undefined).toEqual([1, 1]);
    expect(byMode.throw.status).toBe('failed');
    expect(byMode.throw.reason).toMatch(/build threw width 16 is too wide \(my-model\.mjs:4:34\)/);
    expect(byMode.leak).toMatchObject({ status: 'completed', intervals: 2 });

    const leaked = (id: string) => stats[id].result!.tensorsAfter - stats[id].result!.tensorsBefore;
    expect(leaked(byMode.ok.id)).toBe(0);
    expect(leaked(byMode.leak.id)).toBe(2);
    // The run record carries the count too (stored with the run, shown after a reload).
    expect(byMode.leak.tensors!.after - byMode.leak.tensors!.before).toBe(2);
    expect(byMode.ok.tensors!.after).toBe(byMode.ok.tensors!.before);
  });
});
