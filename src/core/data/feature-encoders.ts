/**
 * Per-column encoders fitted on the TRAINING rows only (so validation stays unseen): numeric
 * columns are standardized, categorical columns one-hot encoded with rare levels grouped into one
 * "(other)" input. Each encoder writes its inputs for a row into a row-major matrix.
 */
import type { ColumnEncoding } from './types';
import type { RawColumn } from './table';

/** Name of the input that rare and unseen levels map to (suffixed if a real level has this name). */
export const OTHER_LEVEL = '(other)';

export interface CategoricalLimits {
  /** Levels seen in fewer training rows than this are grouped into {@link OTHER_LEVEL} (default 5). */
  readonly minLevelCount?: number;
  /** At most this many levels get their own input; the rest are grouped (default 50). */
  readonly maxLevels?: number;
}

export interface FeatureEncoder {
  readonly encoding: ColumnEncoding;
  /** Inputs this column produces. */
  readonly width: number;
  /** Writes this column's inputs for table row `row` at `out[offset ..]`. */
  write(row: number, out: Float32Array, offset: number): void;
}

/** Mean and population standard deviation of the finite numbers at `rows` (std 1 when it would be 0). */
export function meanStd(numbers: Float64Array, rows: Int32Array): { mean: number; std: number } {
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    const n = numbers[row];
    if (n === n) {
      count++;
      sum += n;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  let squares = 0;
  for (const row of rows) {
    const n = numbers[row];
    if (n === n) squares += (n - mean) * (n - mean);
  }
  const std = count > 0 ? Math.sqrt(squares / count) : 0;
  return { mean, std: std > 1e-12 && Number.isFinite(std) ? std : 1 };
}

/** Standardizes with the training mean and std; a missing value becomes the mean (input 0). */
export function numericEncoder(column: RawColumn, train: Int32Array, impute: boolean): FeatureEncoder {
  const { mean, std } = meanStd(column.numbers, train);
  const numbers = column.numbers;
  return {
    encoding: { kind: 'numeric', name: column.name, mean, std, ...(impute ? { impute: mean } : {}) },
    width: 1,
    write(row, out, offset) {
      const n = numbers[row];
      out[offset] = n === n ? (n - mean) / std : 0;
    },
  };
}

/** Training counts per dictionary code, and the most frequent code (-1 when none). */
function levelCounts(column: RawColumn, train: Int32Array): { counts: Int32Array; mode: number } {
  const counts = new Int32Array(column.levels.length);
  const codes = column.codes!;
  for (const row of train) if (codes[row] >= 0) counts[codes[row]]++;
  let mode = -1;
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] > 0 && (mode === -1 || counts[code] > counts[mode])) mode = code;
  }
  return { counts, mode };
}

/**
 * One-hot over the levels seen in training, most frequent first. A missing value takes the most
 * frequent level when imputing; a level unseen in training maps to "(other)" when that input exists,
 * else to all zeros.
 */
export function categoricalEncoder(column: RawColumn, train: Int32Array, impute: boolean, limits: CategoricalLimits = {}): FeatureEncoder {
  const minCount = limits.minLevelCount ?? 5;
  const maxLevels = limits.maxLevels ?? 50;
  const { counts, mode } = levelCounts(column, train);
  const seen = [...counts.keys()].filter((code) => counts[code] > 0);
  seen.sort((a, b) => counts[b] - counts[a] || (column.levels[a] < column.levels[b] ? -1 : 1));
  const kept = seen.filter((code) => counts[code] >= minCount).slice(0, maxLevels);
  const grouped = kept.length < seen.length;
  const slot = new Int32Array(column.levels.length).fill(grouped ? kept.length : -1);
  kept.forEach((code, i) => (slot[code] = i));
  const levels = kept.map((code) => column.levels[code]);
  let otherLevel = OTHER_LEVEL;
  while (levels.includes(otherLevel)) otherLevel = `(${otherLevel})`;
  const width = levels.length + (grouped ? 1 : 0);
  const imputeSlot = impute && mode >= 0 ? slot[mode] : -1;
  const codes = column.codes!;
  const encoding: ColumnEncoding = {
    kind: 'categorical',
    name: column.name,
    levels: grouped ? [...levels, otherLevel] : levels,
    ...(grouped ? { otherLevel } : {}),
    ...(impute && mode >= 0 ? { impute: column.levels[mode] } : {}),
  };
  return {
    encoding,
    width,
    write(row, out, offset) {
      const code = codes[row];
      const s = code >= 0 ? slot[code] : imputeSlot;
      if (s >= 0) out[offset + s] = 1;
    },
  };
}
