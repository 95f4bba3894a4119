/**
 * Gives the syntax tree its meaning: function calls become expression objects (arity, keyword
 * arguments, `range`), dicts become plain data for the validator. Problems carry the line and
 * column of the text they are about.
 */
import { EXPRESSION_FIELDS, EXPRESSION_TYPES, isExpressionType, range, rangeLength } from './expressions';
import type { Arg, Node } from './syntax';
import { at, type Position } from './tokenize';
import { show } from './validate';

/** Ranges longer than this are surely a typo, and would only fill memory as choice values. */
export const MAX_RANGE_LENGTH = 100_000;

/** What a converter returns after reporting a problem, distinct from any data (null included). */
export const REPORTED: unique symbol = Symbol('reported');

/** Collects problems; `report` prefixes the position when the node came from text. */
export class Problems {
  private readonly found: { position?: Position; message: string }[] = [];

  /** Records a problem; returns `REPORTED` so that converters can `return problems.report(...)`. */
  report(position: Position | undefined, message: string): typeof REPORTED {
    this.found.push({ position, message });
    return REPORTED;
  }

  get count(): number {
    return this.found.length;
  }

  /** The messages in reading order (syntax and rule problems are found in separate passes). */
  messages(): string[] {
    const key = (p?: Position) => (p ? p.line * 1e7 + p.column : 0);
    // Array.prototype.sort is stable, so problems at one position keep the order they were found.
    return [...this.found].sort((a, b) => key(a.position) - key(b.position)).map((p) => (p.position ? at(p.position) : '') + p.message);
  }
}

/** Levenshtein distance, for "did you mean" on misspelled function names. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

function unknownFunction(name: string): string {
  const lower = name.toLowerCase();
  const near = EXPRESSION_TYPES.find((t) => t === lower || distance(lower, t) <= 2);
  const hint = near ? `; did you mean "${near}"?` : '';
  return `unknown function "${name}" (expected one of ${EXPRESSION_TYPES.join(', ')}${hint})`;
}

/** A node as plain data, the way JSON.parse would give it (duplicate keys are reported). */
export function toPlain(node: Node, problems: Problems, label: string): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'list':
      return node.items.map((item) => toPlain(item, problems, label));
    case 'call':
      return `${node.name}(...)`;
    case 'object': {
      // A null prototype so that a key "__proto__" stays an ordinary key the validator can name.
      const out: Record<string, unknown> = Object.create(null);
      for (const entry of node.entries) {
        if (Object.hasOwn(out, entry.key)) problems.report(entry.keyAt, `${label}: duplicate key ${JSON.stringify(entry.key)}`);
        out[entry.key] = toPlain(entry.value, problems, label);
      }
      return out;
    }
    default:
      return node.value;
  }
}

/** The integer arguments of `range(stop)` / `range(start, stop[, step])` expanded, or `REPORTED`. */
function rangeValues(node: Node & { kind: 'call' }, problems: Problems, label: string): number[] | typeof REPORTED {
  const fail = (message: string): typeof REPORTED => problems.report(node.at, `${label}: ${message}`);
  const args = node.args.map((a) => a.value);
  if (node.args.some((a) => a.name !== undefined)) return fail('range takes no keyword arguments');
  if (args.length < 1 || args.length > 3) return fail(`range takes 1 to 3 arguments: start, stop, step (got ${args.length})`);
  const numbers: number[] = [];
  for (const arg of args) {
    const value = arg.kind === 'number' ? arg.value : NaN;
    if (!Number.isSafeInteger(value)) return fail(`range needs integer arguments (got ${arg.kind === 'number' ? arg.value : show(toPlain(arg, problems, label))})`);
    numbers.push(value);
  }
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0], 1] : [numbers[0], numbers[1], numbers[2] ?? 1];
  const written = `range(${numbers.join(', ')})`;
  if (step === 0) return fail(`range needs a step other than 0 (got ${written})`);
  const length = rangeLength(start, stop, step);
  if (length === 0) return fail(`${written} has no elements (got start ${start}, stop ${stop}, step ${step})`);
  if (length > MAX_RANGE_LENGTH) return fail(`${written} has ${length} elements (at most ${MAX_RANGE_LENGTH})`);
  return range(start, stop, step);
}

