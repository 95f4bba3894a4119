/**
 * `ctx`, the second argument of the user's `build(hp, ctx)` and third of `fit(hp, model, ctx)`.
 * Its names are a contract other tools and tests rely on: tf, train, validation, inputShape,
 * outputCount, task, classLabels, seed, random, log, shouldStop, checkpoint.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelContext, Split } from '../../public/examples/tabtune-model';
import { createRng } from '../../src/core/rng';

/** `ctx` as users see it: the types published for copying (public/examples/tabtune-model.d.ts) are the ones built here. */
export type RunContext = ModelContext;
export type { Split };

/** The run's side of `ctx`: where logs, stop questions and checkpoint requests go. */
export interface ContextSink {
  log(name: string, value: number): void;
  shouldStop(): boolean;
  checkpoint(): Promise<void>;
}

/** Everything `ctx` describes about the data. */
export type ContextData = Pick<ModelContext, 'train' | 'validation' | 'inputShape' | 'outputCount' | 'task' | 'classLabels'>;

/** Stream of `ctx.random()` within the run's seed (apart from the streams tabtune's own shuffles use). */
const CTX_RANDOM_STREAM = 7;

/** A frozen `ctx` over `data` whose log / shouldStop / checkpoint go to `sink`. */
export function createRunContext(data: ContextData, seed: number, sink: ContextSink): RunContext {
  const rng = createRng(seed, CTX_RANDOM_STREAM);
  return Object.freeze({
    tf,
    train: Object.freeze({ ...data.train }),
    validation: Object.freeze({ ...data.validation }),
    inputShape: Object.freeze([...data.inputShape]),
    outputCount: data.outputCount,
    task: data.task,
    classLabels: Object.freeze([...data.classLabels]),
    seed,
    random: () => rng.next(),
    log: (name: string, value: number) => {
      if (typeof name !== 'string' || name === '') throw new TypeError(`ctx.log: the metric name must be a non-empty string (got ${JSON.stringify(name)})`);
      if (typeof value !== 'number') throw new TypeError(`ctx.log("${name}", value): value must be a number (got ${typeof value}${value === null ? ' null' : ''}; use await t.data() or t.dataSync()[0] for a tensor)`);
      sink.log(name, value);
    },
    shouldStop: () => sink.shouldStop(),
    checkpoint: () => sink.checkpoint(),
  });
}
