/**
 * Backend calibration for `backend: "auto"`: the run's actual model is trained for a few batches
 * on each candidate backend and timed. Names decide nothing: WebGPU over a software adapter
 * (SwiftShader) is ~25x slower than wasm here, and on a real GPU it is the fastest.
 */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/core/data/types';
import type { CalibrationRequest, CalibrationResult, TrainingBackend } from '../../src/protocol';
import { datasetTensors, disposeDataset } from './data';
import { setupRun, type RunSetup } from './run-setup';

const WARMUP_BATCHES = 2;
/** Timing shorter than this is noise (tiny models): the timed batches are repeated up to it. */
const MIN_MEASURE_MS = 300;

/** Rows `[0, rows)` of `x` and `y`, cycled when the set is smaller. */
function sliceRows(x: tf.Tensor, y: tf.Tensor, rows: number): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const index = tf.tensor1d(Array.from({ length: rows }, (_, r) => r % x.shape[0]), 'int32');
    return { x: tf.gather(x, index), y: tf.gather(y, index) };
  });
}

/** Trains `batches` batches of the run's model on the active backend and returns samples per second. */
async function measure(dataset: EncodedDataset, request: CalibrationRequest, deadline: number): Promise<number> {
  const data = datasetTensors(dataset);
  const made: tf.Tensor[] = [];
  let setup: RunSetup | null = null;
  try {
    setup = await setupRun(data, { ...request, seed: 0 });
    const { model, hp } = setup;
    const warm = sliceRows(setup.x, setup.y, hp.batch_size * WARMUP_BATCHES);
    const timed = sliceRows(setup.x, setup.y, hp.batch_size * request.batches);
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
