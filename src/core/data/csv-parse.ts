/**
 * CSV parsing: one function for the page's worker and for Node. papaparse's streaming `Parser`
 * reads the text chunk by chunk (a partial last row waits for the next chunk), and each row goes
 * straight into typed column stores, so memory stays near the size of the numbers.
 */
import Papa from 'papaparse';
import type { CsvSource } from './csv-source';
import { assertLooksLikeText, detectDelimiter, detectNewline, stripBom, type Delimiter } from './csv-sniff';
import { InvalidDataError, ParseCanceledError } from './errors';
import { ColumnBuilder, type RawTable } from './table';
import { formatBytes } from './values';
import { readHeader } from './csv-header';

/** Default size limit: 200 MB. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** Progress of a parse, reported after each chunk. */
export interface ParseProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface ParseCsvOptions {
  /** Largest accepted source, in bytes (default {@link DEFAULT_MAX_BYTES}). */
  readonly maxBytes?: number;
  /** Force a delimiter instead of detecting it. */
  readonly delimiter?: Delimiter;
  /** Called after each chunk (about every megabyte). */
  readonly onProgress?: (progress: ParseProgress) => void;
  /** Polled between chunks; returning true abandons the parse with a ParseCanceledError. */
  readonly shouldStop?: () => boolean;
}

/** Characters to collect before sniffing the delimiter and checking for binary data. */
const SNIFF_CHARS = 64 * 1024;
/** Ragged lines listed in one message. */
const RAGGED_LISTED = 5;

interface PapaResult {
  data: string[][];
  errors: Array<{ code: string; row: number }>;
  meta: { cursor: number };
}

/** Parses a CSV with a header row into a {@link RawTable}, or throws InvalidDataError naming the line. */
export async function parseCsv(source: CsvSource, options: ParseCsvOptions = {}): Promise<RawTable> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (source.size > maxBytes) {
    throw new InvalidDataError(
      `"${source.name}" is ${formatBytes(source.size)}, larger than the limit of ${formatBytes(maxBytes)}`,
    );
  }
  const reader = new CsvReader(source.name, options.delimiter);
  for await (const chunk of source.chunks()) {
    if (options.shouldStop?.()) throw new ParseCanceledError();
    reader.feed(chunk.text, false);
    options.onProgress?.({ bytesRead: chunk.bytesRead, totalBytes: source.size, rows: reader.rowCount });
  }
  reader.feed('', true);
  return reader.finish(source.size);
}

function isBlank(row: readonly string[]): boolean {
  return row.length === 1 && row[0].trim() === '';
}

/** Incremental state of one parse: pending text, header, column builders, line counter. */
class CsvReader {
  private parser: Papa.Parser | null = null;
  private pending = '';
  private delimiter: Delimiter = ',';
  private newlineChar = '\n';
  private builders: ColumnBuilder[] | null = null;
  private lines = new Int32Array(1024);
  private line = 1;
  private blankLines = 0;
  private headerWarnings: string[] = [];
  rowCount = 0;

  constructor(
    private readonly name: string,
    private readonly forcedDelimiter: Delimiter | undefined,
  ) {}

