/**
 * The targets of an image dataset once its images are decoded: class indices with the stratified
 * split (class folders, or an image list's label column), or, for an image list's numeric target,
 * the tabular loader's regression treatment: a plain seeded split and the target standardised with
 * the training rows' mean and std (recorded so metrics and exports speak the target's units).
 */
import { InvalidDataError } from '../errors';
import { meanStd } from '../feature-encoders';
import { splitRows, type Split } from '../split';
import type { DatasetEncoding } from '../types';

/** The split, one target per decoded image, and the encoding fields that describe them. */
export interface ImageTargets {
  readonly split: Split;
  /** Per decoded image, in decode order: class index, or the standardised target. */
  readonly y: Float32Array;
  readonly encoding: Pick<DatasetEncoding, 'target' | 'task' | 'classLabels' | 'targetMean' | 'targetStd'>;
  readonly outputCount: number;
}

/** Range of a regression target over the images used, for the summary. */
export interface TargetRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Usable class labels, or an error naming the folders when fewer than two classes have two images. */
function classesOf(labels: readonly string[], folders: readonly string[], name: string): string[] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const classes = folders.filter((f) => counts.has(f));
  const empty = folders.filter((f) => !counts.has(f));
  const emptyNote = empty.length > 0 ? `; class folders with no usable images: ${empty.map((f) => `"${f}"`).join(', ')}` : '';
  if (folders.length === 0) throw new InvalidDataError(`"${name}" has no class folders with images (lay it out as one folder per class, e.g. cat/1.png, dog/2.png)`);
  if (classes.length < 2) {
    throw new InvalidDataError(`"${name}" needs at least two classes with images (found ${classes.length === 1 ? `only "${classes[0]}"` : 'none'}${emptyNote})`);
  }
  const single = classes.filter((c) => counts.get(c)! < 2);
  if (single.length > 0) throw new InvalidDataError(`class folder ${single.map((c) => `"${c}"`).join(', ')} of "${name}" needs at least two images for a train/validation split`);
  return classes;
}

/** Class targets for `labels` (one per decoded image) among `folders`, split stratified by class. */
export function classTargets(labels: readonly string[], folders: readonly string[], name: string, seed: number, fraction: number): ImageTargets {
  const classLabels = classesOf(labels, folders, name);
  const index = new Map(classLabels.map((c, i) => [c, i]));
  const classOf = Int32Array.from(labels, (l) => index.get(l)!);
  const split = splitRows(Int32Array.from(classOf.keys()), fraction, seed, classOf);
  return { split, y: Float32Array.from(classOf), encoding: { target: 'class', task: 'classification', classLabels }, outputCount: classLabels.length };
}

/** Regression targets for `values` (one per decoded image) of column `target`. */
export function regressionTargets(values: readonly number[], target: string, name: string, seed: number, fraction: number): ImageTargets {
  if (values.length < 2) {
    throw new InvalidDataError(`"${name}" needs at least two images with a "${target}" value for a train/validation split (found ${values.length})`);
  }
  const numbers = Float64Array.from(values);
  const split = splitRows(Int32Array.from(numbers.keys()), fraction, seed);
  const { mean, std } = meanStd(numbers, split.train);
  const y = Float32Array.from(numbers, (n) => (n - mean) / std);
  return { split, y, encoding: { target, task: 'regression', targetMean: mean, targetStd: std }, outputCount: 1 };
}

/** Min, max and mean of `values` (non-empty). */
export function targetRange(name: string, values: readonly number[]): TargetRange {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { name, min, max, mean: sum / values.length };
}
