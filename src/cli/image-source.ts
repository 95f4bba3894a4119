/**
 * `dataset.source: "images:PATH"` for `tabtune run`: a folder in the ImageFolder layout, a zip of
 * one, or a CSV listing image paths and labels or a numeric target (regression), read from disk (sizes capped before reading), decoded by {@link nodeImageDecoder} and
 * encoded by core's image loader, the page's own.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import {
  checkUploadBytes,
  DEFAULT_MAX_UPLOAD_BYTES,
  parseImageList,
  InvalidDataError,
  isReadInUpload,
  loadImageFiles,
  MAX_CLASS_DEPTH,
  unzipImages,
  type ImageFile,
  type ImageLoadOptions,
  type Layout,
  type LoadedImages,
} from '../core';
import { nodeImageDecoder } from './image-decoders';

/** Folder levels read below the chosen folder (deeper files are never opened). */
const MAX_WALK_DEPTH = MAX_CLASS_DEPTH + 3;

const utf8 = new TextDecoder('utf-8');

interface Walk {
  readonly files: { path: string; full: Buffer; size: number }[];
  bytes: number;
}

/** Lists files below `dir` (a path in bytes, so a name that is not UTF-8 still opens and shows as U+FFFD). */
function walk(dir: Buffer, prefix: string, depth: number, out: Walk, name: string, maxBytes: number): void {
  if (depth > MAX_WALK_DEPTH) return;
  const entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent<Buffer>[];
  for (const entry of entries) {
    const text = utf8.decode(entry.name);
    const full = Buffer.concat([dir, Buffer.from(sep), entry.name]);
    if (entry.isDirectory()) walk(full, `${prefix}${text}/`, depth + 1, out, name, maxBytes);
    else if (entry.isFile()) {
      const size = statSync(full).size;
      out.bytes += size;
      checkUploadBytes(out.bytes, name, maxBytes);
      out.files.push({ path: prefix + text, full, size });
    }
  }
}

function readFolder(dir: string, name: string, maxBytes: number): ImageFile[] {
  const found: Walk = { files: [], bytes: 0 };
  walk(Buffer.from(dir), '', 0, found, name, maxBytes);
  if (found.files.length === 0) throw new InvalidDataError(`folder "${name}" is empty: no files found (lay it out as one folder per class, e.g. cat/1.png, dog/2.png)`);
  // Files that are not images or image lists are left out by their name alone: never read them.
  return found.files.map((f) => ({ path: f.path, bytes: f.size === 0 || !isReadInUpload(f.path) ? new Uint8Array(0) : readFileSync(f.full) }));
}

/** The images an image list CSV names (paths relative to its folder); a missing one is left to the loader to report. */
async function readListed(csvPath: string, name: string, maxBytes: number, options: ImagePathOptions): Promise<{ files: ImageFile[]; layout: Layout }> {
  const layout = (await parseImageList(readFileSync(csvPath), name, options.target, false, options.task))!;
  const files: ImageFile[] = [];
  let bytes = 0;
  for (const { path } of layout.placed) {
    const full = resolve(dirname(csvPath), path);
    if (!existsSync(full) || !statSync(full).isFile()) continue;
    bytes += statSync(full).size;
    checkUploadBytes(bytes, name, maxBytes);
    files.push({ path, bytes: readFileSync(full) });
  }
  return { files, layout };
}

export interface ImagePathOptions extends Omit<ImageLoadOptions, 'name' | 'source'> {
  /** Cap on the upload's bytes (default 1 GiB). */
  readonly maxBytes?: number;
  /** Cap on a zip's inflated bytes (default 1 GiB). */
  readonly maxInflatedBytes?: number;
}

/** Reads the folder or zip at `path` (shown as `label`) as an image dataset with source `images:<label>`. */
export async function loadImagePath(path: string, label: string, options: ImagePathOptions = {}): Promise<LoadedImages> {
  const { maxBytes = DEFAULT_MAX_UPLOAD_BYTES, maxInflatedBytes, ...rest } = options;
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new InvalidDataError(`images "${label}": no such folder or zip file`);
  }
  const name = basename(path);
  let files: ImageFile[];
  let layout: Layout | undefined;
  if (info.isDirectory()) files = readFolder(path, name, maxBytes);
  else if (/\.(csv|tsv|txt)$/i.test(path)) ({ files, layout } = await readListed(path, name, maxBytes, options));
  else {
    checkUploadBytes(info.size, name, maxBytes);
    files = unzipImages(readFileSync(path), name, maxInflatedBytes);
  }
  return loadImageFiles(files, nodeImageDecoder, { ...rest, ...(layout ? { layout } : {}), name, source: `images:${label}` });
}