  feed(text: string, last: boolean): void {
    this.pending += text;
    if (!this.parser) {
      if (!last && this.pending.length < SNIFF_CHARS) return;
      this.start();
    }
    const input = this.pending;
    const result = this.parser!.parse(input, 0, !last) as PapaResult;
    this.pending = input.slice(result.meta.cursor);
    const quoted = input.indexOf('"') !== -1;
    this.checkQuotes(result, quoted);
    // The final empty "row" after a file's last line break is not a blank line.
    const rows = result.data;
    if (last && rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop();
    this.addRows(rows, quoted);
  }

  private start(): void {
    this.pending = stripBom(this.pending);
    assertLooksLikeText(this.pending.slice(0, SNIFF_CHARS), this.name);
    this.delimiter = this.forcedDelimiter ?? detectDelimiter(this.pending.slice(0, SNIFF_CHARS));
    const newline = detectNewline(this.pending.slice(0, SNIFF_CHARS));
    this.newlineChar = newline === '\r' ? '\r' : '\n';
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline, quoteChar: '"' });
  }

  /** Line breaks inside the quoted fields of a row (they shift the line numbers of later rows). */
  private extraLines(row: string[]): number {
    let extra = 0;
    for (const cell of row) {
      for (let i = cell.indexOf(this.newlineChar); i !== -1; i = cell.indexOf(this.newlineChar, i + 1)) extra++;
    }
    return extra;
  }

  private checkQuotes(result: PapaResult, quoted: boolean): void {
    const error = result.errors.find((e) => e.row < result.data.length || e.code === 'MissingQuotes');
    if (!error) return;
    let line = this.line;
    for (let r = 0; r < Math.min(error.row, result.data.length); r++) {
      line += 1 + (quoted ? this.extraLines(result.data[r]) : 0);
    }
    const what =
      error.code === 'MissingQuotes'
        ? 'a quoted field is never closed (a " without its closing ")'
        : 'malformed quotes: a closing " must be followed by the delimiter or the end of the line (write a " inside a quoted field as "")';
    throw new InvalidDataError(`"${this.name}" line ${line}: ${what}`);
  }

  private addRows(rows: string[][], quoted: boolean): void {
    const ragged: Array<[number, number]> = [];
    for (const row of rows) {
      const line = this.line;
      this.line += quoted ? 1 + this.extraLines(row) : 1;
      if (isBlank(row)) {
        if (this.builders) this.blankLines++;
        continue;
      }
      if (!this.builders) {
        this.setHeader(row, line);
        continue;
      }
      if (row.length !== this.builders.length) {
        ragged.push([line, row.length]);
        continue;
      }
      if (row[0] === '' && row.every((cell) => cell.trim() === '')) {
        this.blankLines++;
        continue;
      }
      this.addRow(row, line);
    }
    if (ragged.length > 0) this.throwRagged(ragged);
  }

  private addRow(row: string[], line: number): void {
    const builders = this.builders!;
    for (let c = 0; c < builders.length; c++) builders[c].push(row[c]);
    if (this.rowCount === this.lines.length) {
      const next = new Int32Array(this.lines.length * 2);
      next.set(this.lines);
      this.lines = next;
    }
    this.lines[this.rowCount++] = line;
  }

  private setHeader(row: string[], line: number): void {
    const { names, warnings } = readHeader(row, this.name, line, this.delimiter);
    this.headerWarnings = warnings;
    const decimalComma = this.delimiter === ';';
    this.builders = names.map((name) => new ColumnBuilder(name, decimalComma));
  }

  private throwRagged(ragged: Array<[number, number]>): never {
    const width = this.builders!.length;
    const [line, count] = ragged[0];
    const others = ragged.slice(1, RAGGED_LISTED).map(([l]) => l);
    const more = others.length > 0 ? ` (also line${others.length > 1 ? 's' : ''} ${others.join(', ')}${ragged.length > RAGGED_LISTED ? ', ...' : ''})` : '';
    throw new InvalidDataError(
      `"${this.name}" line ${line} has ${count} field${count === 1 ? '' : 's'} but the header has ${width} columns${more}. ` +
        'Every row needs one value per column; quote values that contain the delimiter.',
    );
  }

  finish(byteSize: number): RawTable {
    if (!this.builders) throw new InvalidDataError(`"${this.name}" is empty: a CSV needs a header row and data rows`);
    const columns = this.builders.map((b) => b.build());
    if (this.rowCount === 0) {
      const names = columns.map((c) => c.name).slice(0, 6).join(', ');
      throw new InvalidDataError(
        `"${this.name}" has a header row (${columns.length} columns: ${names}${columns.length > 6 ? ', ...' : ''}) but no data rows`,
      );
    }
    const warnings = [...this.headerWarnings];
    if (this.blankLines > 0) warnings.push(`skipped ${this.blankLines} blank line${this.blankLines === 1 ? '' : 's'}`);
    return {
      name: this.name,
      rowCount: this.rowCount,
      columns,
      lines: this.lines.slice(0, this.rowCount),
      delimiter: this.delimiter,
      byteSize,
      warnings,
    };
  }
}