/** `choice(...)`'s values: the arguments, or the one list / range / `values=` argument. */
function choiceCall(node: Node & { kind: 'call' }, problems: Problems, label: string): unknown {
  const args: readonly Arg[] = node.args;
  const keywords = args.filter((a) => a.name !== undefined);
  if (keywords.some((a) => a.name !== 'values') || (keywords.length > 0 && args.length > 1)) {
    return problems.report(node.at, `${label}: choice takes values, a list, a range or values=[...] (got keyword ${keywords.map((a) => a.name).join(', ')})`);
  }
  const only = args.length === 1 ? args[0].value : null;
  if (only?.kind === 'call' && only.name === 'range') {
    const values = rangeValues(only, problems, label);
    return values === REPORTED ? REPORTED : { type: 'choice', values };
  }
  if (only?.kind === 'list') return { type: 'choice', values: toPlain(only, problems, label) };
  for (const [i, arg] of args.entries()) {
    if (arg.value.kind !== 'call') continue;
    const what = arg.value.name === 'range' ? 'range(...) (it must be the only argument)' : `${arg.value.name}(...)`;
    return problems.report(arg.value.at, `${label}: choice values must be numbers, strings or booleans (got ${what} at position ${i + 1})`);
  }
  return { type: 'choice', values: args.map((a) => toPlain(a.value, problems, label)) };
}

/** Binds positional and keyword arguments to the function's fields, e.g. uniform(0, high=1). */
function numericCall(node: Node & { kind: 'call' }, type: keyof typeof EXPRESSION_FIELDS, problems: Problems, label: string): unknown {
  const fields: readonly string[] = EXPRESSION_FIELDS[type];
  const fail = (message: string): typeof REPORTED => problems.report(node.at, `${label}: ${message}`);
  const expected = `${fields.length} argument${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`;
  const out: Record<string, unknown> = { type };
  let keywordSeen = false;
  for (const [i, arg] of node.args.entries()) {
    const field = arg.name ?? fields[i];
    if (arg.name === undefined && keywordSeen) return fail(`${type} has a positional argument after a keyword argument`);
    keywordSeen ||= arg.name !== undefined;
    if (field === undefined) return fail(`${type} takes ${expected} (got ${node.args.length})`);
    if (!fields.includes(field)) return fail(`${type} has no argument "${field}" (expected ${fields.join(', ')})`);
    if (field in out) return fail(`${type} got ${field} twice`);
    out[field] = toPlain(arg.value, problems, label);
  }
  const missing = fields.filter((f) => !(f in out));
  if (missing.length > 0) return fail(`${type} takes ${expected} (got ${node.args.length}; missing ${missing.join(', ')})`);
  // Fields in the documented order, whatever order keywords came in, so objects compare equal.
  return Object.fromEntries([['type', type], ...fields.map((f) => [f, out[f]])]);
}

/**
 * The expression a value node stands for, as unchecked plain data for `expressionProblems`, or
 * `REPORTED` when a problem was reported (unknown function, arity, a bad range).
 */
export function toExpression(node: Node, problems: Problems, label: string): unknown {
  if (node.kind !== 'call') {
    const plain = toPlain(node, problems, label);
    if (node.kind === 'object') return plain;
    const hint = node.kind === 'string' ? '; write the expression without quotes' : node.kind === 'list' ? '; write choice([...]) for a list of values' : `; write choice(${show(plain)}) for a fixed value`;
    return problems.report(node.at, `${label}: needs an expression such as uniform(0, 1) (got ${show(plain)}${hint})`);
  }
  if (node.name === 'range') {
    return problems.report(node.at, `${label}: range(...) is only valid inside choice (write choice(range(...)))`);
  }
  if (!isExpressionType(node.name)) return problems.report(node.at, `${label}: ${unknownFunction(node.name)}`);
  if (node.name === 'choice') return choiceCall(node, problems, label);
  return numericCall(node, node.name, problems, label);
}
