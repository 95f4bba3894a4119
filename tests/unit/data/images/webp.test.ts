/**
 * WebP in `tabtune run`: libwebp (wasm, bundled in @jsquash/webp) decodes the lossless fixture to
 * its exact pixels, the same pixels tests/browser/images-worker.test.ts asserts Chromium decodes, so
 * the CLI and the page feed identical inputs for lossless WebP.
 */
import { describe, expect, it } from 'vitest';
import { loadImageFiles, writeImageInputs } from '../../../../src/core/data';
import { nodeImageDecoder } from '../../../../src/cli/image-decoders';
import { decodeWebp } from '../../../../src/cli/webp-decoder';
import { losslessWebpBytes, webpFixturePixels, WEBP_FIXTURE_SIZE } from '../../../fixtures/webp-lossless';

describe('WebP in Node', () => {
  it('decodes the lossless fixture to its exact pixels', async () => {
    const image = await decodeWebp(losslessWebpBytes());
    const expected = webpFixturePixels();
    expect([image.width, image.height]).toEqual([expected.width, expected.height]);
    expect(Array.from(image.data)).toEqual(Array.from(expected.data));
  });

  it('loads WebP images into a dataset with the inputs the resize rule gives their pixels', async () => {
    const bytes = losslessWebpBytes();
    const files = ['a/1.webp', 'a/2.webp', 'b/1.webp', 'b/2.webp', 'b/broken.webp'].map((path) => ({ path, bytes: path.includes('broken') ? bytes.slice(0, 40) : bytes }));
    const { dataset, summary } = await loadImageFiles(files, nodeImageDecoder, { name: 'webp', source: 'images:webp', size: WEBP_FIXTURE_SIZE });
    expect(summary.images).toBe(4);
    expect(summary.leftOut).toEqual([{ file: 'b/broken.webp', reason: expect.stringMatching(/^corrupt or unreadable WEBP/) }]);
    const width = WEBP_FIXTURE_SIZE ** 2 * 3;
    const expected = new Float32Array(width);
    writeImageInputs(webpFixturePixels(), WEBP_FIXTURE_SIZE, 3, expected, 0);
    for (const x of [dataset.trainX, dataset.validX]) {
      for (let row = 0; row < x.length / width; row++) expect(Array.from(x.subarray(row * width, (row + 1) * width))).toEqual(Array.from(expected));
    }
  });
});
