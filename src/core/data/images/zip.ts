/**
 * Zipped image folders, read with fflate. The inflated size is capped from each entry's declared
 * size before anything is inflated, and fflate inflates into a buffer of exactly that size, so an
 * entry that lies about its size is cut there (and then fails to decode) instead of growing: a zip
 * bomb never fills memory.
 */
import { unzipSync } from 'fflate';
import { InvalidDataError } from '../errors';
import { formatBytes } from '../values';
import { isReadInUpload } from './formats';

/** Default cap on the total inflated size of a zip (1 GiB). */
export const DEFAULT_MAX_INFLATED_BYTES = 1024 ** 3;

/** Default cap on the bytes of one image upload, folder or zip (1 GiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3;

/** Throws a message naming `name` when an upload of `bytes` exceeds `max`. */
export function checkUploadBytes(bytes: number, name: string, max = DEFAULT_MAX_UPLOAD_BYTES): void {
  if (bytes > max) throw new InvalidDataError(`"${name}" is ${formatBytes(bytes)}: image uploads are limited to ${formatBytes(max)} (resize the images or upload fewer)`);
}

/** A file of an image upload: its path below the upload's root and its bytes. */
export interface ImageFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Names of entries written without the UTF-8 flag, which fflate reads as Latin-1, decoded as
 * UTF-8 instead (what most zip tools write); bytes that are not UTF-8 become U+FFFD, which the
 * layout reports by file name. Keyed by fflate's Latin-1 reading. Empty for a zip it cannot walk.
 */
function unflaggedNames(bytes: Uint8Array): Map<string, string> {
  const names = new Map<string, string>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return names;
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0 && at + 46 <= bytes.length && view.getUint32(at, true) === 0x02014b50; i--) {
    const length = view.getUint16(at + 28, true);
    const raw = bytes.subarray(at + 46, at + 46 + length);
    if ((view.getUint16(at + 8, true) & 0x800) === 0 && raw.some((b) => b >= 0x80)) names.set(String.fromCharCode(...raw), utf8.decode(raw));
    at += 46 + length + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return names;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/**
 * The files of the zip `bytes` (named `name` in messages), folders omitted; files that are neither
 * images nor image lists come back empty, uninflated (the layout leaves them out by name).
 */
export function unzipImages(bytes: Uint8Array, name: string, maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES): ImageFile[] {
  if (!isZip(bytes)) throw new InvalidDataError(`"${name}" is not a zip file (it does not start with the zip signature PK)`);
  let total = 0;
  let entries: Record<string, Uint8Array>;
  const skipped: string[] = [];
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        // Left out by name alone (see isReadInUpload): listed, never inflated nor counted.
        if (!isReadInUpload(file.name)) {
          skipped.push(file.name);
          return false;
        }
        total += file.originalSize;
        if (total > maxInflatedBytes) {
          throw new InvalidDataError(`"${name}" inflates to more than ${formatBytes(maxInflatedBytes)} (at "${file.name}"): refused as a possible zip bomb`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InvalidDataError) throw error;
    throw new InvalidDataError(`"${name}" is not a readable zip file: ${(error as Error).message}`);
  }
  const renamed = unflaggedNames(bytes);
  const files = Object.entries(entries).map(([path, data]) => ({ path: renamed.get(path) ?? path, bytes: data }));
  return [...files, ...skipped.map((path) => ({ path: renamed.get(path) ?? path, bytes: new Uint8Array(0) }))];
}
