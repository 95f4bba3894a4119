/**
 * Compact numbers for stop reasons: about three significant digits, more when two numbers that a
 * reason compares would otherwise print the same (0.6665 < 0.6667, not 0.667 < 0.667).
 */

const BASE_DIGITS = 3;

/** `value` with `digits` significant digits, never dropping digits of its integer part. */
export function formatNumber(value: number, digits = BASE_DIGITS): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const integerDigits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const precision = Math.min(21, Math.max(digits, integerDigits));
  return String(Number(value.toPrecision(precision)));
}

/**
 * The fewest significant digits (at least three) at which `a` and `b` print differently (three
 * when they are equal). Use it for every number of one reason so they line up.
 */
export function digitsToTell(a: number, b: number): number {
  if (a === b) return BASE_DIGITS;
  for (let digits = BASE_DIGITS; digits < 17; digits++) {
    if (formatNumber(a, digits) !== formatNumber(b, digits)) return digits;
  }
  return 17;
}
