/**
 * Tokenizer for the text form of a parameter space: HyperDrive's Python-dict syntax, JSON, and a
 * few Python spellings users paste (single quotes, True/False/None, # comments).
 */
import { InvalidSpaceError } from '../errors';

/** A position in the input, 1-based, as editors count. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One token. `endLine` lets the parser treat a line break as an entry separator. */
export type Token = Position & { readonly endLine: number } & (
    | { readonly kind: 'punct'; readonly text: string }
    | { readonly kind: 'number'; readonly text: string; readonly value: number }
    | { readonly kind: 'string'; readonly text: string; readonly value: string }
    | { readonly kind: 'ident'; readonly text: string }
    | { readonly kind: 'eof'; readonly text: '' }
  );

/** `line 3, column 18: `, the prefix of every message about a place in the text. */
export function at(position: Position): string {
  return `line ${position.line}, column ${position.column}: `;
}

const PUNCT = '{}()[],:=+-';
// A decimal literal: 12, 1.5, .5, 5., 1e-3. Signs are separate tokens, handled by the parser.
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
// Names and functions; dots and dashes admit `math.log` (reported as unknown) and `--lr`-style names.
const IDENT = /(?:--)?[A-Za-z_$][\w$.-]*/y;
const IDENT_RUN = /[\w$.]+/y;
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Scanner {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  private here(): Position {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(position: Position, message: string): never {
    throw new InvalidSpaceError(at(position) + message);
  }

  /** Skips blanks and comments (`#` as in Python, `//` as in JSON with comments), counting lines. */
  private skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
        this.pos++;
      } else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  private readString(start: Position): string {
    const s = this.src;
    const quote = s[this.pos++];
    let out = '';
    while (this.pos < s.length && s[this.pos] !== quote) {
      const c = s[this.pos++];
      if (c === '\n') this.fail(start, 'unterminated string (a string must end on the line it starts)');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = s[this.pos++] ?? '';
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(s.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else this.fail(start, `invalid escape "\\${e}" in string`);
    }
    if (this.pos >= s.length) this.fail(start, 'unterminated string (no closing quote)');
    this.pos++;
    return out;
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.src);
    return m ? m[0] : null;
  }

  private push(start: Position, token: Token | Omit<Token, 'line' | 'column' | 'endLine'>): void {
    this.tokens.push({ ...token, ...start, endLine: this.line } as Token);
  }

  private readToken(): void {
    const start = this.here();
    const c = this.src[this.pos];
    if (c === '"' || c === "'") {
      const from = this.pos;
      const value = this.readString(start);
      return this.push(start, { kind: 'string', text: this.src.slice(from, this.pos), value });
    }
    const number = this.match(NUMBER);
    if (number !== null) {
      this.pos += number.length;
      const rest = this.match(IDENT_RUN) ?? '';
      if (rest.length > 0) this.fail(start, `malformed number "${number}${rest}"`);
      return this.push(start, { kind: 'number', text: number, value: Number(number) });
    }
    const ident = this.match(IDENT);
    if (ident !== null) {
      this.pos += ident.length;
      return this.push(start, { kind: 'ident', text: ident });
    }
    if (PUNCT.includes(c)) {
      this.pos++;
      return this.push(start, { kind: 'punct', text: c });
    }
    const char = String.fromCodePoint(this.src.codePointAt(this.pos) ?? 0);
    this.fail(start, `unexpected character ${JSON.stringify(char)}`);
  }

  run(): Token[] {
    for (this.skipSpace(); this.pos < this.src.length; this.skipSpace()) this.readToken();
    this.push(this.here(), { kind: 'eof', text: '' });
    return this.tokens;
  }
}

/** The tokens of `src`, ending with one `eof`; throws `InvalidSpaceError` at the first bad character. */
export function tokenize(src: string): Token[] {
  return new Scanner(src).run();
}
