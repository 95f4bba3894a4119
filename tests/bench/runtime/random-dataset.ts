/** The random classification dataset of the PyTorch comparison in `npm run bench:runtime`. */
import { createRng } from '../../../src/core/rng';
import type { EncodedDataset } from '../../../src/core/data';

/** Feature count and class count of the throughput measure (issue 13). */
export const RANDOM_FEATURES = 64;
export const RANDOM_CLASSES = 10;

function normals(count: number, rng: ReturnType<typeof createRng>): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

function labels(count: number, rng: ReturnType<typeof createRng>): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.int(RANDOM_CLASSES);
  return out;
}

/**
 * `trainRows` + `validRows` rows of N(0, 1) features (64) and uniform labels (10 classes), seeded,
 * as an encoded dataset that tabtune's host and workers take like any other.
 */
export function randomDataset(trainRows: number, validRows: number, seed = 1): EncodedDataset {
  const rng = createRng(seed);
  const columns = Array.from({ length: RANDOM_FEATURES }, (_, i) => ({ kind: 'numeric' as const, name: `x${i}`, mean: 0, std: 1 }));
  return {
    id: 'bench-random',
    name: 'bench-random',
    source: 'upload:bench-random',
    encoding: { columns, target: 'y', task: 'classification', classLabels: Array.from({ length: RANDOM_CLASSES }, (_, i) => String(i)) },
    featureCount: RANDOM_FEATURES,
    outputCount: RANDOM_CLASSES,
    trainX: normals(trainRows * RANDOM_FEATURES, rng),
    trainY: labels(trainRows, rng),
    validX: normals(validRows * RANDOM_FEATURES, rng),
    validY: labels(validRows, rng),
    splitSeed: seed,
    validationFraction: validRows / (trainRows + validRows),
  };
}
