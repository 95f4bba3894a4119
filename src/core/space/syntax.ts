/**
 * Recursive-descent parser from tokens to a small syntax tree. It knows the grammar (dicts,
 * lists, calls, literals), not the meaning of functions; `interpret.ts` gives the tree meaning.
 *
 *   document := object | entries            (braces, or one `name: expr` per line)
 *   entries  := entry ((',' | line break) entry)* ','?
 *   entry    := (string | ident) ':' value
 *   value    := number | ('-' | '+') value | string | ident | call | list | object
 *   call     := ident '(' (arg (',' arg)* ','?)? ')'      arg := (ident '=')? value
 *   list     := '[' (value (',' value)* ','?)? ']'
 */
import { InvalidSpaceError } from '../errors';
import { at, tokenize, type Position, type Token } from './tokenize';

/** One argument of a call; `name` for keyword arguments such as `low=-9`. */
export interface Arg {
  readonly name?: string;
  readonly value: Node;
}

/** An entry `"key": value` of a dict; `keyAt` is where the key starts. */
export interface Entry {
  readonly key: string;
  readonly keyAt: Position;
  readonly value: Node;
}

/** A syntax-tree node. `at` is absent for nodes converted from in-memory objects. */
export type Node = { readonly at?: Position } & (
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly items: readonly Node[] }
  | { readonly kind: 'object'; readonly entries: readonly Entry[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Arg[] }
);

/** Bare words that are values rather than names: JSON's and Python's spellings. */
const WORDS: Record<string, Node> = {
  true: { kind: 'boolean', value: true },
  True: { kind: 'boolean', value: true },
  false: { kind: 'boolean', value: false },
  False: { kind: 'boolean', value: false },
  null: { kind: 'null' },
  None: { kind: 'null' },
  // Accepted so that the validator can say "needs a finite number" instead of "unknown name".
  inf: { kind: 'number', value: Infinity },
  Infinity: { kind: 'number', value: Infinity },
  nan: { kind: 'number', value: NaN },
  NaN: { kind: 'number', value: NaN },
};

/** Deeper nesting than this is certainly not a space, and would risk the call stack. */
const MAX_DEPTH = 64;

function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the input' : `"${token.text}"`;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private get token(): Token {
    return this.tokens[this.i];
  }

  private fail(token: Token, message: string): never {
    throw new InvalidSpaceError(at(token) + message);
  }

  private isPunct(text: string): boolean {
    return this.token.kind === 'punct' && this.token.text === text;
  }

  /** Fails at the end of the input inside brackets opened at `open`, naming where they opened. */
  private failIfUnclosed(open: string, position: Position): void {
    if (this.token.kind === 'eof') this.fail(this.token, `"${open}" opened at line ${position.line}, column ${position.column} is never closed`);
  }

  private expect(text: string, context: string): Token {
    if (!this.isPunct(text)) this.fail(this.token, `expected "${text}" ${context} (got ${describe(this.token)})`);
    return this.tokens[this.i++];
  }

  document(): readonly Entry[] {
    const entries = this.isPunct('{') ? this.object().entries : this.entries(null);
    if (this.token.kind !== 'eof') this.fail(this.token, `unexpected ${describe(this.token)} after the end of the space`);
    return entries;
  }

  /** Entries up to the "}" closing the brace at `open`, or to the end of the input when `open` is null. */
  private entries(open: Position | null): Entry[] {
    const out: Entry[] = [];
    const done = () => (open === null ? this.token.kind === 'eof' : this.isPunct('}'));
    while (!done()) {
      if (open !== null) this.failIfUnclosed('{', open);
      out.push(this.entry());
      if (done()) break;
      if (open !== null) this.failIfUnclosed('{', open);
      const previous = this.tokens[this.i - 1];
      if (this.isPunct(',')) this.i++;
      else if (this.token.line === previous.endLine) {
        this.fail(this.token, `expected "," or a line break between entries (got ${describe(this.token)})`);
      }
    }
    return out;
  }

  private entry(): Entry {
    const key = this.token;
    if (key.kind !== 'string' && key.kind !== 'ident') {
      this.fail(key, `expected a parameter name such as "learning_rate" (got ${describe(key)})`);
    }
    this.i++;
    const name = key.kind === 'string' ? key.value : key.text;
    this.expect(':', `after the name ${JSON.stringify(name)}`);
    return { key: name, keyAt: { line: key.line, column: key.column }, value: this.value() };
  }

  private value(): Node {
    if (++this.depth > MAX_DEPTH) this.fail(this.token, `nesting deeper than ${MAX_DEPTH} levels`);
    try {
      return this.valueAt(this.token);
    } finally {
      this.depth--;
    }
  }

  private valueAt(token: Token): Node {
    const position = { line: token.line, column: token.column };
    if (token.kind === 'number' || token.kind === 'string') {
      this.i++;
      return { kind: token.kind, value: token.value, at: position } as Node;
    }
    if (token.kind === 'ident') {
      this.i++;
      if (this.isPunct('(')) return this.call(token.text, position);
      const word = WORDS[token.text];
      if (word === undefined) this.fail(token, `unknown name "${token.text}" (strings need quotes, e.g. "${token.text}")`);
      return { ...word, at: position };
    }
    if (this.isPunct('-') || this.isPunct('+')) return this.signed(token, position);
    if (this.isPunct('[')) return this.list(position);
    if (this.isPunct('{')) return this.object();
    return this.fail(token, `expected a value (got ${describe(token)})`);
  }

  private signed(token: Token, position: Position): Node {
    this.i++;
    const operand = this.value();
    if (operand.kind !== 'number') this.fail(token, `"${token.text}" must be followed by a number`);
    return { kind: 'number', value: token.text === '-' ? -operand.value : operand.value, at: position };
  }

  private call(name: string, position: Position): Node {
    const paren = this.tokens[this.i++];
    const open = { line: paren.line, column: paren.column };
    const args: Arg[] = [];
    while (!this.isPunct(')')) {
      this.failIfUnclosed('(', open);
      const next = this.tokens[this.i + 1];
      const keyword = this.token.kind === 'ident' && next.kind === 'punct' && next.text === '=';
      const argName = keyword ? this.token.text : undefined;
      if (keyword) this.i += 2;
      args.push({ name: argName, value: this.value() });
      this.failIfUnclosed('(', open);
      if (!this.isPunct(')')) this.expect(',', `between the arguments of ${name}(...)`);
    }
    this.i++;
    return { kind: 'call', name, args, at: position };
  }

  private list(position: Position): Node {
    this.i++; // [
    const items: Node[] = [];
    while (!this.isPunct(']')) {
      this.failIfUnclosed('[', position);
      items.push(this.value());
      this.failIfUnclosed('[', position);
      if (!this.isPunct(']')) this.expect(',', 'between list items');
    }
    this.i++;
    return { kind: 'list', items, at: position };
  }

  private object(): Node & { kind: 'object' } {
    const open = this.expect('{', 'to open a dict');
    if (++this.depth > MAX_DEPTH) this.fail(open, `nesting deeper than ${MAX_DEPTH} levels`);
    const entries = this.entries({ line: open.line, column: open.column });
    this.expect('}', 'to close the dict');
    this.depth--;
    return { kind: 'object', entries, at: { line: open.line, column: open.column } };
  }
}

/**
 * The entries of a space written as text: a braced dict, or one `name: expr` per line. Throws
 * `InvalidSpaceError` with `line L, column C: ...` at the first syntax error.
 */
export function parseEntries(src: string): readonly Entry[] {
  return new Parser(tokenize(src)).document();
}
