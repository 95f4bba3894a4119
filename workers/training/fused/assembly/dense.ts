// AssemblyScript source of the fused dense kernels (compiled by build-kernel.mjs at
// npm install). Matrices are row-major f32 at byte addresses that JS lays out in this module's
// memory; nothing here allocates. Every loop runs f32x4 lanes first and a scalar tail, so any
// width works (10 classes, 1 regression output).

/** First free byte after the module's own data: JS lays its buffers out from here. */
export function heapBase(): usize {
  return __heap_base;
}

/** One row of `out` (8 columns from `j`): bias + in[r,:] . W[:, j..j+8]. */
// @ts-ignore: decorator
@inline
function row8(inRow: usize, w: usize, K: i32, N: i32, j: i32, b0: v128, b1: v128, outRow: usize): void {
  let c0 = b0;
  let c1 = b1;
  for (let k = 0; k < K; k++) {
    const a = f32x4.splat(load<f32>(inRow + (<usize>k << 2)));
    const wp = w + ((<usize>k * N + j) << 2);
    c0 = f32x4.add(c0, f32x4.mul(a, v128.load(wp)));
    c1 = f32x4.add(c1, f32x4.mul(a, v128.load(wp, 16)));
  }
  v128.store(outRow + (<usize>j << 2), c0);
  v128.store(outRow + (<usize>j << 2), c1, 16);
}

/**
 * out[R,N] = in[R,K] . W[K,N] (+ bias[N] unless `bias` is 0). Four rows share each load of W
 * (4 x 8 accumulators stay in registers), which is what makes batch 128 fast.
 */
export function matmul(inp: usize, w: usize, bias: usize, out: usize, R: i32, K: i32, N: i32): void {
  const rowIn = <usize>K << 2;
  const rowOut = <usize>N << 2;
  let j = 0;
  for (; j + 8 <= N; j += 8) {
    const b0 = bias ? v128.load(bias + (<usize>j << 2)) : f32x4.splat(0);
    const b1 = bias ? v128.load(bias + (<usize>j << 2), 16) : f32x4.splat(0);
    let r = 0;
    for (; r + 4 <= R; r += 4) {
      const i0 = inp + <usize>r * rowIn;
      const i1 = i0 + rowIn;
      const i2 = i1 + rowIn;
      const i3 = i2 + rowIn;
      let c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
      for (let k = 0; k < K; k++) {
        const wp = w + ((<usize>k * N + j) << 2);
        const w0 = v128.load(wp);
        const w1 = v128.load(wp, 16);
        const off = <usize>k << 2;
        let a = f32x4.splat(load<f32>(i0 + off));
        c00 = f32x4.add(c00, f32x4.mul(a, w0));
        c01 = f32x4.add(c01, f32x4.mul(a, w1));
        a = f32x4.splat(load<f32>(i1 + off));
        c10 = f32x4.add(c10, f32x4.mul(a, w0));
        c11 = f32x4.add(c11, f32x4.mul(a, w1));
        a = f32x4.splat(load<f32>(i2 + off));
        c20 = f32x4.add(c20, f32x4.mul(a, w0));
        c21 = f32x4.add(c21, f32x4.mul(a, w1));
        a = f32x4.splat(load<f32>(i3 + off));
        c30 = f32x4.add(c30, f32x4.mul(a, w0));
        c31 = f32x4.add(c31, f32x4.mul(a, w1));
      }
      const o0 = out + <usize>r * rowOut + (<usize>j << 2);
      v128.store(o0, c00);
      v128.store(o0, c01, 16);
      v128.store(o0 + rowOut, c10);
      v128.store(o0 + rowOut, c11, 16);
      v128.store(o0 + 2 * rowOut, c20);
      v128.store(o0 + 2 * rowOut, c21, 16);
      v128.store(o0 + 3 * rowOut, c30);
      v128.store(o0 + 3 * rowOut, c31, 16);
    }
    for (; r < R; r++) row8(inp + <usize>r * rowIn, w, K, N, j, b0, b1, out + <usize>r * rowOut);
  }
  for (; j < N; j++) {
    const b: f32 = bias ? load<f32>(bias + (<usize>j << 2)) : 0;
    for (let r = 0; r < R; r++) {
      const inRow = inp + <usize>r * rowIn;
      let c = b;
      for (let k = 0; k < K; k++) c += load<f32>(inRow + (<usize>k << 2)) * load<f32>(w + ((<usize>k * N + j) << 2));
      store<f32>(out + <usize>r * rowOut + (<usize>j << 2), c);
    }
  }
}

