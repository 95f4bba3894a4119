/**
 * `parseSpace`: the one entry point from user input to a valid `Space`. Accepts the HyperDrive
 * text form (braced dict or one `name: expr` per line), the JSON form
 * `{"lr": {"type": "loguniform", "low": -9, "high": -2}}`, and the `Space` object itself.
 * JSON text goes through the same hand-written parser as HyperDrive text (never `eval`, and not
 * `JSON.parse`), which keeps the written order of names (JSON.parse moves integer-like keys first),
 * reports duplicate keys (JSON.parse silently keeps the last) and gives every problem a position.
 */
import { InvalidSpaceError } from '../errors';
import { canonicalExpression } from './expressions';
import { Problems, REPORTED, toExpression, toPlain } from './interpret';
import { parseEntries, type Entry, type Node } from './syntax';
import type { Position } from './tokenize';
import type { Expression, Space } from './types';
import { expressionProblems, nameProblems, parameterLabel, show } from './validate';

/** One parameter on its way from input to `Space`; positions are absent for in-memory input. */
interface Item {
  readonly name: unknown;
  readonly nameAt?: Position;
  /** Unchecked plain data, or `REPORTED` when converting it already reported a problem. */
  readonly expression: unknown;
  readonly expressionAt?: Position;
}

/** Validates every item, collecting all problems, and builds the space or throws them all. */
function assemble(items: readonly Item[], problems: Problems): Space {
  if (items.length === 0 && problems.count === 0) problems.report(undefined, 'a space needs at least one parameter (got none)');
  const names = nameProblems(items.map((item) => item.name));
  items.forEach((item, i) => {
    const label = parameterLabel(item.name, i);
    for (const problem of names[i]) problems.report(item.nameAt, `${label}: ${problem}`);
    if (item.expression === REPORTED) return;
    for (const problem of expressionProblems(item.expression)) problems.report(item.expressionAt, `${label}: ${problem}`);
  });
  if (problems.count > 0) throw new InvalidSpaceError(problems.messages());
  return {
    parameters: items.map((item) => ({ name: item.name as string, expression: canonicalExpression(item.expression as Expression) })),
  };
}

/** The items of the `{"parameters": [{"name": ..., "expression": ...}]}` form written as text. */
function spaceFormItems(list: readonly Node[], problems: Problems): Item[] {
  return list.map((node, i) => {
    if (node.kind !== 'object') {
      return { name: undefined, nameAt: node.at, expression: problems.report(node.at, `parameter ${i + 1}: needs {"name": ..., "expression": ...} (got ${show(toPlain(node, problems, ''))})`) };
    }
    const field = (key: string) => node.entries.find((entry) => entry.key === key);
    const name = field('name');
    const expression = field('expression');
    const label = parameterLabel(name?.value.kind === 'string' ? name.value.value : undefined, i);
    return {
      name: name ? toPlain(name.value, problems, label) : undefined,
      nameAt: name?.value.at ?? node.at,
      expression: expression ? toExpression(expression.value, problems, label) : undefined,
      expressionAt: expression?.value.at ?? node.at,
    };
  });
}

/** True for text whose only entry is `"parameters": [...]`, the serialized `Space` itself. */
function isSpaceForm(entries: readonly Entry[]): boolean {
  return entries.length === 1 && entries[0].key === 'parameters' && entries[0].value.kind === 'list';
}

function fromText(text: string): Space {
  const entries = parseEntries(text);
  const problems = new Problems();
  const only = entries[0]?.value;
  if (isSpaceForm(entries) && only.kind === 'list') return assemble(spaceFormItems(only.items, problems), problems);
  const items = entries.map((entry, i): Item => ({
    name: entry.key,
    nameAt: entry.keyAt,
    expression: toExpression(entry.value, problems, parameterLabel(entry.key, i)),
    expressionAt: entry.value.at,
  }));
  return assemble(items, problems);
}

function fromObject(input: object): Space {
  const problems = new Problems();
  const parameters = (input as { parameters?: unknown }).parameters;
  if (Array.isArray(parameters)) {
    const items = parameters.map((p: unknown): Item => {
      const { name, expression } = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
      return { name, expression };
    });
    return assemble(items, problems);
  }
  const items = Object.keys(input).map((name): Item => ({ name, expression: (input as Record<string, unknown>)[name] }));
  return assemble(items, problems);
}

/**
 * Parses and validates a parameter space.
 *
 * - a string: HyperDrive text, `{"batch_size": choice(16, 32), "lr": loguniform(-9, -2)}` or one
 *   `name: expr` per line, or JSON text of the forms below;
 * - an object: the JSON form `{"lr": {"type": "loguniform", "low": -9, "high": -2}}` (in the
 *   object's key order, so pass text or the `Space` form when names look like integers), or a
 *   `Space` `{parameters: [{name, expression}]}`.
 *
 * Returns a fresh `Space` whose expressions are plain objects with their fields in documented
 * order. Throws `InvalidSpaceError` listing every problem found (syntax errors stop at the first),
 * each naming the parameter, the rule and the value, prefixed with `line L, column C: ` for text.
 * It throws nothing else, whatever the input.
 */
export function parseSpace(input: string | object): Space {
  if (typeof input === 'string') return fromText(input);
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return fromObject(input);
  throw new InvalidSpaceError(`a space must be text or an object (got ${show(input)})`);
}
