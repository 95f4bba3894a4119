/**
 * The contour of the primary metric over two parameters, from the same surrogate as parameter
 * importance: a random forest's pairwise marginal (Hutter et al. 2014), i.e. each tree's
 * prediction averaged over every other parameter, on a grid of the two, averaged over the trees.
 * Exact per tree: a leaf adds value x (volume of its box in the other dimensions) to the grid
 * cells whose centres lie in its box. Log parameters on their log scale, choices as categories.
 */
import { createRng } from '../rng';
import { isLogScale, type Parameter } from '../space';
import { growTree, type Leaf } from './forest';
import { DEFAULT_TREES, minimumRuns, rawRows, trainingSet, type ImportanceInput } from './importance';

/** One axis of the contour: cell centres and edges in the parameter's own units (choices: category indices). */
export interface ContourAxis {
  readonly name: string;
  readonly scale: 'linear' | 'log' | 'category';
  readonly centers: readonly number[];
  readonly edges: readonly number[];
  /** Choices: the label of each category. */
  readonly labels?: readonly string[];
}

/** The grid (`values[j][i]`: y cell j, x cell i) and the runs to draw on top, or why there is none. */
export type ContourResult =
  | {
      readonly kind: 'ok';
      readonly x: ContourAxis;
      readonly y: ContourAxis;
      readonly values: readonly (readonly number[])[];
      readonly runs: readonly { readonly x: number; readonly y: number; readonly score: number }[];
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface ContourInput extends ImportanceInput {
  readonly x: string;
  readonly y: string;
  /** Cells per numeric axis (default 32). */
  readonly cells?: number;
}

/** Cells of a dimension: category bins for choices, `cells` equal slices of [0, 1] otherwise (unit centres). */
function unitCenters(parameter: Parameter, cells: number): number[] {
  const n = parameter.expression.type === 'choice' ? parameter.expression.values.length : cells;
  return Array.from({ length: n }, (_, k) => (k + 0.5) / n);
}

/** The axis in the parameter's units, from the raw column's range (log scale: exp of the raw). */
function axisOf(parameter: Parameter, column: readonly number[], cells: number): ContourAxis {
  const { expression, name } = parameter;
  if (expression.type === 'choice') {
    const n = expression.values.length;
    return { name, scale: 'category', centers: Array.from({ length: n }, (_, k) => k), edges: Array.from({ length: n + 1 }, (_, k) => k - 0.5), labels: expression.values.map(String) };
  }
  const low = Math.min(...column);
  const span = Math.max(...column) - low;
  const log = isLogScale(expression);
  const real = (u: number): number => (log ? Math.exp(low + u * span) : low + u * span);
  return { name, scale: log ? 'log' : 'linear', centers: unitCenters(parameter, cells).map(real), edges: Array.from({ length: cells + 1 }, (_, k) => real(k / cells)) };
}

/** Index range [from, to) of sorted unit `centers` inside [lower, upper). */
function inside(centers: readonly number[], lower: number, upper: number): [number, number] {
  let from = 0;
  while (from < centers.length && centers[from] < lower) from++;
  let to = from;
  while (to < centers.length && centers[to] < upper) to++;
  return [from, to];
}

/** Adds one tree's pairwise marginal over dimensions (a, b) to `grid`. */
function addTree(leaves: readonly Leaf[], a: number, b: number, ca: readonly number[], cb: readonly number[], grid: Float64Array, weight: number): void {
  for (const leaf of leaves) {
    let rest = 1;
    for (let d = 0; d < leaf.lower.length; d++) if (d !== a && d !== b) rest *= leaf.upper[d] - leaf.lower[d];
    const [i0, i1] = inside(ca, leaf.lower[a], leaf.upper[a]);
    const [j0, j1] = inside(cb, leaf.lower[b], leaf.upper[b]);
    const add = leaf.value * rest * weight;
    for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) grid[j * ca.length + i] += add;
  }
}

/** The contour of the runs' scores over parameters `input.x` and `input.y` (deterministic per seed). */
export function contour(input: ContourInput): ContourResult {
  const { space } = input;
  const a = space.parameters.findIndex((p) => p.name === input.x);
  const b = space.parameters.findIndex((p) => p.name === input.y);
  if (a < 0 || b < 0 || a === b) return { kind: 'unavailable', reason: `choose two different parameters of the space (got ${input.x} and ${input.y})` };
  const { rows, y } = rawRows(input);
  const needed = minimumRuns(space.parameters.length);
  if (rows.length < needed) return { kind: 'unavailable', reason: `needs at least ${needed} scored runs (has ${rows.length})` };
  const cells = input.cells ?? 32;
  const orders = space.parameters.map((p) => (p.expression.type === 'choice' ? p.expression.values.map((_, k) => k) : null));
  const data = trainingSet(space, rows, y, orders);
  const ca = unitCenters(space.parameters[a], cells);
  const cb = unitCenters(space.parameters[b], cells);
  const grid = new Float64Array(ca.length * cb.length);
  const trees = input.trees ?? DEFAULT_TREES;
  const rng = createRng(input.seed ?? 0);
  for (let t = 0; t < trees; t++) addTree(growTree(data, rng), a, b, ca, cb, grid, 1 / trees);
  const x = axisOf(space.parameters[a], rows.map((r) => r[a]), cells);
  const yAxis = axisOf(space.parameters[b], rows.map((r) => r[b]), cells);
  const real = (axis: ContourAxis, raw: number): number => (axis.scale === 'log' ? Math.exp(raw) : raw);
  return {
    kind: 'ok',
    x,
    y: yAxis,
    values: Array.from({ length: cb.length }, (_, j) => Array.from(grid.subarray(j * ca.length, (j + 1) * ca.length))),
    runs: rows.map((r, i) => ({ x: real(x, r[a]), y: real(yAxis, r[b]), score: y[i] })),
  };
}
