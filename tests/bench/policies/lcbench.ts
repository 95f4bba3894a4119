/**
 * Learning curves from the LCBench surrogate (YAHPO Gym, Pfisterer et al. 2022; LCBench, Zimmer
 * et al. 2021) in ../../../shared/bench/lcbench/, run with onnxruntime-node. See its USAGE.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createRng, type Rng } from '../../../src/core/rng';

export const EPOCHS = 52;

/** One configuration of the surrogate's 7 hyperparameters. */
export interface LcbenchConfig {
  readonly batch_size: number;
  readonly learning_rate: number;
  readonly momentum: number;
  readonly weight_decay: number;
  readonly num_layers: number;
  readonly max_units: number;
  readonly max_dropout: number;
}

const logUniform = (rng: Rng, low: number, high: number) => Math.exp(rng.uniform(Math.log(low), Math.log(high)));

/** `count` configurations drawn by random sampling over the ranges in config_space.json. */
export function sampleConfigs(count: number, seed: number, stream: number): LcbenchConfig[] {
  const rng = createRng(seed, stream);
  return Array.from({ length: count }, () => ({
    batch_size: Math.round(logUniform(rng, 16, 512)),
    learning_rate: logUniform(rng, 1e-4, 0.1),
    momentum: rng.uniform(0.1, 0.99),
    weight_decay: rng.uniform(1e-5, 0.1),
    num_layers: 1 + rng.int(5),
    max_units: Math.round(logUniform(rng, 64, 1024)),
    max_dropout: rng.uniform(0, 1),
  }));
}

/** The surrogate for one directory holding model.onnx and encoding.json. */
export class Surrogate {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly taskIndex: Record<string, number>,
  ) {}

  static async open(dir: string): Promise<Surrogate> {
    const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), { intraOpNumThreads: 1 });
    const encoding = JSON.parse(readFileSync(join(dir, 'encoding.json'), 'utf8')) as { OpenML_task_id: Record<string, number> };
    return new Surrogate(session, encoding.OpenML_task_id);
  }

  /** Validation error after the last epoch (52) of one configuration, rounded as `validationErrors`. */
  async finalError(task: string, c: LcbenchConfig): Promise<number> {
    const index = this.taskIndex[task];
    if (index === undefined) throw new Error(`LCBench task ${task} is not in encoding.json`);
    const row = [EPOCHS, c.batch_size, c.learning_rate, c.momentum, c.weight_decay, c.num_layers, c.max_units, c.max_dropout];
    const out = await this.session.run({
      x_cat: new ort.Tensor('int32', Int32Array.of(index), [1, 1]),
      x_cont: new ort.Tensor('float32', Float32Array.from(row), [1, 8]),
    });
    return Math.round((1 - (out.output.data as Float32Array)[1] / 100) * 1e6) / 1e6;
  }

  /**
   * Validation error (1 - val_accuracy / 100) per epoch 1..52 for each configuration, rounded to
   * 6 decimals so that the curves handed to Optuna as JSON are exactly the ones replayed here.
   * All epochs of all configurations go through one session.run call.
   */
  async validationErrors(task: string, configs: readonly LcbenchConfig[]): Promise<number[][]> {
    const index = this.taskIndex[task];
    if (index === undefined) throw new Error(`LCBench task ${task} is not in encoding.json`);
    const rows = configs.length * EPOCHS;
    const cat = new Int32Array(rows).fill(index);
    const cont = new Float32Array(rows * 8);
    configs.forEach((c, i) => {
      for (let e = 0; e < EPOCHS; e++) {
        const row = [e + 1, c.batch_size, c.learning_rate, c.momentum, c.weight_decay, c.num_layers, c.max_units, c.max_dropout];
        cont.set(row, (i * EPOCHS + e) * 8);
      }
    });
    const out = await this.session.run({
      x_cat: new ort.Tensor('int32', cat, [rows, 1]),
      x_cont: new ort.Tensor('float32', cont, [rows, 8]),
    });
    const data = out.output.data as Float32Array;
    return configs.map((_, i) =>
      Array.from({ length: EPOCHS }, (_, e) => Math.round((1 - data[(i * EPOCHS + e) * 6 + 1] / 100) * 1e6) / 1e6),
    );
  }
}
