/**
 * The seeded train/validation split. For classification it is stratified: each class keeps its
 * share in both parts (round(count x fraction) validation rows per class, at least one for a class
 * with two or more rows), so a rare class is never missing from validation by chance.
 */
import { InvalidConfigError } from '../errors';
import { createRng, type Rng } from '../rng';
import { InvalidDataError } from './errors';
import { countOf } from './values';

export interface Split {
  /** Table row indices, shuffled. */
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

function shuffle(values: number[], rng: Rng): number[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

function validCount(count: number, fraction: number): number {
  if (count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/** Groups `rows` by their class (`classOf[row]`), or one group for regression. */
function groups(rows: Int32Array, classOf: Int32Array | null): number[][] {
  if (!classOf) return [Array.from(rows)];
  const byClass = new Map<number, number[]>();
  for (const row of rows) {
    const c = classOf[row];
    let group = byClass.get(c);
    if (!group) byClass.set(c, (group = []));
    group.push(row);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((c) => byClass.get(c)!);
}

/**
 * Splits `rows` with `seed`: `fraction` (0 < fraction < 1) of them go to validation, stratified by
 * `classOf` when given. The same rows, fraction and seed always give the same split.
 */
export function splitRows(rows: Int32Array, fraction: number, seed: number, classOf: Int32Array | null = null): Split {
  if (!(fraction > 0 && fraction < 1)) {
    throw new InvalidConfigError(`validationFraction must be between 0 and 1, exclusive (got ${fraction})`);
  }
  const rng = createRng(seed);
  const train: number[] = [];
  const valid: number[] = [];
  for (const group of groups(rows, classOf)) {
    shuffle(group, rng);
    const k = validCount(group.length, fraction);
    // Loops, not push(...spread): a regression group can hold millions of rows.
    for (let i = 0; i < group.length; i++) (i < k ? valid : train).push(group[i]);
  }
  if (valid.length === 0 || train.length === 0) {
    throw new InvalidDataError(`${countOf(rows.length, 'row')} ${rows.length === 1 ? 'is' : 'are'} too few for a train/validation split: every class needs at least two rows`);
  }
  return { train: Int32Array.from(shuffle(train, rng)), valid: Int32Array.from(shuffle(valid, rng)) };
}
