/**
 * Rounding to multiples of q for the q-forms of SPEC section 1: round(x / q) * q, counted from 0
 * (not from `low`) and never clipped to the bounds.
 */

/** Decimal digits beyond which q's decimal form no longer identifies an exact fraction. */
const MAX_DECIMALS = 22;

/** 10^d, read from a literal: decimal literals are correctly rounded, and 10^d <= 10^22 is exact. */
function powerOfTen(d: number): number {
  return Number(`1e${d}`);
}

/**
 * `q` as the exact decimal fraction a user typed: `units / 10^decimals` with integer `units`
 * (0.3 -> 3 / 10, 2.5e-8 -> 25 / 10^9, 5 -> 5 / 1). Read from the shortest round-trip string,
 * which is the literal the user wrote. `null` when that form is too long to be exact.
 */
function decimalFraction(q: number): { units: number; decimals: number } | null {
  const [mantissa, exponentText] = String(q).split('e');
  const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
  const decimals = Math.max(0, fractionDigits - Number(exponentText ?? 0));
  if (decimals > MAX_DECIMALS) return null;
  const units = Math.round(q * powerOfTen(decimals));
  return Number.isSafeInteger(units) ? { units, decimals } : null;
}

/**
 * round(x / q) * q without float noise: quniform(0, 1, 0.1) gives 0.3, not 0.30000000000000004.
 *
 * Why this is exact rather than cosmetic: with q = units / 10^d, the true result is
 * k * units / 10^d for the integer k = round(x / q). `k * units` is an exact integer and a single
 * division by the exact power 10^d (d <= 22) rounds once, to the double nearest that decimal,
 * which is what printing the value back shows. When the product leaves the safe-integer range the
 * plain `k * q` is already as close as doubles get there.
 *
 * Ties (x / q exactly half-way) round up, as `Math.round` does; they have probability zero for
 * the continuous inputs the q-forms round. Returns +0, never -0, so JSON and equality agree.
 */
export function roundToMultiple(x: number, q: number): number {
  const k = Math.round(x / q);
  const fraction = decimalFraction(q);
  const product = fraction === null ? NaN : k * fraction.units;
  const value = Number.isSafeInteger(product) && fraction !== null ? product / powerOfTen(fraction.decimals) : k * q;
  return value + 0; // -0 + 0 is +0
}
