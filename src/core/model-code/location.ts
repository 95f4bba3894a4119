/**
 * Where in the user's file an error happened. The module runs from a URL tabtune made (a blob:
 * URL in the browser, a data: URL in Node); its stack frames are mapped back to the file name
 * the user knows, so a failed run says `my-model.mjs:12:9`, not `blob:http://.../4f1c...:12:9`.
 */

/** The stack and message of `error` with every `url` replaced by `name`. */
export function renameFrames(text: string, url: string, name: string): string {
  return url === '' ? text : text.split(url).join(name);
}

/** The first `name:line:column` of the user's file in `stack` (after renaming), or null. */
export function userLocation(stack: string | undefined, name: string): string | null {
  if (!stack) return null;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? `${name}:${match[1]}:${match[2]}` : null;
}
