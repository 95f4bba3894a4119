/**
 * Backend calibration for `backend: "auto"`: the run's actual model is trained for a few batches
 * on each candidate backend and timed. Names decide nothing: WebGPU over a software adapter
 * (SwiftShader) is ~25x slower than wasm here, and on a real GPU it is the fastest. `wasm-fused`
 * is timed on its own fused kernel; a model it cannot train is reported as an error (it would
 * train on plain wasm, which is measured on its own). A backend past the budget after its two
 * warm-up batches is judged by the second one (a slow one trains no more batches).
 */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/core/data/types';
import { trainingHyperparameters } from '../../src/core/experiment';
import type { CalibrationRequest, CalibrationResult, TrainingBackend } from '../../src/protocol';
import { datasetTensors, disposeDataset, type DatasetTensors } from './data';
import { fusedTrainerFor } from './fused';
import { setupRun, type RunSetup } from './run-setup';

const WARMUP_BATCHES = 2;
/**
 * The reference JS backend: measured only where no wasm backend could train the model. It was never
 * the fastest (demo MLP 3.6-7.2k samples/s against wasm 12-24k; a 32x32 CNN 7-9 against 470-615,
 * on a 2-core machine and on an H200 machine's CPU), and on a 64x64 CNN its few calibration
 * batches took over ten minutes, all of which the experiment's first run waited for.
 */
const FALLBACK_ONLY: TrainingBackend = 'cpu';
const WASM_BACKENDS: readonly TrainingBackend[] = ['wasm', 'wasm-fused'];
/** Timing shorter than this is noise (tiny models): the timed batches are repeated up to it. */
const MIN_MEASURE_MS = 300;

/**
 * The first `rows` training rows of `dataset` (cycled when it has fewer) and no validation rows:
 * all that calibration uploads to each backend, however large the dataset.
 */
function calibrationRows(dataset: EncodedDataset, rows: number): EncodedDataset {
  const f = dataset.featureCount;
  const n = dataset.trainY.length;
  const trainX = new Float32Array(rows * f);
  const trainY = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = r % n;
    trainX.set(dataset.trainX.subarray(src * f, src * f + f), r * f);
    trainY[r] = dataset.trainY[src];
  }
  return { ...dataset, trainX, trainY, validX: new Float32Array(0), validY: new Float32Array(0) };
}

/** Samples per second of the fused kernel on the run's model: `warm` batches, then timed ones over `rows` rows. */
async function measureFused(setup: RunSetup, request: CalibrationRequest, data: DatasetTensors, deadline: number): Promise<number> {
  const trainer = await fusedTrainerFor(request.family, setup, data, 0);
  if (!trainer) throw new Error('wasm-fused trains only the built-in mlp (this model would train on plain wasm)');
  const batch = setup.hp.batch_size;
  const order = Array.from({ length: trainer.trainRows }, (_, i) => i);
  const sums = { rows: 0, loss: 0, second: 0 };
  const split = batch * WARMUP_BATCHES;
  for (let start = 0; start < split; start += batch) trainer.trainBatch(order, start, start + batch, sums);
  let rows = 0;
  const start = performance.now();
  do {
    for (let at = split; at < order.length && (rows === 0 || performance.now() <= deadline); at += batch) {
      const end = Math.min(at + batch, order.length);
      trainer.trainBatch(order, at, end, sums);
      rows += end - at;
    }
  } while (performance.now() - start < MIN_MEASURE_MS && performance.now() <= deadline);
  return rows / ((performance.now() - start) / 1000);
}

/** Trains `batches` batches of the run's model on the active backend (its fused kernel when `fused`) and returns samples per second. */
async function measure(dataset: EncodedDataset, request: CalibrationRequest, deadline: number, fused: boolean): Promise<number> {
  const batch = trainingHyperparameters(request.params, request.fixed).batch_size;
  const data = datasetTensors(calibrationRows(dataset, batch * (WARMUP_BATCHES + request.batches)));
  const made: tf.Tensor[] = [];
  let setup: RunSetup | null = null;
  try {
    setup = await setupRun(data, { ...request, seed: 0 });
    if (fused) return await measureFused(setup, request, data, deadline);
    const { model, hp } = setup;
    const split = batch * WARMUP_BATCHES;
    const warm = { x: setup.x.slice(0, split), y: setup.y.slice(0, split) };
    const timed = { x: setup.x.slice(split), y: setup.y.slice(split) };
    made.push(warm.x, warm.y, timed.x, timed.y);
    const overBudget = (): boolean => performance.now() > deadline;
    // A backend already past the budget after its warm-up is judged by the second warm-up batch
    // (the first one compiles): two batches in all, not a third.
    const batchEnds: number[] = [];
    await model.fit(warm.x, warm.y, {
      epochs: 1,
      batchSize: hp.batch_size,
      verbose: 0,
      yieldEvery: 'never',
      callbacks: { onBatchEnd: () => void batchEnds.push(performance.now()) },
    });
    if (overBudget() && batchEnds.length >= 2) return hp.batch_size / ((batchEnds[1] - batchEnds[0]) / 1000);
    let rows = 0;
    const start = performance.now();
    do {
      await model.fit(timed.x, timed.y, {
        epochs: 1,
        batchSize: hp.batch_size,
        verbose: 0,
        yieldEvery: 'never',
        callbacks: {
          onBatchBegin: (_batch, logs) => {
            // Over budget (a slow software GPU): end with what was measured so far.
            if (rows > 0 && overBudget()) model.stopTraining = true;
            rows += (logs?.size as number | undefined) ?? hp.batch_size;
          },
        },
      });
    } while (performance.now() - start < MIN_MEASURE_MS && !overBudget());
    const seconds = (performance.now() - start) / 1000;
    return rows / seconds;
  } finally {
    tf.dispose(made);
    setup?.dispose();
    disposeDataset(data);
  }
}

/**
 * Measures each of `backends` in turn with `use` (which activates one); a backend
 * that fails to initialise or to train is reported with its error, not thrown. `cpu` is left out
 * (no result) when a wasm backend listed before it trained the model.
 */
export async function calibrate(
  dataset: EncodedDataset,
  request: CalibrationRequest,
  backends: readonly TrainingBackend[],
  use: (backend: TrainingBackend, timeoutMs: number) => Promise<void>,
): Promise<CalibrationResult[]> {
  const results: CalibrationResult[] = [];
  for (const backend of backends) {
    const wasmTrained = results.some((r) => WASM_BACKENDS.includes(r.backend) && r.samplesPerSecond !== null);
    if (backend === FALLBACK_ONLY && wasmTrained) continue;
    const start = performance.now();
    const deadline = start + request.budgetMs;
    try {
      await use(backend, request.budgetMs);
      const samplesPerSecond = await measure(dataset, request, deadline, backend === 'wasm-fused');
      results.push({ backend, samplesPerSecond, seconds: (performance.now() - start) / 1000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ backend, samplesPerSecond: null, error: message, seconds: (performance.now() - start) / 1000 });
    }
  }
  return results;
}
