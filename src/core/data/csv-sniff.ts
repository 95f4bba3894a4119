/**
 * Looks at the start of a file before parsing: is it text at all, which delimiter and which line
 * break does it use. Pure functions of the first chunk of text.
 */
import { InvalidDataError } from './errors';

/** Delimiters tried, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof CANDIDATE_DELIMITERS)[number];

/** Human name of a delimiter for messages and the summary. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : JSON.stringify(delimiter);
}

/** Removes a leading byte-order mark (U+FEFF) left by a decoder that kept it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Counts each candidate delimiter outside quotes, per record, over the first `maxRecords` records. */
function countPerRecord(head: string, maxRecords: number): number[][] {
  const records: number[][] = [];
  let counts = CANDIDATE_DELIMITERS.map(() => 0);
  let inQuotes = false;
  for (let i = 0; i < head.length && records.length < maxRecords; i++) {
    const c = head[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && head[i + 1] === '\n') i++;
      if (counts.some((n) => n > 0) || records.length > 0) records.push(counts);
      counts = CANDIDATE_DELIMITERS.map(() => 0);
    } else {
      const k = CANDIDATE_DELIMITERS.indexOf(c as Delimiter);
      if (k !== -1) counts[k]++;
    }
  }
  if (records.length < maxRecords && counts.some((n) => n > 0)) records.push(counts);
  return records;
}

/**
 * The delimiter of a CSV from its first lines: among comma, semicolon, tab and pipe, the one the
 * header uses most among those whose count per line stays the same as the header's (so decimal
 * commas in a `;` file do not win). Falls back to comma when the header has none of them.
 */
export function detectDelimiter(head: string): Delimiter {
  const records = countPerRecord(head, 20);
  if (records.length === 0) return ',';
  const header = records[0];
  let best = -1;
  let bestScore = -1;
  for (let k = 0; k < CANDIDATE_DELIMITERS.length; k++) {
    if (header[k] === 0) continue;
    const consistent = records.filter((r) => r[k] === header[k]).length / records.length;
    const score = (consistent >= 0.8 ? 1_000_000 : 0) + header[k];
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return best === -1 ? ',' : CANDIDATE_DELIMITERS[best];
}

/** The line break used by the first record break outside quotes: `\r\n`, `\r` or `\n`. */
export function detectNewline(head: string): '\r\n' | '\r' | '\n' {
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === '\n') return '\n';
    else if (!inQuotes && c === '\r') return head[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return '\n';
}

const SIGNATURES: ReadonlyArray<[string, string]> = [
  ['PK\u0003\u0004', 'a ZIP archive (an .xlsx, .ods or .zip file)'],
  ['%PDF-', 'a PDF document'],
  ['\u00d0\u00cf\u0011\u00e0', 'an old Excel (.xls) workbook'],
  ['\u0089PNG', 'a PNG image'],
];

/**
 * Rejects text that is not a CSV: known binary formats by signature, then any NUL character or
 * more than 2% control / undecodable characters in `head`.
 */
export function assertLooksLikeText(head: string, name: string): void {
  const hint = 'Save or export it as CSV (comma, semicolon or tab separated text) and try again.';
  for (const [signature, kind] of SIGNATURES) {
    if (head.startsWith(signature)) throw new InvalidDataError(`"${name}" is ${kind}, not a CSV text file. ${hint}`);
  }
  let bad = 0;
  let first = -1;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    const control = (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0x7f || code === 0xfffd;
    if (!control) continue;
    if (first === -1) first = i;
    bad++;
    if (code === 0) break;
  }
  if (first === -1) return;
  const hasNul = head.charCodeAt(first) === 0 || head.includes('\u0000');
  if (!hasNul && bad <= head.length * 0.02) return;
  const hex = head.charCodeAt(first).toString(16).padStart(2, '0');
  throw new InvalidDataError(
    `"${name}" does not look like a CSV text file: it holds binary data (character 0x${hex} at position ${first + 1}). ${hint}`,
  );
}