/** dst[N,K] = src[K,N]^T (to multiply by a transposed kernel with `matmul`). */
export function transpose(src: usize, dst: usize, K: i32, N: i32): void {
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < N; j++) store<f32>(dst + ((<usize>j * K + k) << 2), load<f32>(src + ((<usize>k * N + j) << 2)));
  }
}

/** gW[K,N] = in[R,K]^T . d[R,N] and gb[N] = column sums of d (a dense layer's weight gradients). */
export function gradients(inp: usize, d: usize, gW: usize, gb: usize, R: i32, K: i32, N: i32): void {
  const rowIn = <usize>K << 2;
  const rowD = <usize>N << 2;
  let j = 0;
  for (; j + 8 <= N; j += 8) {
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      for (let r = 0; r < R; r++) {
        const dp = d + <usize>r * rowD + (<usize>j << 2);
        const d0 = v128.load(dp);
        const d1 = v128.load(dp, 16);
        const ip = inp + <usize>r * rowIn + (<usize>k << 2);
        let a = f32x4.splat(load<f32>(ip));
        c00 = f32x4.add(c00, f32x4.mul(a, d0));
        c01 = f32x4.add(c01, f32x4.mul(a, d1));
        a = f32x4.splat(load<f32>(ip, 4));
        c10 = f32x4.add(c10, f32x4.mul(a, d0));
        c11 = f32x4.add(c11, f32x4.mul(a, d1));
        a = f32x4.splat(load<f32>(ip, 8));
        c20 = f32x4.add(c20, f32x4.mul(a, d0));
        c21 = f32x4.add(c21, f32x4.mul(a, d1));
        a = f32x4.splat(load<f32>(ip, 12));
        c30 = f32x4.add(c30, f32x4.mul(a, d0));
        c31 = f32x4.add(c31, f32x4.mul(a, d1));
      }
      const g0 = gW + ((<usize>k * N + j) << 2);
      v128.store(g0, c00);
      v128.store(g0, c01, 16);
      v128.store(g0 + rowD, c10);
      v128.store(g0 + rowD, c11, 16);
      v128.store(g0 + 2 * rowD, c20);
      v128.store(g0 + 2 * rowD, c21, 16);
      v128.store(g0 + 3 * rowD, c30);
      v128.store(g0 + 3 * rowD, c31, 16);
    }
    for (; k < K; k++) {
      let c0 = f32x4.splat(0), c1 = c0;
      for (let r = 0; r < R; r++) {
        const dp = d + <usize>r * rowD + (<usize>j << 2);
        const a = f32x4.splat(load<f32>(inp + <usize>r * rowIn + (<usize>k << 2)));
        c0 = f32x4.add(c0, f32x4.mul(a, v128.load(dp)));
        c1 = f32x4.add(c1, f32x4.mul(a, v128.load(dp, 16)));
      }
      const g0 = gW + ((<usize>k * N + j) << 2);
      v128.store(g0, c0);
      v128.store(g0, c1, 16);
    }
  }
  for (; j < N; j++) {
    for (let k = 0; k < K; k++) {
      let c: f32 = 0;
      for (let r = 0; r < R; r++) c += load<f32>(inp + <usize>r * rowIn + (<usize>k << 2)) * load<f32>(d + <usize>r * rowD + (<usize>j << 2));
      store<f32>(gW + ((<usize>k * N + j) << 2), c);
    }
  }
  for (let c = 0; c < N; c++) {
    let s: f32 = 0;
    for (let r = 0; r < R; r++) s += load<f32>(d + <usize>r * rowD + (<usize>c << 2));
    store<f32>(gb + (<usize>c << 2), s);
  }
}
