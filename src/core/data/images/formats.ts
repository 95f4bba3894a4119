/**
 * Image formats recognised by their first bytes (never by the file name, which can lie): what
 * the page hands to createImageBitmap and `tabtune run` to its pure-JS decoders.
 */

/** The formats an image dataset accepts. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

/** Extensions taken for images when listing a folder or zip (anything else is left out as "not an image"). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The format of `bytes` from its signature, or null when it is none of {@link ImageFormat}. */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 26) return 'bmp';
  return null;
}

/** The lower-case extension of `path` ('' when none). */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a file of an upload is read at all: images by extension and CSV / TSV image lists.
 * Anything else is left out by name from its path alone, so a video beside the images costs nothing.
 */
export function isReadInUpload(path: string): boolean {
  const ext = extensionOf(path);
  return IMAGE_EXTENSIONS.includes(ext) || ext === 'csv' || ext === 'tsv';
}
