/**
 * Parameter importance of an experiment: each parameter's share of the variance of the primary
 * metric that the runs explain, by fANOVA on a random forest (Hutter et al. 2014; the method of
 * Optuna's FanovaImportanceEvaluator). Runs in a worker of the page and inline in the CLI.
 *
 * Each parameter is one feature in [0, 1]: numbers linearly between the lowest and highest value
 * the runs tried, log-scale expressions on the log of the value, and choices as categories (one
 * bin per value, in a fresh random order per tree, so no tree sees an order the user did not
 * mean). The target is each run's score (its best primary value, what the best run is ranked by).
 */
import { createRng } from '../rng';
import { isLogScale, type Parameter, type Space } from '../space';
import type { ParamValues } from '../types';
import { growTree, type TrainingSet } from './forest';
import { mainEffectFractions } from './fanova';

/** The inputs: plain data, so they cross postMessage unchanged. */
export interface ImportanceInput {
  readonly space: Space;
  /** Each scored run's parameters and score. */
  readonly runs: readonly { readonly params: ParamValues; readonly score: number }[];
  readonly seed?: number;
  readonly trees?: number;
}

/** One parameter's importance. */
export interface ParameterImportance {
  readonly name: string;
  /** Share of the summed main effects, in [0, 1]; the shares add up to 1 (as Optuna reports). */
  readonly share: number;
  /** Fraction of the metric's variance its main effect alone explains, in [0, 1]. */
  readonly mainEffect: number;
}

/** Importances sorted by share, most important first, or why there are none. */
export type ImportanceResult =
  | { readonly kind: 'ok'; readonly runs: number; readonly trees: number; readonly parameters: readonly ParameterImportance[] }
  | { readonly kind: 'unavailable'; readonly runs: number; readonly reason: string };

/** Trees of the forest unless told (Optuna uses 64; 32 keeps 1000 runs well under a second). */
export const DEFAULT_TREES = 32;

/** Least scored runs importance rests on: 10, and 2 per parameter. */
export function minimumRuns(parameters: number): number {
  return Math.max(10, 2 * parameters);
}

/** A parameter's value -> a number to be scaled into [0, 1] (category index for choices), or null. */
function rawOf(parameter: Parameter, value: unknown): number | null {
  const { expression } = parameter;
  if (expression.type === 'choice') {
    const index = expression.values.indexOf(value as never);
    return index < 0 ? null : index;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (!isLogScale(expression)) return value;
  return value > 0 ? Math.log(value) : null;
}

/** Raw feature rows of the runs that fit the space (a prior from another space may not). */
export function rawRows(input: ImportanceInput): { rows: number[][]; y: number[] } {
  const rows: number[][] = [];
  const y: number[] = [];
  for (const run of input.runs) {
    if (!Number.isFinite(run.score)) continue;
    const row = input.space.parameters.map((p) => rawOf(p, run.params[p.name]));
    if (row.some((v) => v === null)) continue;
    rows.push(row as number[]);
    y.push(run.score);
  }
  return { rows, y };
}

/** Scales raw rows into [0, 1]; a choice's categories go to bin centres in the order `orders[d]`. */
export function trainingSet(space: Space, rows: readonly number[][], y: readonly number[], orders: readonly (number[] | null)[]): TrainingSet {
  const features = space.parameters.length;
  const x = new Float64Array(rows.length * features);
  for (let d = 0; d < features; d++) {
    const order = orders[d];
    const column = rows.map((row) => row[d]);
    const low = Math.min(...column);
    const span = Math.max(...column) - low;
    rows.forEach((row, i) => {
      x[i * features + d] = order ? (order[row[d]] + 0.5) / order.length : span > 0 ? (row[d] - low) / span : 0.5;
    });
  }
  return { x, y: Float64Array.from(y), features };
}

function shuffled(count: number, rng: ReturnType<typeof createRng>): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Importance of each parameter of `input.space` for the runs' scores (deterministic per seed). */
export function parameterImportance(input: ImportanceInput): ImportanceResult {
  const { space } = input;
  const { rows, y } = rawRows(input);
  const needed = minimumRuns(space.parameters.length);
  if (rows.length < needed) return { kind: 'unavailable', runs: rows.length, reason: `needs at least ${needed} scored runs (has ${rows.length})` };
  if (Math.max(...y) === Math.min(...y)) return { kind: 'unavailable', runs: rows.length, reason: `every run scored the same (${y[0]})` };
  const trees = input.trees ?? DEFAULT_TREES;
  const rng = createRng(input.seed ?? 0);
  const sums = new Float64Array(space.parameters.length);
  for (let t = 0; t < trees; t++) {
    const orders = space.parameters.map((p) => (p.expression.type === 'choice' ? shuffled(p.expression.values.length, rng) : null));
    const fractions = mainEffectFractions(growTree(trainingSet(space, rows, y, orders), rng), space.parameters.length);
    fractions.forEach((f, d) => (sums[d] += f / trees));
  }
  const total = sums.reduce((a, b) => a + b, 0);
  const parameters = space.parameters
    .map((p, d) => ({ name: p.name, share: total > 0 ? sums[d] / total : 0, mainEffect: Math.min(1, sums[d]) }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
  return { kind: 'ok', runs: rows.length, trees, parameters };
}

/** The scored runs of an experiment (those with a best primary value) as importance input rows. */
export function scoredRuns(runs: readonly { readonly params: ParamValues; readonly best?: { readonly value: number } }[]): ImportanceInput['runs'] {
  return runs.flatMap((run) => (run.best ? [{ params: run.params, score: run.best.value }] : []));
}
