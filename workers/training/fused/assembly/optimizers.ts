// tfjs 4.22's optimizer updates (tfjs-core/src/optimizers), one weight array per call, each with
// the l2 penalty's gradient (2 * l2 * w, what tfjs's autodiff of l2 * sum(w^2) gives) added
// first. f32x4 lanes, then a scalar tail.

// @ts-ignore: decorator
@inline
function penalised(g: v128, w: v128, l2x2: v128): v128 {
  return f32x4.add(g, f32x4.mul(l2x2, w));
}

/** w += -lr * g (SGD). */
export function sgd(w: usize, g: usize, n: i32, negLr: f32, l2x2: f32): void {
  const c = f32x4.splat(negLr);
  const l = f32x4.splat(l2x2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = <usize>i << 2;
    const wv = v128.load(w + p);
    v128.store(w + p, f32x4.add(f32x4.mul(c, penalised(v128.load(g + p), wv, l)), wv));
  }
  for (; i < n; i++) {
    const p = <usize>i << 2;
    const wv = load<f32>(w + p);
    store<f32>(w + p, negLr * (load<f32>(g + p) + l2x2 * wv) + wv);
  }
}

/** acc = m * acc + g; w += -lr * acc (tfjs MomentumOptimizer without Nesterov). */
export function momentum(w: usize, g: usize, acc: usize, n: i32, negLr: f32, m: f32, l2x2: f32): void {
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 2;
    const wv = load<f32>(w + p);
    const a = m * load<f32>(acc + p) + (load<f32>(g + p) + l2x2 * wv);
    store<f32>(acc + p, a);
    store<f32>(w + p, negLr * a + wv);
  }
}

/**
 * tfjs AdamOptimizer: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * w += -lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 * `o1`, `o2` are 1 - b1 and 1 - b2 as tfjs computes them (in f64, then f32); `c1`, `c2` are
 * 1 - b1^t and 1 - b2^t as tfjs keeps them (running f32 products).
 */
export function adam(w: usize, g: usize, m: usize, v: usize, n: i32, negLr: f32, b1: f32, o1: f32, b2: f32, o2: f32, c1: f32, c2: f32, eps: f32, l2x2: f32): void {
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vo1 = f32x4.splat(o1);
  const vo2 = f32x4.splat(o2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const ve = f32x4.splat(eps);
  const vl = f32x4.splat(negLr);
  const l = f32x4.splat(l2x2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = <usize>i << 2;
    const wv = v128.load(w + p);
    const gv = penalised(v128.load(g + p), wv, l);
    const mv = f32x4.add(f32x4.mul(v128.load(m + p), vb1), f32x4.mul(gv, vo1));
    const sv = f32x4.add(f32x4.mul(v128.load(v + p), vb2), f32x4.mul(f32x4.mul(gv, gv), vo2));
    v128.store(m + p, mv);
    v128.store(v + p, sv);
    const step = f32x4.div(f32x4.div(mv, vc1), f32x4.add(f32x4.sqrt(f32x4.div(sv, vc2)), ve));
    v128.store(w + p, f32x4.add(f32x4.mul(step, vl), wv));
  }
  for (; i < n; i++) {
    const p = <usize>i << 2;
    const wv = load<f32>(w + p);
    const gv = load<f32>(g + p) + l2x2 * wv;
    const mv = load<f32>(m + p) * b1 + gv * o1;
    const sv = load<f32>(v + p) * b2 + gv * gv * o2;
    store<f32>(m + p, mv);
    store<f32>(v + p, sv);
    store<f32>(w + p, (mv / c1 / (Mathf.sqrt(sv / c2) + eps)) * negLr + wv);
  }
}

/**
 * tfjs RMSPropOptimizer (not centered): ms = rho ms + (1 - rho) g^2;
 * mom = momentum * mom + lr g / sqrt(ms + eps); w -= mom. `o` is 1 - rho as tfjs computes it.
 */
export function rmsprop(w: usize, g: usize, ms: usize, mom: usize, n: i32, lr: f32, rho: f32, o: f32, momentumRate: f32, eps: f32, l2x2: f32): void {
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 2;
    const wv = load<f32>(w + p);
    const gv = load<f32>(g + p) + l2x2 * wv;
    const s = load<f32>(ms + p) * rho + gv * gv * o;
    const a = load<f32>(mom + p) * momentumRate + (gv * lr) / Mathf.sqrt(s + eps);
    store<f32>(ms + p, s);
    store<f32>(mom + p, a);
    store<f32>(w + p, wv - a);
  }
}
