/**
 * The weights of an inline base model (`model.file`): base64 decoded without Buffer or atob (the
 * same code in browser workers and Node), and checked against the manifest before tfjs sees them,
 * so that a short or long weight file is reported naming the weight instead of as a tfjs crash.
 */
import { InvalidConfigError } from '../errors';
import type { BaseModelFile } from './model-spec';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes of standard base64 `text` (padding optional); throws naming the first bad character. */
export function decodeBase64(text: string, what = 'base64 text'): Uint8Array {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) throw new InvalidConfigError(`${what} is not base64 (its length ${text.length} cannot be)`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const code = CODES.get(body[i]);
    if (code === undefined) throw new InvalidConfigError(`${what} is not base64 (character ${JSON.stringify(body[i])} at ${i})`);
    bits = (bits << 6) | code;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[at++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

/** Bytes per stored element: the quantized dtype when the converter quantized the weight. */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

type Spec = BaseModelFile['weightSpecs'][number] & { readonly quantization?: { readonly dtype?: string } };

function bytesOf(spec: Spec, model: string): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = BYTES[dtype];
  if (size === undefined) throw new InvalidConfigError(`base model "${model}": weight "${spec.name}" has dtype ${dtype}, which a layers model cannot train (float32, int32, bool, or quantized uint8 / uint16 / float16)`);
  return spec.shape.reduce((n, d) => n * d, 1) * size;
}

/**
 * The weight data of `file` as one ArrayBuffer, after checking that its byte length is what the
 * manifest's shapes and dtypes add up to. Throws InvalidConfigError naming the first weight that
 * does not fit, or the bytes left over after the last one.
 */
export function baseModelWeights(file: BaseModelFile): ArrayBuffer {
  const bytes = decodeBase64(file.weightData, `base model "${file.name}": weightData`);
  let end = 0;
  for (const spec of file.weightSpecs as readonly Spec[]) {
    const size = bytesOf(spec, file.name);
    if (end + size > bytes.length) {
      throw new InvalidConfigError(
        `base model "${file.name}": weight "${spec.name}" (shape [${spec.shape.join(', ')}], ${spec.dtype}) needs bytes ${end}..${end + size} but the weight files hold ${bytes.length} bytes (a weight file is short or belongs to another model)`,
      );
    }
    end += size;
  }
  if (end !== bytes.length) {
    const last = file.weightSpecs.at(-1)?.name ?? '(none)';
    throw new InvalidConfigError(`base model "${file.name}": the weight files hold ${bytes.length} bytes, ${bytes.length - end} more than the manifest's weights need (${end}, the last being "${last}"): a weight file belongs to another model`);
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
