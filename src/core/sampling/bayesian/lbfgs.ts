/**
 * A small limited-memory BFGS minimiser with box bounds handled by projection (Nocedal & Wright,
 * "Numerical Optimization", 2nd ed., algorithm 7.4, with a backtracking Armijo line search).
 * Gradients are taken only at the points the line search accepts.
 * Used to fit the GP's hyperparameters, a smooth problem of 3 to ~30 variables.
 */

/**
 * The value at x, with its gradient there on request: a step the line search rejects needs only
 * the value, and for the GP's marginal likelihood the gradient costs twice what the value does
 * (fit.ts). `gradient` may be called only before the objective is evaluated again.
 */
export type Objective = (x: Float64Array) => Evaluation;

/** One evaluation of an objective. */
export interface Evaluation {
  readonly value: number;
  /** Writes the gradient at the evaluated point into `grad`. */
  gradient(grad: Float64Array): void;
}

/** Result of a minimisation: the best point seen and its value. */
export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function project(x: Float64Array, lower: Float64Array, upper: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
}

/** The L-BFGS search direction -H g from the stored pairs (two-loop recursion). */
function direction(g: Float64Array, ss: Float64Array[], ys: Float64Array[]): Float64Array {
  const q = Float64Array.from(g);
  const m = ss.length;
  const alpha = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    alpha[i] = dot(ss[i], q) / dot(ys[i], ss[i]);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * ys[i][j];
  }
  const gamma = m > 0 ? dot(ss[m - 1], ys[m - 1]) / dot(ys[m - 1], ys[m - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
  for (let j = 0; j < q.length; j++) q[j] *= gamma;
  for (let i = 0; i < m; i++) {
    const beta = dot(ys[i], q) / dot(ys[i], ss[i]);
    for (let j = 0; j < q.length; j++) q[j] += ss[i][j] * (alpha[i] - beta);
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

interface Step {
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly value: number;
}

/**
 * Backtracking along d from x (projected onto the box) until the Armijo condition holds; null
 * when 20 shrinking steps all fail.
 */
function lineSearch(f: Objective, from: Step, d: Float64Array, lower: Float64Array, upper: Float64Array): Step | null {
  const n = from.x.length;
  let step = 1;
  for (let tries = 0; tries < 20; tries++, step *= 0.3) {
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = from.x[j] + step * d[j];
    project(x, lower, upper);
    const { value, gradient } = f(x);
    let decrease = 0;
    for (let j = 0; j < n; j++) decrease += from.g[j] * (x[j] - from.x[j]);
    if (Number.isFinite(value) && value <= from.value + 1e-4 * decrease) {
      const g = new Float64Array(n);
      gradient(g);
      return { x, g, value };
    }
  }
  return null;
}

/**
 * Minimises `f` from `x0` within [lower, upper]. Stops after `maxIterations` steps, when a step
 * no longer decreases f by a relative 1e-9, or when no step along the direction decreases it.
 */
export function minimize(
  f: Objective,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  maxIterations = 60,
  memory = 8,
): Minimum {
  const x = Float64Array.from(x0);
  project(x, lower, upper);
  const first = f(x);
  if (!Number.isFinite(first.value)) return { x, value: first.value };
  const g = new Float64Array(x.length);
  first.gradient(g);
  let current: Step = { x, g, value: first.value };
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  for (let iter = 0; iter < maxIterations; iter++) {
    let d = direction(current.g, ss, ys);
    if (dot(d, current.g) >= 0) {
      d = current.g.map((v) => -v);
      ss.length = 0;
      ys.length = 0;
    }
    const next = lineSearch(f, current, d, lower, upper);
    if (!next) break;
    const s = next.x.map((v, j) => v - current.x[j]);
    const y = next.g.map((v, j) => v - current.g[j]);
    if (dot(s, y) > 1e-12) {
      ss.push(s);
      ys.push(y);
      if (ss.length > memory) {
        ss.shift();
        ys.shift();
      }
    }
    const improvement = current.value - next.value;
    current = next;
    if (improvement <= 1e-9 * Math.max(1, Math.abs(current.value))) break;
  }
  return current;
}
