/**
 * Content ids for encoded datasets: the same file, choices and split give the same id, so a
 * dataset is stored once and every run of every experiment that uses it shares that record.
 */

/** A 53-bit hash (cyrb53 by bryc, public domain) over 32-bit words and strings, as 14 hex digits. */
class Hash53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  word(w: number): void {
    this.h1 = Math.imul(this.h1 ^ w, 2654435761);
    this.h2 = Math.imul(this.h2 ^ w, 1597334677);
  }

  text(s: string): void {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    this.word(s.length);
  }

  floats(values: Float32Array): void {
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
    for (let i = 0; i < words.length; i++) this.word(words[i]);
    this.word(values.length);
  }

  hex(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    return value.toString(16).padStart(14, '0');
  }
}

/** `name-slug-<hash>` over a description string and the encoded arrays. */
export function datasetId(name: string, description: string, arrays: readonly Float32Array[]): string {
  const hash = new Hash53();
  hash.text(description);
  for (const array of arrays) hash.floats(array);
  const slug = name
    .toLowerCase()
    .replace(/\.(csv|tsv|txt)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'dataset'}-${hash.hex()}`;
}
