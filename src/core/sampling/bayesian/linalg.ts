/**
 * Dense linear algebra for the Gaussian process, on row-major `Float64Array`s. Only what a GP of
 * a few hundred points needs: Cholesky factorisation, triangular solves and the inverse of a
 * factorised matrix. Loops are written row-wise so V8 keeps them in tight, bounds-check-free form.
 */

/**
 * Cholesky factor L (lower triangle, row-major, upper triangle zero) of the symmetric positive
 * definite n x n matrix `a`, so that a = L L^T. Returns `null` when `a` is not positive definite
 * at working precision, so the caller can add jitter and retry.
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  return choleskyRows(a, l, n, 0) ? l : null;
}

/**
 * Rows `from` .. n - 1 of the Cholesky factor of `a` into `l` (n x n), given its rows before
 * `from`; only the lower triangle of `a`'s rows from `from` on is read. Row i of the factor
 * depends on `a`'s row i and the factor's earlier rows only, so a matrix that grows by rows
 * (a GP's training points plus runs in flight) extends the factor of its leading block, with
 * exactly the numbers a factorisation from scratch gives. False when `a` is not positive definite
 * at working precision.
 */
export function choleskyRows(a: Float64Array, l: Float64Array, n: number, from: number): boolean {
  for (let i = from; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      // Four partial sums break the dependency chain that bounds a plain dot product.
      let s0 = a[rowI + j];
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        s0 -= l[rowI + k] * l[rowJ + k];
        s1 -= l[rowI + k + 1] * l[rowJ + k + 1];
        s2 -= l[rowI + k + 2] * l[rowJ + k + 2];
        s3 -= l[rowI + k + 3] * l[rowJ + k + 3];
      }
      for (; k < j; k++) s0 -= l[rowI + k] * l[rowJ + k];
      const sum = s0 + s1 + s2 + s3;
      if (i === j) {
        if (!(sum > 0)) return false;
        l[rowI + i] = Math.sqrt(sum);
      } else {
        l[rowI + j] = sum / l[rowJ + j];
      }
    }
  }
  return true;
}

/**
 * Cholesky factor of `a` with diagonal jitter added until it succeeds (1e-10 times the mean
 * diagonal, growing tenfold, at most 8 tries). Mutates nothing; throws if `a` is hopeless.
 */
export function choleskyWithJitter(a: Float64Array, n: number): Float64Array {
  return cholesky(a, n) ?? jitteredCholesky(a, n);
}

/**
 * The jitter tries of `choleskyWithJitter` alone, for a caller whose plain factorisation of `a`
 * has already failed.
 */
export function jitteredCholesky(a: Float64Array, n: number): Float64Array {
  let meanDiagonal = 0;
  for (let i = 0; i < n; i++) meanDiagonal += a[i * n + i] / n;
  let jitter = 1e-10 * Math.max(meanDiagonal, 1e-12);
  const copy = new Float64Array(a);
  for (let attempt = 0; attempt < 8; attempt++) {
    for (let i = 0; i < n; i++) copy[i * n + i] = a[i * n + i] + jitter;
    const l = cholesky(copy, n);
    if (l) return l;
    jitter *= 10;
  }
  throw new RangeError(`cholesky: matrix of size ${n} is not positive definite even with jitter ${jitter}`);
}

/** Solves L x = b for lower-triangular L (forward substitution); returns a new vector. */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[row + k] * x[k];
    x[i] = sum / l[row + i];
  }
  return x;
}

/** Solves L^T x = b for lower-triangular L (back substitution); returns a new vector. */
export function solveUpperTransposed(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = n - 1; i >= 0; i--) {
    x[i] /= l[i * n + i];
    const xi = x[i];
    const row = i * n;
    for (let k = 0; k < i; k++) x[k] -= l[row + k] * xi;
  }
  return x;
}

/** Solves (L L^T) x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  return solveUpperTransposed(l, n, solveLower(l, n, b));
}

/**
 * Inverse of the lower-triangular L (lower-triangular, row-major). Row i of L^-1 is
 * (e_i - sum_{k<i} L_ik row_k) / L_ii, so every inner loop runs over contiguous memory.
 */
export function invertLower(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    inv[rowI + i] = 1;
    for (let k = 0; k < i; k++) {
      const c = l[rowI + k];
      if (c === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) inv[rowI + j] -= c * inv[rowK + j];
    }
    const d = 1 / l[rowI + i];
    for (let j = 0; j <= i; j++) inv[rowI + j] *= d;
  }
  return inv;
}

/**
 * (L L^T)^-1 from the Cholesky factor: K^-1 = L^-T L^-1 = sum_k row_k^T row_k over the rows of
 * L^-1, symmetric, full n x n. About n^3/3 multiply-adds; the GP needs it only for the gradient of
 * the marginal likelihood.
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const li = invertLower(l, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const c = li[rowK + i];
      const rowI = i * n;
      for (let j = 0; j <= i; j++) out[rowI + j] += c * li[rowK + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}

/** Sum of log of the diagonal of L: half the log-determinant of L L^T. */
export function halfLogDet(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i]);
  return sum;
}
