import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../src/persistence';
import { storedFacts, storedLabel, storedUploads } from '../../../src/ui/state/stored-datasets';

function info(id: string, source: string, extra: Partial<DatasetInfo> = {}): DatasetInfo {
  return {
    id,
    name: source.replace(/^[a-z]+:/, ''),
    source,
    createdAt: Date.UTC(2026, 2, 12),
    encoding: { columns: [], target: 'price', task: 'regression', targetMean: 1, targetStd: 1 },
    featureCount: 3,
    outputCount: 1,
    splitSeed: 1,
    validationFraction: 0.2,
    trainRows: 192,
    validRows: 48,
    byteLength: 100,
    ...extra,
  } as DatasetInfo;
}

describe('stored datasets in the picker', () => {
  it('offers the stored uploads (demos are offered as demos), in the listed order', () => {
    const list = [info('a', 'upload:houses.csv'), info('b', 'demo:digits'), info('c', 'upload:wine.csv')];
    expect(storedUploads(list).map((d) => d.id)).toEqual(['a', 'c']);
  });

  it('names one by file, target, task and rows', () => {
    expect(storedLabel(info('a', 'upload:houses.csv'))).toBe('houses.csv: price (regression), 240 rows, 12 Mar');
  });

  it('gives the experiment the stored source, target and task', () => {
    expect(storedFacts(info('a', 'upload:houses.csv'))).toEqual({
      spec: { source: 'upload:houses.csv', target: 'price', task: 'regression' },
      task: 'regression',
      image: false,
    });
  });
});
