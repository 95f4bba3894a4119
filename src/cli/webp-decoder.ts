/**
 * WebP for `tabtune run`: libwebp compiled to WebAssembly, as shipped inside the npm package
 * @jsquash/webp (Squoosh's codec; the .wasm is in the package, nothing is downloaded). Its glue
 * code fetches the .wasm by URL, which Node cannot do for a file, so the module is compiled from
 * the package's file once and handed over (the package README's "manual initialisation").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import decodeWebpFile, { init } from '@jsquash/webp/decode.js';
import type { RgbaImage } from '../core';

let ready: Promise<void> | null = null;

function initOnce(): Promise<void> {
  ready ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm');
    const module = await WebAssembly.compile(readFileSync(path));
    // The package's .d.ts lists only the options argument; decode.js takes the compiled module first.
    await (init as unknown as (module: WebAssembly.Module) => Promise<void>)(module);
  })();
  return ready;
}

/** Decodes a WebP (lossy or lossless; the first frame of an animation) to RGBA at natural size. */
export async function decodeWebp(bytes: Uint8Array): Promise<RgbaImage> {
  await initOnce();
  const image = await decodeWebpFile(bytes.slice().buffer);
  return { width: image.width, height: image.height, data: image.data };
}
