/**
 * Backend calibration for `backend: "auto"`: the run's actual model is trained for a few batches
 * on each candidate backend and timed. Names decide nothing: WebGPU over a software adapter
 * (SwiftShader) is ~25x slower than wasm here, and on a real GPU it is the fastest.
 */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/core/data/types';
import { trainingHyperparameters } from '../../src/core/experiment';
import type { CalibrationRequest, CalibrationResult, TrainingBackend } from '../../src/protocol';
import { datasetTensors, disposeDataset } from './data';
import { setupRun, type RunSetup } from './run-setup';

const WARMUP_BATCHES = 2;
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

/** Trains `batches` batches of the run's model on the active backend and returns samples per second. */
async function measure(dataset: EncodedDataset, request: CalibrationRequest, deadline: number): Promise<number> {
  const batch = trainingHyperparameters(request.params, request.fixed).batch_size;
  const data = datasetTensors(calibrationRows(dataset, batch * (WARMUP_BATCHES + request.batches)));
  const made: tf.Tensor[] = [];
  let setup: RunSetup | null = null;
  try {
    setup = await setupRun(data, { ...request, seed: 0 });
    const { model, hp } = setup;
    const split = batch * WARMUP_BATCHES;
    const warm = { x: setup.x.slice(0, split), y: setup.y.slice(0, split) };
    const timed = { x: setup.x.slice(split), y: setup.y.slice(split) };
    made.push(warm.x, warm.y, timed.x, timed.y);
    await model.fit(warm.x, warm.y, { epochs: 1, batchSize: hp.batch_size, verbose: 0, yieldEvery: 'never' });
    let rows = 0;
    const start = performance.now();
    const overBudget = (): boolean => performance.now() > deadline;
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
 * that fails to initialise or to train is reported with its error, not thrown.
 */
export async function calibrate(
  dataset: EncodedDataset,
  request: CalibrationRequest,
  backends: readonly TrainingBackend[],
  use: (backend: TrainingBackend, timeoutMs: number) => Promise<void>,
): Promise<CalibrationResult[]> {
  const results: CalibrationResult[] = [];
  for (const backend of backends) {
    const start = performance.now();
    const deadline = start + request.budgetMs;
    try {
      await use(backend, request.budgetMs);
      const samplesPerSecond = await measure(dataset, request, deadline);
      results.push({ backend, samplesPerSecond, seconds: (performance.now() - start) / 1000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ backend, samplesPerSecond: null, error: message, seconds: (performance.now() - start) / 1000 });
    }
  }
  return results;
}
