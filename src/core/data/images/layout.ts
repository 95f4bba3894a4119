/**
 * The ImageFolder layout: one folder per class, images inside it (subfolders of a class folder
 * count for that class, up to {@link MAX_CLASS_DEPTH} levels). A single folder wrapping the class
 * folders (a zipped `digits/0/a.png`) is looked through. Paths use `/`.
 */
import type { TaskType } from '../types';
import { extensionOf, IMAGE_EXTENSIONS } from './formats';

/** Folder levels allowed below a class folder before a file is left out. */
export const MAX_CLASS_DEPTH = 3;

/** A file that did not become a training image, and why (shown by file name in every summary). */
export interface LeftOutFile {
  readonly file: string;
  readonly reason: string;
}

/** A file placed in its class (or, for regression, with its target value). */
export interface PlacedFile {
  readonly path: string;
  /** The class, or the target as written for regression. */
  readonly label: string;
  /** Regression: the numeric target. */
  readonly value?: number;
}

export interface Layout {
  readonly placed: readonly PlacedFile[];
  readonly leftOut: readonly LeftOutFile[];
  /** Every class folder seen, sorted, including those whose files were all left out (empty for regression). */
  readonly folders: readonly string[];
  /** Regression only for an image list CSV with a numeric target; class folders are classification. */
  readonly task?: TaskType;
  /** The image list CSV's target column. */
  readonly target?: string;
}

function isSystemFile(parts: readonly string[]): boolean {
  return parts.some((p) => p.startsWith('.') || p === '__MACOSX' || p === 'Thumbs.db' || p === 'desktop.ini');
}

/** Drops a top folder shared by every path while some files still sit in folders below it (a README beside the class folders stays a file). */
function stripWrapper(paths: readonly string[][]): string[][] {
  let out = paths.map((p) => [...p]);
  while (out.length > 0 && out.every((p) => p.length >= 2 && p[0] === out[0][0]) && out.some((p) => p.length >= 3)) out = out.map((p) => p.slice(1));
  return out;
}

function reasonFor(parts: readonly string[], path: string): string | null {
  if (path.includes('\uFFFD')) return 'file name is not valid UTF-8 (rename it)';
  if (parts.length < 2) return 'not inside a class folder (put each image in a folder named after its class)';
  if (parts.length - 2 > MAX_CLASS_DEPTH) return `nested ${parts.length - 2} folders below its class folder (at most ${MAX_CLASS_DEPTH})`;
  const ext = extensionOf(path);
  if (!IMAGE_EXTENSIONS.includes(ext)) return `not an image (extension "${ext || 'none'}"; accepted: ${IMAGE_EXTENSIONS.join(', ')})`;
  return null;
}

/** Places each of `paths` (relative to the uploaded folder or zip root) in its class, or leaves it out with a reason. */
export function layoutOf(paths: readonly string[]): Layout {
  const kept = paths.map((p) => p.replace(/\\/g, '/').replace(/^\.?\//, '')).filter((p) => p !== '' && !p.endsWith('/'));
  const leftOut: LeftOutFile[] = [];
  const visible: string[][] = [];
  for (const path of kept) {
    const parts = path.split('/');
    if (isSystemFile(parts)) leftOut.push({ file: path, reason: 'hidden or system file' });
    else visible.push(parts);
  }
  const placed: PlacedFile[] = [];
  const folders = new Set<string>();
  const stripped = stripWrapper(visible);
  stripped.forEach((parts, i) => {
    const path = visible[i].join('/');
    if (parts.length >= 2) folders.add(parts[0]);
    const reason = reasonFor(parts, path);
    if (reason) leftOut.push({ file: path, reason });
    else placed.push({ path, label: parts[0] });
  });
  return { placed, leftOut, folders: [...folders].sort(compareLabels) };
}

/** Class order: numeric labels by value ("2" before "10"), then the rest by code point. */
export function compareLabels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  const numeric = a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb);
  if (numeric && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
