// The losses and metrics tabtune compiles (sparse categorical cross-entropy + accuracy, mean
// squared error + mae), with tfjs's gradient of each, including its clipping of probabilities.

const EPSILON: f32 = 1e-7;

// @ts-ignore: decorator
@inline
function clip(p: f32): f32 {
  return min(max(p, EPSILON), 1 - EPSILON);
}

/**
 * Softmax of z[R,C] in place, then per row: loss -log(clip(p_y)), correct when argmax = y, and
 * d loss / d z (divided by `scale`, the rows the loss is averaged over) into `d` unless it is 0.
 * tfjs clips p to [eps, 1 - eps], renormalises and clips again; its gradient is zero where a clip
 * bites, which is kept here. Adds the loss sum and the correct count to stats[0], stats[1] (f64).
 */
export function softmaxCrossEntropy(z: usize, y: usize, d: usize, R: i32, C: i32, scale: f32, stats: usize): void {
  let lossSum: f64 = 0;
  let correct: f64 = 0;
  const row = <usize>C << 2;
  for (let r = 0; r < R; r++) {
    const zr = z + <usize>r * row;
    let top = load<f32>(zr);
    let arg = 0;
    for (let c = 1; c < C; c++) {
      const v = load<f32>(zr + (<usize>c << 2));
      if (v > top) { top = v; arg = c; }
    }
    let sum: f32 = 0;
    for (let c = 0; c < C; c++) {
      const e = Mathf.exp(load<f32>(zr + (<usize>c << 2)) - top);
      store<f32>(zr + (<usize>c << 2), e);
      sum += e;
    }
    let clippedSum: f32 = 0;
    for (let c = 0; c < C; c++) {
      const p = load<f32>(zr + (<usize>c << 2)) / sum;
      store<f32>(zr + (<usize>c << 2), p);
      clippedSum += clip(p);
    }
    const label = <i32>Mathf.floor(load<f32>(y + (<usize>r << 2)));
    if (label == arg) correct += 1;
    const py = load<f32>(zr + (<usize>label << 2));
    const qy = clip(py);
    const ry = qy / clippedSum;
    lossSum -= <f64>Mathf.log(clip(ry));
    if (!d) continue;
    backwardRow(zr, d + <usize>r * row, C, label, qy, clippedSum, ry, scale);
  }
  store<f64>(stats, load<f64>(stats) + lossSum);
  store<f64>(stats, load<f64>(stats, 8) + correct, 8);
}

/** d loss / d z of one row: through the clips and the renormalisation, then the softmax. */
function backwardRow(p: usize, d: usize, C: i32, label: i32, qy: f32, s: f32, ry: f32, scale: f32): void {
  const live = ry >= EPSILON && ry <= 1 - EPSILON;
  let dot: f32 = 0;
  for (let c = 0; c < C; c++) {
    const pc = load<f32>(p + (<usize>c << 2));
    let g: f32 = 0;
    if (live && pc >= EPSILON && pc <= 1 - EPSILON) g = (c == label ? -1 / qy : 0) + 1 / s;
    store<f32>(d + (<usize>c << 2), g);
    dot += pc * g;
  }
  for (let c = 0; c < C; c++) {
    const pc = load<f32>(p + (<usize>c << 2));
    store<f32>(d + (<usize>c << 2), (pc * (load<f32>(d + (<usize>c << 2)) - dot)) / scale);
  }
}

/**
 * Mean squared error of z[R] (one output) against y[R]: adds the squared and absolute error sums
 * to stats[0], stats[1] (f64), and d loss / d z = 2 (z - y) / scale into `d` unless it is 0.
 */
export function squaredError(z: usize, y: usize, d: usize, R: i32, scale: f32, stats: usize): void {
  let squared: f64 = 0;
  let absolute: f64 = 0;
  for (let r = 0; r < R; r++) {
    const p = <usize>r << 2;
    const diff = load<f32>(z + p) - load<f32>(y + p);
    squared += <f64>(diff * diff);
    absolute += <f64>Mathf.abs(diff);
    if (d) store<f32>(d + p, (2 * diff) / scale);
  }
  store<f64>(stats, load<f64>(stats) + squared);
  store<f64>(stats, load<f64>(stats, 8) + absolute, 8);
}

/** Sum of squares of w[n] (an l2 penalty is l2 times this). */
export function sumSquares(w: usize, n: i32): f64 {
  let s: f32 = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f32>(w + (<usize>i << 2));
    s += v * v;
  }
  return <f64>s;
}
