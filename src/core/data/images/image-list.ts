/**
 * Image datasets listed in a CSV: one column of image paths (relative to the CSV's folder) and a
 * target column (the named target, else the first other column). The task is the tabular
 * loader's: a text or few-valued integer target is classification, other numbers regression
 * (unless `task` says). Rows without a path or target are left out by line.
 */
import { parseCsv } from '../csv-parse';
import { byteSource } from '../csv-source';
import { InvalidDataError } from '../errors';
import { findColumn, inferSchema, inferTask } from '../infer';
import { cellText, isMissing, type RawColumn, type RawTable } from '../table';
import type { TaskType } from '../types';
import { extensionOf, IMAGE_EXTENSIONS } from './formats';
import { compareLabels, type Layout, type LeftOutFile, type PlacedFile } from './layout';
import type { ImageFile } from './zip';

/** Most distinct labels a listed target may have (more looks like a numeric target). */
const MAX_LISTED_CLASSES = 200;

function isPathColumn(column: RawColumn, rows: number): boolean {
  let paths = 0;
  let present = 0;
  for (let r = 0; r < rows; r++) {
    if (isMissing(column, r)) continue;
    present += 1;
    if (IMAGE_EXTENSIONS.includes(extensionOf(cellText(column, r).trim()))) paths += 1;
  }
  return present > 0 && paths >= 0.8 * present;
}

function targetColumn(table: RawTable, path: RawColumn, target: string | undefined): RawColumn {
  const others = table.columns.filter((c) => c !== path);
  const column = target === undefined ? others[0] : others.find((c) => c.name === target);
  if (!column) {
    const names = others.map((c) => `"${c.name}"`).join(', ') || 'none';
    throw new InvalidDataError(`"${table.name}": ${target === undefined ? 'no label column next to the image paths' : `no label column "${target}"`} (other columns: ${names})`);
  }
  return column;
}

/** Why row `r` cannot be placed, or null. */
function rowProblem(table: RawTable, path: RawColumn, label: RawColumn, r: number, task: TaskType): string | null {
  if (isMissing(path, r)) return 'no image path on this row';
  const ext = extensionOf(cellText(path, r).trim());
  if (!IMAGE_EXTENSIONS.includes(ext)) return `not an image (extension "${ext || 'none'}"; accepted: ${IMAGE_EXTENSIONS.join(', ')})`;
  if (isMissing(label, r)) return `no "${label.name}" on its row (line ${table.lines[r]})`;
  const n = label.numbers[r];
  if (task === 'regression' && !(n === n)) return `"${label.name}" is not a number on its row (${JSON.stringify(cellText(label, r))}, line ${table.lines[r]})`;
  return null;
}

/** The task of `label`: `task` when given (regression needs numbers), else the tabular loader's inference. */
function taskOf(table: RawTable, label: RawColumn, task: TaskType | undefined): TaskType {
  const profile = findColumn(inferSchema(table), label.name)!;
  if (task === 'regression' && profile.kind !== 'numeric') {
    throw new InvalidDataError(`"${table.name}": regression needs a numeric "${label.name}" (it holds text, e.g. ${JSON.stringify(profile.firstText?.value ?? '')} at line ${profile.firstText?.line})`);
  }
  return task ?? inferTask(profile);
}

/** The layout of the images `table` lists, with the columns used; `task` overrides the inferred one. */
export function imageListLayout(table: RawTable, target?: string, task?: TaskType): Layout & { readonly pathColumn: string; readonly target: string } {
  const path = table.columns.find((c) => isPathColumn(c, table.rowCount));
  if (!path) throw new InvalidDataError(`"${table.name}" has no column of image paths (values ending in .${IMAGE_EXTENSIONS.join(', .')})`);
  const label = targetColumn(table, path, target);
  const kind = taskOf(table, label, task);
  const placed: PlacedFile[] = [];
  const leftOut: LeftOutFile[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const file = isMissing(path, r) ? `${table.name} line ${table.lines[r]}` : cellText(path, r).trim().replace(/\\/g, '/').replace(/^\.?\//, '');
    const problem = rowProblem(table, path, label, r, kind);
    if (problem) leftOut.push({ file, reason: problem });
    else placed.push({ path: file, label: cellText(label, r).trim(), ...(kind === 'regression' ? { value: label.numbers[r] } : {}) });
  }
  const base = { placed, leftOut, pathColumn: path.name, target: label.name, task: kind };
  if (kind === 'regression') return { ...base, folders: [] };
  const folders = [...new Set(placed.map((p) => p.label))].sort(compareLabels);
  if (folders.length > MAX_LISTED_CLASSES) {
    throw new InvalidDataError(`"${table.name}": "${label.name}" has ${folders.length} distinct values; classification takes at most ${MAX_LISTED_CLASSES} classes (for a numeric target, set the task to regression)`);
  }
  return { ...base, folders };
}

/**
 * The layout an image list CSV's `bytes` give (any encoding the CSV loader reads). Without a
 * column of image paths: null when `optional`, else an error naming the file.
 */
export async function parseImageList(bytes: Uint8Array, name: string, target?: string, optional = false, task?: TaskType): Promise<Layout | null> {
  const table = await parseCsv(byteSource(name, bytes.length, async function* () {
    yield bytes;
  }));
  if (optional && !table.columns.some((c) => isPathColumn(c, table.rowCount))) return null;
  return imageListLayout(table, target, task);
}

/**
 * An upload (folder or zip) with one CSV at its top (or inside a single wrapping folder) is an image
 * list when a column holds image paths: its rows place the images, paths relative to the CSV.
 * Null for a plain class-folder upload.
 */
export async function uploadedListLayout(files: readonly ImageFile[], target?: string, task?: TaskType): Promise<Layout | null> {
  const csvs = files.filter((f) => /\.(csv|tsv)$/i.test(f.path) && f.path.split('/').length <= 2 && !f.path.split('/').some((p) => p.startsWith('.') || p === '__MACOSX'));
  const top = Math.min(...csvs.map((f) => f.path.split('/').length));
  const list = csvs.filter((f) => f.path.split('/').length === top);
  if (list.length !== 1) return null;
  const csv = list[0];
  const prefix = csv.path.slice(0, csv.path.lastIndexOf('/') + 1);
  // A CSV beside class folders that lists no images (metadata) leaves the folder layout in charge.
  const layout = await parseImageList(csv.bytes, csv.path.slice(prefix.length), target, true, task);
  if (!layout) return null;
  return { ...layout, placed: layout.placed.map((p) => ({ ...p, path: prefix + p.path })) };
}
