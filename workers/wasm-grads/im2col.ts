/**
 * Patch extraction for convolution gradients on typed arrays (NHWC, float32): the one loop the
 * wasm backend lacks, so that the heavy part of a gradient becomes one matrix product run by the
 * backend's XNNPACK GEMM. Pure functions over plain arrays; no tfjs.
 */

/** The geometry of one 2-D convolution: NHWC input, HWIO filter, explicit padding. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/**
 * Writes the transposed patch matrix of `x` into `out`: row k = (fh, fw, c) in filter order, column
 * m = (n, oh, ow) in output order, `out[k * M + m] = x[n, oh*sh + fh*dh - padTop, ow*sw + fw*dw - padLeft, c]`
 * (0 outside the input). `out` holds filterHeight * filterWidth * inChannels rows of
 * M = batch * outHeight * outWidth floats. With this layout dW = out x dy is a plain GEMM.
 */
export function transposedPatches(x: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { batch, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = g;
  const columns = batch * outHeight * outWidth;
  const rowStride = inWidth * inChannels;
  const imageStride = inHeight * rowStride;
  const step = strideWidth * inChannels;
  for (let fh = 0; fh < g.filterHeight; fh++) {
    for (let fw = 0; fw < g.filterWidth; fw++) {
      const colOffset = fw * g.dilationWidth - g.padLeft;
      // Output columns whose input column lies inside the image: [first, end).
      const first = Math.min(outWidth, Math.max(0, Math.ceil(-colOffset / strideWidth)));
      const end = Math.max(first, Math.min(outWidth, Math.ceil((inWidth - colOffset) / strideWidth)));
      for (let c = 0; c < inChannels; c++) {
        let at = ((fh * g.filterWidth + fw) * inChannels + c) * columns;
        for (let n = 0; n < batch; n++) {
          for (let oh = 0; oh < outHeight; oh++, at += outWidth) {
            const ih = oh * strideHeight + fh * g.dilationHeight - g.padTop;
            // Short rows: explicit loops, since typed-array fill() costs more than it saves here.
            if (ih < 0 || ih >= inHeight) {
              for (let ow = at, stop = at + outWidth; ow < stop; ow++) out[ow] = 0;
              continue;
            }
            for (let ow = at, stop = at + first; ow < stop; ow++) out[ow] = 0;
            let from = n * imageStride + ih * rowStride + (first * strideWidth + colOffset) * inChannels + c;
            for (let ow = at + first, stop = at + end; ow < stop; ow++, from += step) out[ow] = x[from];
            for (let ow = at + end, stop = at + outWidth; ow < stop; ow++) out[ow] = 0;
          }
        }
      }
    }
  }
}

/**
 * `w` [fh, fw, in, out] rotated by 180 degrees with its channel axes swapped, into `out`
 * [fh, fw, out, in]: the filter that turns a forward convolution into its input gradient.
 */
export function flippedTransposedFilter(w: Float32Array, shape: readonly number[], out: Float32Array): void {
  const [height, width, inC, outC] = shape;
  for (let fh = 0; fh < height; fh++) {
    for (let fw = 0; fw < width; fw++) {
      const from = (fh * width + fw) * inC * outC;
      const to = ((height - 1 - fh) * width + (width - 1 - fw)) * inC * outC;
      for (let i = 0; i < inC; i++) {
        for (let o = 0; o < outC; o++) out[to + o * inC + i] = w[from + i * outC + o];
      }
    }
  }
}

/**
 * `dy` [n, h, w, c] spread onto a zero grid with `strideHeight - 1` / `strideWidth - 1` zeros
 * between neighbours, into `out` [n, (h-1)*sh+1, (w-1)*sw+1, c].
 */
export function dilatedRows(dy: Float32Array, shape: readonly number[], strideHeight: number, strideWidth: number, out: Float32Array): void {
  const [batch, height, width, channels] = shape;
  const outHeight = (height - 1) * strideHeight + 1;
  const outWidth = (width - 1) * strideWidth + 1;
  out.fill(0);
  let from = 0;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < height; h++) {
      for (let w = 0; w < width; w++, from += channels) {
        const to = ((n * outHeight + h * strideHeight) * outWidth + w * strideWidth) * channels;
        out.set(dy.subarray(from, from + channels), to);
      }
    }
  }
}
