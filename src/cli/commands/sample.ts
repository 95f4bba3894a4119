/**
 * `tabtune sample`: the configurations random or grid sampling would give runs, one JSON object
 * per line, without training anything. Random run i uses `createRng(seed, i)`, exactly as an
 * experiment does, so line i is the same whatever `--count` is.
 */
import { once } from 'node:events';
import { createRng } from '../../core/rng';
import { enumerateGrid, sampleSpace, type Space } from '../../core/space';
import type { ParamValues } from '../../core/types';
import { CliUsageError, intOption, parseArgs, requireOption, type Command } from '../command';
import { loadSpace } from './validate';

/** The most lines one call prints, and the default count of a grid. */
const MAX_COUNT = 1_000_000;

const help = `Usage: tabtune sample --space FILE [--sampling random|grid] [--seed N] [--count K]

Prints parameter configurations of a space, one JSON object per line, in the parameters'
written order: what the first K runs of an experiment with this sampling would be given.

Options:
  --space FILE         the space, as for \`tabtune validate\` ("-" reads standard input)
  --sampling TYPE      random (default) or grid. Grid needs every parameter to be a choice and
                       enumerates their combinations, the first parameter varying slowest.
  --seed N             integer seed of random sampling (default 0); line i depends only on the
                       seed and i, so a larger --count only adds lines. Grid ignores it.
  --count K            how many configurations, 1..${MAX_COUNT} (default 10 for random; for grid the
                       whole grid, and a grid smaller than K prints all of it)

Exit codes: 0 ok, 2 invalid space or options, 1 anything else.

Example:
  $ cat space.txt
  {"batch_size": choice(16, 32, 64, 128), "learning_rate": loguniform(-9, -2)}
  $ tabtune sample --space space.txt --sampling random --seed 1 --count 3
  {"batch_size":128,"learning_rate":0.000181566690378477}
  {"batch_size":32,"learning_rate":0.02104873621511115}
  {"batch_size":32,"learning_rate":0.07101912702808227}`;

/** A configuration as one JSON line, keys in written order (an object would move "1" first). */
function jsonLine(space: Space, values: ParamValues): string {
  const fields = space.parameters.map((p) => `${JSON.stringify(p.name)}:${JSON.stringify(values[p.name])}`);
  return `{${fields.join(',')}}\n`;
}

function* randomConfigurations(space: Space, seed: number, count: number): Generator<ParamValues> {
  for (let i = 0; i < count; i++) yield sampleSpace(space, createRng(seed, i));
}

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of items) {
    yield item;
    if (++taken >= count) return;
  }
}

/** Writes lines in batches, waiting for stdout to drain so a million lines never pile up in memory. */
async function writeAll(space: Space, configurations: Iterable<ParamValues>): Promise<void> {
  let batch = '';
  for (const values of configurations) {
    batch += jsonLine(space, values);
    if (batch.length < 65_536) continue;
    if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
    batch = '';
  }
  if (batch) process.stdout.write(batch);
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['space', 'sampling', 'seed', 'count']);
    const sampling = parsed.options.sampling ?? 'random';
    if (sampling !== 'random' && sampling !== 'grid') {
      throw new CliUsageError(`option "--sampling" must be random or grid (got ${JSON.stringify(sampling)}; bayesian sampling needs results of runs)`);
    }
    const seed = intOption(parsed, 'seed', 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const count = intOption(parsed, 'count', sampling === 'grid' ? MAX_COUNT : 10, 1, MAX_COUNT);
    const space = loadSpace(requireOption(parsed, 'space'));
    const configurations = sampling === 'grid' ? take(enumerateGrid(space), count) : randomConfigurations(space, seed, count);
    await writeAll(space, configurations);
    return 0;
  },
};
