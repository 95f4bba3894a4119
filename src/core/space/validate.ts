/**
 * The rules of SPEC section 1. Every message names the parameter, the rule and the actual values,
 * e.g. `parameter "lr": loguniform needs low < high (got -2, -9)`; all problems are collected
 * before one `InvalidSpaceError` is thrown, so a user fixes a pasted space in one pass.
 */
import { InvalidSpaceError } from '../errors';
import { EXPRESSION_FIELDS, EXPRESSION_TYPES, isExpressionType } from './expressions';
import type { Expression, Space } from './types';

/** The largest x with a finite e^x (ln of Number.MAX_VALUE, rounded down). */
export const MAX_EXPONENT = 709.78;

/**
 * A bound on |z| for the standard normals `createRng().normal()` can return: Box-Muller with a
 * 53-bit uniform gives at most sqrt(-2 ln 2^-53) = 8.57. With it, the overflow rules below are
 * exact guarantees rather than "unlikely".
 */
const MAX_NORMAL_Z = 9;

/** A value as it appears in a message: strings quoted, numbers as JavaScript prints them. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Problems of an expression's numeric fields: missing, not numbers, or not finite. */
function fieldProblems(e: Record<string, unknown>, type: keyof typeof EXPRESSION_FIELDS): string[] {
  const out: string[] = [];
  for (const field of EXPRESSION_FIELDS[type]) {
    const value = e[field];
    if (typeof value !== 'number') out.push(`${type} needs a number for ${field} (got ${value === undefined ? 'nothing' : show(value)})`);
    else if (!Number.isFinite(value)) out.push(`${type} needs a finite number for ${field} (got ${value})`);
  }
  return out;
}

function choiceProblems(values: unknown): string[] {
  if (!Array.isArray(values)) return [`choice needs a list of values (got ${show(values)})`];
  if (values.length === 0) return ['choice needs at least one value (got none)'];
  const out: string[] = [];
  const seen = new Map<string, number>();
  values.forEach((value: unknown, i) => {
    const at = `at position ${i + 1}`;
    if (!['number', 'string', 'boolean'].includes(typeof value)) {
      out.push(`choice values must be numbers, strings or booleans (got ${show(value)} ${at})`);
      return;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      out.push(`choice needs finite numbers (got ${value} ${at})`);
      return;
    }
    // Distinct values keep grid configurations unique and random choices unbiased; the key
    // separates 1 from "1" and true, and `+ 0` folds -0 into 0.
    const key = `${typeof value}:${typeof value === 'number' ? String(value + 0) : String(value)}`;
    const first = seen.get(key);
    if (first !== undefined) out.push(`choice values must be distinct (got ${show(value)} at positions ${first} and ${i + 1})`);
    else seen.set(key, i + 1);
  });
  return out;
}

/** The largest |x| the expression can produce before exp and q-rounding, for overflow checks. */
function extent(e: Expression): number {
  switch (e.type) {
    case 'choice':
    case 'randint':
      return 0;
    case 'uniform':
    case 'quniform':
      return Math.max(Math.abs(e.low), Math.abs(e.high));
    case 'loguniform':
    case 'qloguniform':
      return Math.exp(e.high);
    case 'normal':
    case 'qnormal':
      return Math.abs(e.mu) + MAX_NORMAL_Z * e.sigma;
    case 'lognormal':
    case 'qlognormal':
      return Math.exp(e.mu + MAX_NORMAL_Z * e.sigma);
  }
}

/** The relations between fields (low < high, sigma > 0, q > 0, finite results) of a well-typed expression. */
function relationProblems(e: Expression): string[] {
  const out: string[] = [];
  if (e.type === 'randint' && !(Number.isSafeInteger(e.upper) && e.upper > 0)) {
    out.push(`randint needs a positive integer upper (got ${e.upper})`);
  }
  if ('low' in e && !(e.low < e.high)) out.push(`${e.type} needs low < high (got ${e.low}, ${e.high})`);
  if ('sigma' in e && !(e.sigma > 0)) out.push(`${e.type} needs sigma > 0 (got ${e.sigma})`);
  if ('q' in e && !(e.q > 0)) out.push(`${e.type} needs q > 0 (got ${e.q})`);
  if (out.length > 0) return out;
  if ('low' in e && e.type.includes('log') && e.high > MAX_EXPONENT) {
    out.push(`${e.type} needs high <= ${MAX_EXPONENT} so that e^high is finite (got ${e.high}; the bounds are natural-log exponents)`);
  } else if ('low' in e && !Number.isFinite(e.high - e.low)) {
    out.push(`${e.type} needs high - low to be finite (got ${e.low}, ${e.high})`);
  } else if ('sigma' in e && !Number.isFinite(extent(e))) {
    out.push(`${e.type} would overflow to Infinity (got mu ${e.mu}, sigma ${e.sigma}; needs ${e.type.includes('log') ? `mu + ${MAX_NORMAL_Z} * sigma <= ${MAX_EXPONENT}` : `|mu| + ${MAX_NORMAL_Z} * sigma finite`})`);
  } else if ('q' in e && !Number.isFinite(extent(e) / e.q)) {
    out.push(`${e.type} needs q large enough that value / q is finite (got ${e.q})`);
  }
  return out;
}

