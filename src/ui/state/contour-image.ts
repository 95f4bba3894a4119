/**
 * The contour's colored cells as one image. Drawn as 1024 rectangles of an ECharts custom series
 * (32 x 32 cells), every live redraw of the contour took 20-54 ms (bench:ui, p50 20 ms: the chart
 * that made the page's long tasks); one image of the same cells is one element to lay out and one
 * `drawImage` to paint. The colors are ECharts' own for a continuous visual map: the value's
 * position between `low` and `high`, interpolated linearly in RGB between evenly spaced stops.
 */

/**
 * The image's least size per side in pixels: the browser scales it to the grid with smoothing, so
 * each cell is a block at least as large as its size on the screen and its edges stay sharp (two
 * categories in blocks of 8 pixels blurred into a band 60 pixels wide).
 */
const IMAGE_PX = 512;

/** [r, g, b] of a `#rrggbb` color. */
function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The color of `value` on the scale low -> high over `stops` (as ECharts' continuous visual map interpolates them). */
export function colorAt(value: number, low: number, high: number, stops: readonly string[]): [number, number, number] {
  const t = high > low ? Math.min(1, Math.max(0, (value - low) / (high - low))) : 0;
  const position = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(position));
  const a = rgbOf(stops[i]);
  const b = rgbOf(stops[i + 1]);
  const f = position - i;
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
}

/**
 * RGBA pixels of the cells, one pixel per cell, row-major from the top row: `values[j][i]` is the
 * cell at x index i and y index j (j = 0 lowest), so image row 0 holds the highest j.
 */
export function cellPixels(values: readonly (readonly number[])[], low: number, high: number, stops: readonly string[]): Uint8ClampedArray<ArrayBuffer> {
  const rows = values.length;
  const columns = rows > 0 ? values[0].length : 0;
  const out = new Uint8ClampedArray(rows * columns * 4);
  for (let j = 0; j < rows; j++) {
    const row = rows - 1 - j;
    for (let i = 0; i < columns; i++) {
      const [r, g, b] = colorAt(values[j][i], low, high, stops);
      const p = (row * columns + i) * 4;
      out[p] = r;
      out[p + 1] = g;
      out[p + 2] = b;
      out[p + 3] = 255;
    }
  }
  return out;
}

/** A canvas with the cells as blocks of at least IMAGE_PX / cells pixels a side (browser only: ECharts draws it scaled to the grid). */
export function cellCanvas(values: readonly (readonly number[])[], low: number, high: number, stops: readonly string[]): HTMLCanvasElement {
  const rows = values.length;
  const columns = rows > 0 ? values[0].length : 0;
  const small = document.createElement('canvas');
  small.width = columns;
  small.height = rows;
  small.getContext('2d')!.putImageData(new ImageData(cellPixels(values, low, high, stops), columns, rows), 0, 0);
  const large = document.createElement('canvas');
  large.width = columns * Math.ceil(IMAGE_PX / Math.max(1, columns));
  large.height = rows * Math.ceil(IMAGE_PX / Math.max(1, rows));
  const context = large.getContext('2d')!;
  // Nearest neighbour: each cell a flat block, as the rectangles were (no blending across cells).
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, large.width, large.height);
  return large;
}
