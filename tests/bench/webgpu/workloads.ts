/**
 * The models of `npm run bench -- webgpu`: the demo MLP, a wide MLP and three CNNs, each with the
 * dataset it trains on (the digits demo, or seeded synthetic rows of the right shape: speed does
 * not depend on what the pixels show). Shared by the page and its report.
 */
import type { EncodedDataset } from '../../../src/core/data';
import type { TrainRequest } from '../../../src/runtime';

export type WorkloadId = 'mlp-demo' | 'mlp-wide' | 'cnn-digits' | 'cnn-32' | 'cnn-64';

export interface Workload {
  readonly id: WorkloadId;
  readonly family: 'mlp' | 'cnn';
  /** In words, for the report. */
  readonly what: string;
  /** `digits`: the bundled demo; otherwise synthetic rows of this shape (features = h x w x c). */
  readonly data: 'digits' | { readonly rows: number; readonly shape: readonly [number, number, number] };
  readonly units: number;
  readonly layers: number;
  readonly batch: number;
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'mlp-demo', family: 'mlp', what: 'digits MLP 64-64, batch 64 (the demo)', data: 'digits', units: 64, layers: 2, batch: 64 },
  { id: 'mlp-wide', family: 'mlp', what: '784 inputs, MLP 512x3, batch 256', data: { rows: 4096, shape: [28, 28, 1] }, units: 512, layers: 3, batch: 256 },
  { id: 'cnn-digits', family: 'cnn', what: 'digits 8x8 CNN 32 filters x2, batch 64', data: 'digits', units: 32, layers: 2, batch: 64 },
  { id: 'cnn-32', family: 'cnn', what: '32x32x3 CNN 32 filters x2, batch 32', data: { rows: 1024, shape: [32, 32, 3] }, units: 32, layers: 2, batch: 32 },
  { id: 'cnn-64', family: 'cnn', what: '64x64x3 CNN 64 filters x3, batch 32', data: { rows: 512, shape: [64, 64, 3] }, units: 64, layers: 3, batch: 32 },
];

/**
 * The training request of a bench run of `model` for `epochs` epochs: every hyperparameter fixed
 * (`extra` adds more), no checkpoints. Shared by this bench's page and gpu-share's.
 */
export function workloadRequest(
  model: Pick<Workload, 'family' | 'units' | 'layers' | 'batch'>,
  runId: string,
  epochs: number,
  extra: Record<string, number> = {},
): TrainRequest {
  return {
    runId,
    family: model.family,
    params: {},
    fixed: { epochs, units: model.units, number_of_hidden_layers: model.layers, batch_size: model.batch, ...extra },
    primaryMetricName: 'val_accuracy',
    goal: 'maximize',
    seed: 1,
    checkpoints: false,
  };
}

/** A seeded generator (mulberry32): the same synthetic rows on every machine. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `rows` training rows (and a quarter as many validation rows) of random pixels in [0, 1) and 10 classes. */
export function syntheticImages(id: string, rows: number, shape: readonly [number, number, number]): EncodedDataset {
  const [h, w, c] = shape;
  const features = h * w * c;
  const next = uniform(rows * 31 + features);
  const fill = (n: number) => Float32Array.from({ length: n }, next);
  const labels = (n: number) => Float32Array.from({ length: n }, () => Math.floor(next() * 10));
  const valid = Math.max(1, Math.floor(rows / 4));
  return {
    id,
    name: id,
    source: `upload:${id}`,
    encoding: {
      columns: [],
      target: 'label',
      task: 'classification',
      classLabels: Array.from({ length: 10 }, (_, i) => String(i)),
      image: { size: h, channels: c === 1 ? 1 : 3, resize: 'synthetic', scale: 1 },
    },
    featureCount: features,
    outputCount: 10,
    imageShape: [h, w, c],
    trainX: fill(rows * features),
    trainY: labels(rows),
    validX: fill(valid * features),
    validY: labels(valid),
    splitSeed: 0,
    validationFraction: 0.2,
  };
}
