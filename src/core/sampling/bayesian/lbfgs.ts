/**
 * A small limited-memory BFGS minimiser with box bounds handled by projection (Nocedal & Wright,
 * "Numerical Optimization", 2nd ed., algorithm 7.4, with a backtracking Armijo line search).
 * Used to fit the GP's hyperparameters, a smooth problem of 3 to ~30 variables.
 */

/** Writes the gradient at x into `grad` and returns the value at x. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

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
    const g = new Float64Array(n);
    const value = f(x, g);
    let decrease = 0;
    for (let j = 0; j < n; j++) decrease += from.g[j] * (x[j] - from.x[j]);
    if (Number.isFinite(value) && value <= from.value + 1e-4 * decrease) return { x, g, value };
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
  const g = new Float64Array(x.length);
  let current: Step = { x, g, value: f(x, g) };
  if (!Number.isFinite(current.value)) return current;
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
