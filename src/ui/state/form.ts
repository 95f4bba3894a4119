/** Small helpers for the builder's inputs. */

/** A number input's value; null while it is empty or not a number. */
export function numberOf(input: HTMLInputElement): number | null {
  const value = input.valueAsNumber;
  return Number.isNaN(value) ? null : value;
}

/** The problem to show next to the field `key`, if the config's first problem is about it. */
export function errorFor(error: { key: string; message: string } | null, ...keys: string[]): string | null {
  return error && keys.includes(error.key) ? error.message : null;
}
