/**
 * Where CSV text comes from: a string, a Blob/File (browser worker, Node 20), or any stream of
 * bytes (the CLI's file reader). Every source yields decoded text chunks with the byte count read
 * so far, so one parser serves the page and Node, and progress is measured in bytes.
 */

/** One decoded piece of the file and how many bytes of it have been read so far. */
export interface CsvChunk {
  readonly text: string;
  readonly bytesRead: number;
}

/** A CSV to parse: its display name, its size in bytes and its text, chunk by chunk, in order. */
export interface CsvSource {
  readonly name: string;
  /** Size in bytes (checked against the size limit before any reading). */
  readonly size: number;
  chunks(): AsyncIterable<CsvChunk>;
}

/** Bytes per chunk read from a Blob or stream: small enough for a smooth progress bar. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** A source over text already in memory, cut into chunks of `chunkChars` characters. */
export function textSource(name: string, text: string, chunkChars = DEFAULT_CHUNK_BYTES): CsvSource {
  return {
    name,
    size: text.length,
    async *chunks() {
      for (let start = 0; start < text.length; start += chunkChars) {
        const end = Math.min(text.length, start + chunkChars);
        yield { text: text.slice(start, end), bytesRead: end };
      }
    },
  };
}

/**
 * The text encoding of a file from its first bytes: a byte-order mark decides (UTF-8, UTF-16LE/BE);
 * without one, UTF-8 if the bytes are valid UTF-8, else windows-1252 (spreadsheets' "CSV" on
 * Windows). Binary files pass through as UTF-8 and are rejected by the parser.
 */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    // Not UTF-8: fall back to the legacy Windows code page when this runtime has it.
    return supportsEncoding('windows-1252') ? 'windows-1252' : 'utf-8';
  }
}

function supportsEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    // Node without full ICU lacks legacy code pages.
    return false;
  }
}

/**
 * A source over a stream of byte chunks of known total `size`. The encoding is sniffed from the
 * first chunk; a UTF-8 or UTF-16 byte-order mark is removed by the decoder.
 */
export function byteSource(name: string, size: number, read: () => AsyncIterable<Uint8Array>): CsvSource {
  return {
    name,
    size,
    async *chunks() {
      let decoder: TextDecoder | null = null;
      let bytesRead = 0;
      for await (const bytes of read()) {
        decoder ??= new TextDecoder(sniffEncoding(bytes));
        bytesRead += bytes.byteLength;
        yield { text: decoder.decode(bytes, { stream: true }), bytesRead };
      }
      if (decoder) yield { text: decoder.decode(), bytesRead };
    },
  };
}

/** A source over a Blob or File, read in `chunkBytes` slices (works in workers and in Node 20). */
export function blobSource(blob: Blob, name: string, chunkBytes = DEFAULT_CHUNK_BYTES): CsvSource {
  return byteSource(name, blob.size, async function* () {
    for (let start = 0; start < blob.size; start += chunkBytes) {
      const slice = blob.slice(start, Math.min(blob.size, start + chunkBytes));
      yield new Uint8Array(await slice.arrayBuffer());
    }
  });
}
