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

/**
 * Minimises `f` from `x0` within [lower, upper]. Stops after `maxIterations` steps, when a step
 * no longer decreases f by a relative 1e-9, or when the projected gradient vanishes.
 */
export function minimize(
  f: Objective,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  maxIterations = 60,
  memory = 8,
): Minimum {
  const n = x0.length;
  let x = Float64Array.from(x0);
  project(x, lower, upper);
  let g = new Float64Array(n);
  let fx = f(x, g);
  if (!Number.isFinite(fx)) return { x, value: fx };
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  for (let iter = 0; iter < maxIterations; iter++) {
    let d = direction(g, ss, ys);
    if (dot(d, g) >= 0) {
      d = g.map((v) => -v);
      ss.length = 0;
      ys.length = 0;
    }
    let step = 1;
    let accepted = false;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = fx;
    for (let tries = 0; tries < 20; tries++, step *= 0.3) {
      for (let j = 0; j < n; j++) xNew[j] = x[j] + step * d[j];
      project(xNew, lower, upper);
      fNew = f(xNew, gNew);
      let decrease = 0;
      for (let j = 0; j < n; j++) decrease += g[j] * (xNew[j] - x[j]);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    const s = xNew.map((v, j) => v - x[j]);
    const y = gNew.map((v, j) => v - g[j]);
    if (dot(s, y) > 1e-12) {
      ss.push(s);
      ys.push(y);
      if (ss.length > memory) {
        ss.shift();
        ys.shift();
      }
    }
    const improvement = fx - fNew;
    x = xNew;
    g = gNew;
    fx = fNew;
    if (improvement <= 1e-9 * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx };
}
