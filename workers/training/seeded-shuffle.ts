/**
 * Seeded batch order for `model.fit`.
 *
 * tfjs shuffles each epoch's rows with `Math.random` (`tf.util.shuffle` inside `fit`), which no
 * seed reaches, so two runs with the same parameters trained differently. Between `fit`'s
 * `onEpochBegin` callback and its first `onBatchBegin`, `fit` does nothing but that shuffle (and
 * building the index tensor from it). A run therefore swaps in a generator seeded by
 * (run seed, epoch) for exactly that window, so a run is reproducible on a backend.
 * `fit` shuffles one index array in place epoch after epoch, so a run continued from a checkpoint
 * (whose `fit` starts from the identity order) is reproducible too but takes other batches than a
 * run that never stopped.
 */
import { createRng } from '../../src/core/rng';

const unseeded = Math.random;

/** Called from `onEpochBegin`: the coming shuffle draws from the (seed, epoch) stream. */
export function seedEpochShuffle(seed: number, epoch: number): void {
  // Stream offset keeps these draws apart from the sampler's per-run streams of the same seed.
  const rng = createRng(seed, 0x5eed0000 + epoch);
  Math.random = () => rng.next();
}

/** Called from the first `onBatchBegin` and when training ends: everything else stays unseeded. */
export function unseedShuffle(): void {
  Math.random = unseeded;
}
