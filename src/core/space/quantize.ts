/**
 * Rounding to multiples of q for the q-forms of SPEC section 1: round(x / q) * q, counted from 0
 * (not from `low`) and never clipped to the bounds.
 */

/** Decimal digits beyond which q's decimal form no longer identifies an exact fraction. */
const MAX_DECIMALS = 22;

/** q as the exact decimal fraction `units / scale`, `scale` a power of ten. */
interface Fraction {
  readonly units: number;
  readonly scale: number;
}

/**
 * `q` as the decimal fraction a user typed (0.3 -> 3 / 10, 2.5e-8 -> 25 / 10^9, 5 -> 5 / 1), read
 * from the shortest round-trip string, which is the literal the user wrote. `null` when that form
 * is too long to be exact. 10^d comes from a literal: decimal literals are correctly rounded, and
 * powers of ten up to 10^22 are exact doubles.
 */
function readFraction(q: number): Fraction | null {
  const [mantissa, exponentText] = String(q).split('e');
  const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
  const decimals = Math.max(0, fractionDigits - Number(exponentText ?? 0));
  if (decimals > MAX_DECIMALS) return null;
  const scale = Number(`1e${decimals}`);
  const units = Math.round(q * scale);
  return Number.isSafeInteger(units) ? { units, scale } : null;
}

/** Reading q's decimal form costs a string conversion, far more than the rounding itself. */
const fractions = new Map<number, Fraction | null>();

function fractionOf(q: number): Fraction | null {
  let fraction = fractions.get(q);
  if (fraction === undefined) {
    // A space has a handful of q values; clearing now and then keeps this bounded without an LRU.
    if (fractions.size >= 256) fractions.clear();
    fraction = readFraction(q);
    fractions.set(q, fraction);
  }
  return fraction;
}

/**
 * round(x / q) * q without float noise: quniform(0, 1, 0.1) gives 0.3, not 0.30000000000000004.
 *
 * Why this is exact rather than cosmetic: with q = units / 10^d, the true result is
 * k * units / 10^d for the integer k = round(x / q). `k * units` is an exact integer and a single
 * division by the exact power 10^d rounds once, to the double nearest that decimal, which is what
 * printing the value back shows. When the product leaves the safe-integer range (or q has no
 * short decimal form, like 1/3) the plain `k * q` is already as close as doubles get.
 *
 * Ties (x / q exactly half-way) round up, as `Math.round` does; they have probability zero for
 * the continuous inputs the q-forms round. Returns +0, never -0, so JSON and equality agree.
 */
export function roundToMultiple(x: number, q: number): number {
  const k = Math.round(x / q);
  const fraction = fractionOf(q);
  const product = fraction === null ? NaN : k * fraction.units;
  const value = fraction !== null && Number.isSafeInteger(product) ? product / fraction.scale : k * q;
  return value + 0; // -0 + 0 is +0
}
