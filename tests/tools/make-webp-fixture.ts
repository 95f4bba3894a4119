/**
 * Writes tests/fixtures/webp-lossless-bytes.ts: {@link webpFixturePixels} encoded as a lossless
 * WebP by libwebp (the wasm encoder of @jsquash/webp), checked to decode back to the same pixels.
 * Run: `npx tsx tests/tools/make-webp-fixture.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import encode, { init } from '@jsquash/webp/encode.js';
import { decodeWebp } from '../../src/cli/webp-decoder';
import { webpFixturePixels } from '../fixtures/webp-lossless';

const require = createRequire(import.meta.url);
const wasm = await WebAssembly.compile(readFileSync(require.resolve('@jsquash/webp/codec/enc/webp_enc.wasm')));
// As in src/cli/webp-decoder.ts: the .d.ts lists only the options argument; encode.js takes the module first.
await (init as unknown as (module: WebAssembly.Module) => Promise<void>)(wasm);
const image = webpFixturePixels();
const bytes = new Uint8Array(await encode({ data: new Uint8ClampedArray(image.data), width: image.width, height: image.height, colorSpace: 'srgb' }, { lossless: 1, exact: 1 }));
const back = await decodeWebp(bytes);
if (Buffer.compare(Buffer.from(back.data), Buffer.from(image.data)) !== 0) throw new Error('the encoded WebP does not decode to the fixture pixels');
const file = new URL('../fixtures/webp-lossless-bytes.ts', import.meta.url);
writeFileSync(file, `/** Written by tests/tools/make-webp-fixture.ts: a ${image.width}x${image.height} lossless WebP (${bytes.length} bytes). */\nexport const LOSSLESS_WEBP_BASE64 =\n  '${Buffer.from(bytes).toString('base64')}';\n`);
console.log(`wrote ${file.pathname} (${bytes.length} bytes)`);