/**
 * Problems of one expression, without the `parameter "name": ` prefix. Accepts unknown data
 * (from storage, postMessage or a JSON file) and checks its shape before its numbers.
 */
export function expressionProblems(expression: unknown): string[] {
  if (typeof expression !== 'object' || expression === null || Array.isArray(expression)) {
    return [`needs an expression such as uniform(0, 1) (got ${show(expression)})`];
  }
  const e = expression as Record<string, unknown>;
  if (e.type === undefined) return [`needs a "type" (one of ${EXPRESSION_TYPES.join(', ')})`];
  if (typeof e.type !== 'string' || !isExpressionType(e.type)) {
    return [`unknown function ${show(e.type)} (expected one of ${EXPRESSION_TYPES.join(', ')})`];
  }
  const allowed: readonly string[] = e.type === 'choice' ? ['values'] : EXPRESSION_FIELDS[e.type];
  const extra = Object.keys(e)
    .filter((key) => key !== 'type' && !allowed.includes(key))
    .map((key) => `${e.type} has no field ${JSON.stringify(key)} (expected ${allowed.join(', ')})`);
  if (e.type === 'choice') return [...extra, ...choiceProblems(e.values)];
  const fields = fieldProblems(e, e.type);
  return [...extra, ...(fields.length > 0 ? fields : relationProblems(e as unknown as Expression))];
}

/** Problems of one parameter name: it must be a non-empty string and usable as an object key. */
function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `needs a string name (got ${show(name)})`;
  if (name.length === 0) return 'name must not be empty';
  // Assigning to "__proto__" on a plain object changes its prototype instead of adding a key,
  // so every `values[name] = ...` in the engine would silently lose this parameter.
  if (name === '__proto__') return 'name "__proto__" is reserved';
  return null;
}

/** Per parameter (same index as `names`), the problems of its name, duplicates included. */
export function nameProblems(names: readonly unknown[]): string[][] {
  const firstEntry = new Map<string, number>();
  return names.map((name, i) => {
    const problem = nameProblem(name);
    if (problem !== null) return [problem];
    const first = firstEntry.get(name as string);
    if (first === undefined) {
      firstEntry.set(name as string, i + 1);
      return [];
    }
    return [`duplicate name (entries ${first} and ${i + 1})`];
  });
}

/** How a message names parameter `i`: `parameter "lr"`, or its position when it has no usable name. */
export function parameterLabel(name: unknown, i: number): string {
  return typeof name === 'string' ? `parameter ${JSON.stringify(name)}` : `parameter ${i + 1}`;
}

/**
 * Every problem of `space`, each a full message `parameter "name": rule (got values)`; empty when
 * the space is valid. Accepts unknown data so stored or posted spaces can be rechecked.
 */
export function spaceProblems(space: unknown): string[] {
  const parameters = (space as { parameters?: unknown } | null)?.parameters;
  if (!Array.isArray(parameters)) return [`a space needs a list of parameters (got ${show(parameters)})`];
  if (parameters.length === 0) return ['a space needs at least one parameter (got none)'];
  const entries = parameters.map((p: unknown) => (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>);
  const names = nameProblems(entries.map((p) => p.name));
  return entries.flatMap((p, i) => {
    const label = parameterLabel(p.name, i);
    return [...names[i], ...expressionProblems(p.expression)].map((problem) => `${label}: ${problem}`);
  });
}

/** Returns `space` unchanged when it is valid; otherwise throws `InvalidSpaceError` with every problem. */
export function validateSpace(space: Space): Space {
  const problems = spaceProblems(space);
  if (problems.length > 0) throw new InvalidSpaceError(problems);
  return space;
}
