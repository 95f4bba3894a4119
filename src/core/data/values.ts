/**
 * Cell values: what counts as missing and what counts as a number. Kept in one place so that
 * parsing, inference and encoding agree.
 */

/** Cell texts read as "no value" (compared trimmed and lower-cased). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'na', 'n/a', '#n/a', 'nan', 'null', '?']);

/** True when `cell` is one of {@link MISSING_TOKENS}. */
export function isMissingToken(cell: string): boolean {
  return MISSING_TOKENS.has(cell.trim().toLowerCase());
}

/**
 * The finite number written in `cell`, or NaN. Accepts what `Number()` accepts except empty or
 * blank text and infinities; with `decimalComma` (files delimited by `;`) also `1,5`.
 */
export function parseNumber(cell: string, decimalComma = false): number {
  const n = +cell;
  if (n === n && n !== Infinity && n !== -Infinity) {
    if (n === 0 && cell.trim() === '') return NaN;
    return n;
  }
  if (decimalComma && cell.indexOf(',') !== -1 && cell.indexOf('.') === -1) {
    const m = +cell.replace(',', '.');
    if (m === m && m !== Infinity && m !== -Infinity) return m;
  }
  return NaN;
}

/** A count with its noun, singular for exactly one: `1 row`, `1,797 rows`; `plural` when not noun + s. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** Formats a byte count for messages: `212.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** Quotes a user value for a message, shortened to 40 characters: `"abc"`. */
export function quote(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(short);
}
