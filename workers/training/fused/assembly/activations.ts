// Activations of tfjs's dense layers, forward and backward, as tfjs defines them (selu's
// constants, softplus's thresholds, swish with alpha 1). Codes match ACTIVATION_CODES in
// ../kernel.ts.

const SELU_SCALE: f32 = 1.0507009873554805;
const SELU_ALPHA: f32 = 1.6732632423543772;
/** tfjs softplus: below this exp(x) is exact enough, above -this x is (log(f32 epsilon) + 2). */
const SOFTPLUS_THRESHOLD: f32 = -13.942385152878742;

// @ts-ignore: decorator
@inline
function sigmoid(x: f32): f32 {
  return 1 / (1 + Mathf.exp(-x));
}

function forwardOne(x: f32, kind: i32): f32 {
  switch (kind) {
    case 1: return x > 0 ? x : 0;
    case 2: return x > 0 ? x : Mathf.exp(x) - 1;
    case 3: return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * (Mathf.exp(x) - 1);
    case 4: return Mathf.tanh(x);
    case 5: return sigmoid(x);
    case 6: {
      if (x > -SOFTPLUS_THRESHOLD) return x;
      if (x < SOFTPLUS_THRESHOLD) return Mathf.exp(x);
      return Mathf.log(1 + Mathf.exp(x));
    }
    case 7: return x * sigmoid(x);
    default: return x;
  }
}

/** d(activation)/dx at pre-activation `x` with output `y`. */
function derivative(x: f32, y: f32, kind: i32): f32 {
  switch (kind) {
    case 1: return x > 0 ? 1 : 0;
    case 2: return y > 0 ? 1 : y + 1;
    case 3: return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Mathf.exp(x);
    case 4: return 1 - y * y;
    case 5: return y * (1 - y);
    case 6: return sigmoid(x);
    case 7: {
      const s = sigmoid(x);
      return s + x * s * (1 - s);
    }
    default: return 1;
  }
}

/** y[i] = activation(z[i]) for `n` values (relu with f32x4 lanes, the rest scalar). */
export function activate(z: usize, y: usize, n: i32, kind: i32): void {
  let i = 0;
  if (kind == 1) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), f32x4.max(v128.load(z + (<usize>i << 2)), zero));
  }
  for (; i < n; i++) store<f32>(y + (<usize>i << 2), forwardOne(load<f32>(z + (<usize>i << 2)), kind));
}

/** d[i] *= activation'(z[i]) (y = activation(z)): from d loss / d y to d loss / d z. */
export function activateBackward(d: usize, z: usize, y: usize, n: i32, kind: i32): void {
  if (kind == 0) return;
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 2;
    store<f32>(d + p, load<f32>(d + p) * derivative(load<f32>(z + p), load<f32>(y + p), kind));
  }
}

let rngState: u32 = 1;

/** Seeds the dropout masks' generator (mulberry32). */
export function seedDropout(seed: u32): void {
  rngState = seed;
}

function uniform(): f32 {
  rngState += 0x6d2b79f5;
  let t = rngState;
  t = (t ^ (t >>> 15)) * (t | 1);
  t ^= t + (t ^ (t >>> 7)) * (t | 61);
  return <f32>((t ^ (t >>> 14)) >>> 8) * (1.0 / 16777216.0);
}

/** tfjs's dropout form: mask = floor(u + keep) / keep; out = y * mask (mask kept for backward). */
export function dropout(y: usize, out: usize, mask: usize, n: i32, keep: f32): void {
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 2;
    const m = Mathf.floor(uniform() + keep) / keep;
    store<f32>(mask + p, m);
    store<f32>(out + p, load<f32>(y + p) * m);
  }
}

/** a[i] *= b[i] (the dropout mask on the way back). */
export function multiply(a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = <usize>i << 2;
    v128.store(a + p, f32x4.mul(v128.load(a + p), v128.load(b + p)));
  }
  for (; i < n; i++) {
    const p = <usize>i << 2;
    store<f32>(a + p, load<f32>(a + p) * load<f32>(b + p));
  }
}
