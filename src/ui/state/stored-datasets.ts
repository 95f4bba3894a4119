/**
 * Datasets earlier experiments stored (SPEC section 7: everything survives a closed tab), as the
 * dataset picker offers them. Pure: the dataset state reads the store, this module picks and names.
 */
import { countOf, type TaskType } from '../../core/data';
import type { DatasetSpec } from '../../core/experiment';
import type { DatasetInfo } from '../../persistence';

/** Uploads among `datasets` (demos are offered as demos), newest first as listed. */
export function storedUploads(datasets: readonly DatasetInfo[]): DatasetInfo[] {
  return datasets.filter((d) => d.source.startsWith('upload:'));
}

/** How the picker names a stored upload: `houses.csv: price (regression), 240 rows, 12 Mar`. */
export function storedLabel(info: DatasetInfo): string {
  const { target, task } = info.encoding;
  const day = new Date(info.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return `${info.name}: ${target} (${task}), ${countOf(info.trainRows + info.validRows, 'row')}, ${day}`;
}

/** What an experiment on the stored dataset says of it: source, target and task. */
export function storedFacts(info: DatasetInfo): { spec: DatasetSpec; task: TaskType; image: boolean } {
  const { target, task } = info.encoding;
  return { spec: { source: info.source, target, task }, task, image: info.imageShape !== undefined };
}
