/** Checked fields of the JSON requests of `tabtune suggest` and `tabtune decide`. */
import { InvalidConfigError } from '../../core/errors';
import type { Goal } from '../../core/types';

/** A JSON object, or InvalidConfigError naming `what`. */
export function objectField(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new InvalidConfigError(`${what} must be a JSON object (got ${JSON.stringify(value) ?? String(value)})`);
}

/** A JSON array, or InvalidConfigError naming `what`. */
export function arrayField(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new InvalidConfigError(`${what} must be an array (got ${JSON.stringify(value) ?? String(value)})`);
}

/** "maximize" or "minimize". */
export function goalField(value: unknown): Goal {
  if (value === 'maximize' || value === 'minimize') return value;
  throw new InvalidConfigError(`"goal" must be "maximize" or "minimize" (got ${JSON.stringify(value)})`);
}

/** An integer within [min, max], `fallback` when absent. */
export function intField(value: unknown, what: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new InvalidConfigError(`${what} must be an integer in ${min}..${max} (got ${JSON.stringify(value)})`);
}

/** A list of finite numbers; `null` entries (non-finite values written as JSON) become NaN. */
export function valuesField(value: unknown, what: string): number[] {
  return arrayField(value, what).map((v, i) => {
    if (v === null) return Number.NaN;
    if (typeof v === 'number') return v;
    throw new InvalidConfigError(`${what}[${i}] must be a number or null (got ${JSON.stringify(v)})`);
  });
}
