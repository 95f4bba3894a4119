/**
 * The summary of an image dataset, shown by the page and printed by `tabtune run`: images per
 * class and the imbalance (or a regression target's range), the image sizes found, and every file
 * left out with why.
 */
import type { ClassShare } from '../summary';
import type { TaskType } from '../types';
import { countOf } from '../values';
import type { TargetRange } from './image-targets';
import type { LeftOutFile } from './layout';

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

export interface ImageDatasetSummary {
  readonly name: string;
  /** Images decoded and used. */
  readonly images: number;
  /** Classification: images per class (empty for regression). */
  readonly classes: readonly ClassShare[];
  /** Largest class count / smallest (1 = balanced, and for regression). */
  readonly imbalance: number;
  /** Regression (an image list with a numeric target): the target's range over the images used. */
  readonly target?: TargetRange;
  /** Distinct source sizes with their counts, most common first (at most 10). */
  readonly sizes: readonly (ImageSize & { readonly count: number })[];
  readonly leftOut: readonly LeftOutFile[];
  /** Class folders none of whose files could be used. */
  readonly emptyFolders: readonly string[];
  /**
   * An image list CSV's target column and the task it was encoded as (absent for class folders,
   * whose task is always classification): the page offers the other task from it.
   */
  readonly list?: ImageListTarget;
}

/** The target column of an image list CSV and its task, inferred or chosen. */
export interface ImageListTarget {
  readonly target: string;
  readonly task: TaskType;
}

/** Builds the summary from the labels of the decoded images (in file order) and what was left out. */
export function summarizeImages(
  name: string,
  labels: readonly string[],
  classLabels: readonly string[],
  sizes: readonly ImageSize[],
  leftOut: readonly LeftOutFile[],
  folders: readonly string[],
  target?: TargetRange,
  list?: ImageListTarget,
): ImageDatasetSummary {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const classes = classLabels.map((label) => ({ label, count: counts.get(label) ?? 0, share: (counts.get(label) ?? 0) / labels.length }));
  const values = classes.map((c) => c.count);
  const bySize = new Map<string, ImageSize & { count: number }>();
  for (const s of sizes) {
    const key = `${s.width}x${s.height}`;
    const entry = bySize.get(key) ?? { ...s, count: 0 };
    entry.count += 1;
    bySize.set(key, entry);
  }
  return {
    name,
    images: labels.length,
    classes,
    imbalance: values.length > 0 ? Math.max(...values) / Math.min(...values) : 1,
    sizes: [...bySize.values()].sort((a, b) => b.count - a.count || a.width - b.width).slice(0, 10),
    leftOut,
    emptyFolders: folders.filter((f) => !counts.has(f)),
    ...(target ? { target } : {}),
    ...(list ? { list } : {}),
  };
}

/** A regression target's range in words: `"brightness" from 12 to 240 (mean 101.5)`. */
export function targetRangeText(target: TargetRange): string {
  const n = (v: number): string => String(Number(v.toPrecision(4)));
  return `"${target.name}" from ${n(target.min)} to ${n(target.max)} (mean ${n(target.mean)})`;
}

/** The summary as text lines (what `tabtune run` prints), every left-out file by name. */
export function imageSummaryLines(summary: ImageDatasetSummary): string[] {
  const head = summary.target
    ? [`${summary.name}: ${countOf(summary.images, 'image')}, regression on ${targetRangeText(summary.target)}`]
    : [
        `${summary.name}: ${countOf(summary.images, 'image')} in ${countOf(summary.classes.length, 'class', 'classes')} (imbalance ${summary.imbalance.toFixed(2)})`,
        `  classes: ${summary.classes.map((c) => `${c.label} ${c.count}`).join(', ')}`,
      ];
  const lines = [...head, `  sizes found: ${summary.sizes.map((s) => `${s.width}x${s.height} (${s.count})`).join(', ')}`];
  if (summary.emptyFolders.length > 0) lines.push(`  class folders with no usable images: ${summary.emptyFolders.join(', ')}`);
  lines.push(`  ${countOf(summary.leftOut.length, 'file')} left out${summary.leftOut.length > 0 ? ':' : ''}`);
  for (const f of summary.leftOut) lines.push(`    ${f.file}: ${f.reason}`);
  return lines;
}
