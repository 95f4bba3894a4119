/**
 * Maps a character position in a built bundle back to its source file and line, through the
 * bundle's source map (`build.sourcemap`), so bench:ui can name the code a long frame ran.
 * A minimal reader of source map v3 mappings (base64 VLQ); no dependency.
 */
import { existsSync, readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one segment of base64 VLQ numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

interface Bundle {
  /** Character offset of each line start. */
  lineStarts: number[];
  /** Per generated line: [column, source index, source line] sorted by column. */
  lines: [number, number, number][][];
  sources: string[];
}

function loadBundle(file: string): Bundle | null {
  if (!existsSync(file) || !existsSync(`${file}.map`)) return null;
  const code = readFileSync(file, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  let source = 0;
  let sourceLine = 0;
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    const segments: [number, number, number][] = [];
    for (const text of line.split(',')) {
      if (!text) continue;
      const v = decodeSegment(text);
      column += v[0];
      if (v.length >= 4) {
        source += v[1];
        sourceLine += v[2];
        segments.push([column, source, sourceLine]);
      }
    }
    return segments;
  });
  return { lineStarts, lines, sources: map.sources };
}

/** Resolves positions in the bundles of one build folder. */
export class SourceMaps {
  private readonly bundles = new Map<string, Bundle | null>();

  /** `outDir`: the build folder; `baseUrl`: the URL it is served at. */
  constructor(
    private readonly outDir: string,
    private readonly baseUrl: string,
  ) {}

  /** As `resolve`, for a 0-based line and column (a CPU profile's call frame). */
  resolveAt(url: string, line: number, column: number): string {
    const path = url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url;
    if (!this.bundles.has(path)) this.bundles.set(path, loadBundle(`${this.outDir}/${path}`));
    const start = this.bundles.get(path)?.lineStarts[line];
    return start === undefined ? `${path.split('/').pop()}:${line + 1}:${column + 1}` : this.resolve(url, start + column);
  }

  /** `src/runtime/host.ts:120` for a position in a served bundle, or the URL's file name and offset. */
  resolve(url: string, charPosition: number): string {
    if (!url) return '(no source)';
    const path = url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url;
    const fallback = `${path.split('/').pop()}@${charPosition}`;
    if (charPosition < 0) return fallback;
    if (!this.bundles.has(path)) this.bundles.set(path, loadBundle(`${this.outDir}/${path}`));
    const bundle = this.bundles.get(path);
    if (!bundle) return fallback;
    let line = bundle.lineStarts.length - 1;
    while (line > 0 && bundle.lineStarts[line] > charPosition) line--;
    const column = charPosition - bundle.lineStarts[line];
    const segments = bundle.lines[line] ?? [];
    let hit: [number, number, number] | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      hit = segment;
    }
    if (!hit) return fallback;
    const source = bundle.sources[hit[1]].replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
    return `${source}:${hit[2] + 1}`;
  }
}
