/**
 * Random-sampling speed of the parameter space: configurations per second of `sampleSpace` on a
 * 10-parameter space using every kind of expression.
 *
 *   npx tsx tests/bench/space-sampling.ts [seconds per measurement, default 1]
 *
 * Two numbers: one generator for all samples (the transforms alone), and a fresh
 * `createRng(seed, i)` per configuration, which is how an experiment samples run i.
 * Each is the median of 5 timed rounds after a warm-up, so a busy shared machine shows less.
 */
import { createRng } from '../../src/core/rng';
import { parseSpace, sampleSpace, type Space } from '../../src/core/space';

const SPACE = `{
  "batch_size": choice(16, 32, 64, 128, 256),
  "learning_rate": loguniform(-9, -2),
  "activation": choice("relu", "tanh", "elu"),
  "seed": randint(1000),
  "keep_probability": uniform(0.5, 1),
  "units": quniform(16, 512, 16),
  "l2": qloguniform(-9, 0, 0.0001),
  "momentum": normal(0.9, 0.03),
  "decay": lognormal(-5, 1),
  "warmup": qnormal(100, 30, 10)
}`;

const seconds = Number(process.argv[2] ?? 1);

/** Configurations per second of `run(count)`, growing the batch until one round takes `seconds`. */
function rate(run: (count: number) => number): number {
  let count = 1000;
  for (;;) {
    const start = performance.now();
    run(count);
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds / 5) break;
    count *= 2;
  }
  const rounds = Array.from({ length: 5 }, () => {
    const start = performance.now();
    run(count);
    return count / ((performance.now() - start) / 1000);
  });
  return rounds.sort((a, b) => a - b)[2];
}

/** Keeps the results observable so the JIT cannot drop the work. */
let sink = 0;

function oneGenerator(space: Space): (count: number) => number {
  const rng = createRng(1);
  return (count) => {
    for (let i = 0; i < count; i++) sink += sampleSpace(space, rng).keep_probability as number;
    return sink;
  };
}

function generatorPerRun(space: Space): (count: number) => number {
  return (count) => {
    for (let i = 0; i < count; i++) sink += sampleSpace(space, createRng(1, i)).keep_probability as number;
    return sink;
  };
}

const space = parseSpace(SPACE);
const format = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`space: ${space.parameters.length} parameters (${space.parameters.map((p) => p.expression.type).join(', ')})`);
console.log(`sampleSpace, one generator:          ${format(rate(oneGenerator(space)))} configurations/s`);
console.log(`sampleSpace, createRng(seed, i) each: ${format(rate(generatorPerRun(space)))} configurations/s`);
if (!Number.isFinite(sink)) console.log('(sink)');
