/**
 * The fused dense training path of backend `wasm-fused`: a run of the built-in `mlp` trains in
 * one WebAssembly kernel instead of tfjs kernels (tens of µs each, over a hundred per Adam step).
 */
import type { ModelFamily } from '../../../src/core/experiment';
import type { DatasetTensors } from '../data';
import type { RunSetup } from '../run-setup';
import { fusedPlan } from './fused-plan';
import { FusedTrainer } from './fused-trainer';

export { fusedEpochs, type LoopControl } from './fused-loop';
export { fusedPlan } from './fused-plan';
export type { FusedTrainer, EpochSums } from './fused-trainer';

/**
 * A fused trainer for `setup` (after any checkpoint was restored into its model and optimizer),
 * or null when the model is not one the kernel trains (the run then trains on tfjs wasm).
 */
export async function fusedTrainerFor(family: ModelFamily, setup: RunSetup, data: DatasetTensors, seed: number): Promise<FusedTrainer | null> {
  const plan = fusedPlan(family, setup, data.shape.task, data.shape.featureCount);
  if (!plan) return null;
  const trainer = await FusedTrainer.create(plan, setup.hp, seed, setup.x, setup.y, setup.validation);
  await trainer.readFrom(setup.model, setup.optimizer);
  return trainer;
}
