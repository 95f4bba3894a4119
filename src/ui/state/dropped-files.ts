/**
 * Files of a drag and drop, folders walked recursively (FileSystemEntry API), each with its path
 * below the dropped item, for image uploads; and what was dropped, in words.
 */

interface Found {
  readonly path: string;
  readonly file: File;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory (readEntries answers in batches of up to 100). */
async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, prefix: string, out: Found[], depth: number): Promise<void> {
  const path = `${prefix}${entry.name}`;
  if (entry.isFile) out.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
  // Deeper than any layout the loader accepts: the loader would leave these files out anyway.
  else if (entry.isDirectory && depth < 8) for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, `${path}/`, out, depth + 1);
}

/** The dropped files, folders included; a single dropped zip comes back as one file. */
export async function droppedFiles(transfer: DataTransfer): Promise<Found[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const out: Found[] = [];
  for (const entry of entries) await walk(entry, '', out, 0);
  return out;
}

/** The dropped items by name, as a person dropped them: `"shapes"`, or `"hbar", "square" and "vbar"` (first 5, then a count). */
export function droppedName(found: readonly Found[]): string {
  const names = [...new Set(found.map((f) => f.path.split('/')[0]))].map((n) => `"${n}"`);
  const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
