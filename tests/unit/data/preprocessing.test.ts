import { describe, expect, it } from 'vitest';
import { loadCsvText, preprocessingJson, type DatasetEncoding } from '../../../src/core/data';
import { csv } from './helpers';

interface Input {
  column: string;
  kind: 'numeric' | 'one-hot';
  mean?: number;
  std?: number;
  levels?: string[];
  otherLevel?: string;
  missing?: number | string;
  inputs: number;
}

/** What a user of preprocessing.json does to a raw row: the rule it states, applied literally. */
function applyRule(pre: Record<string, unknown>, raw: Record<string, string>): number[] {
  const out: number[] = [];
  for (const input of pre.inputs as Input[]) {
    const text = raw[input.column];
    if (input.kind === 'numeric') {
      const x = text === '' ? Number(input.missing) : Number(text);
      out.push((x - input.mean!) / input.std!);
    } else {
      const value = text === '' ? String(input.missing) : text;
      let at = input.levels!.indexOf(value);
      if (at < 0 && input.otherLevel !== undefined) at = input.levels!.indexOf(input.otherLevel);
      input.levels!.forEach((_, i) => out.push(i === at ? 1 : 0));
    }
  }
  return out;
}

describe('preprocessingJson', () => {
  const classification: DatasetEncoding = {
    target: 'species',
    task: 'classification',
    columns: [
      { kind: 'numeric', name: 'petal_length', mean: 3.75, std: 1.76 },
      { kind: 'categorical', name: 'color', levels: ['blue', 'red', '(other)'], otherLevel: '(other)', impute: 'blue' },
      { kind: 'numeric', name: 'petal_width', mean: 1.2, std: 0.76, impute: 1.3 },
    ],
    classLabels: ['setosa', 'versicolor', 'virginica'],
  };

  it('lists the feature columns in input order with their standardization and one-hot levels', () => {
    const pre = preprocessingJson(classification);
    expect(pre.target).toBe('species');
    expect(pre.task).toBe('classification');
    expect(pre.featureColumns).toEqual(['petal_length', 'color', 'petal_width']);
    expect(pre.inputs).toEqual([
      { column: 'petal_length', kind: 'numeric', mean: 3.75, std: 1.76, inputs: 1 },
      { column: 'color', kind: 'one-hot', levels: ['blue', 'red', '(other)'], otherLevel: '(other)', missing: 'blue', inputs: 3 },
      { column: 'petal_width', kind: 'numeric', mean: 1.2, std: 0.76, missing: 1.3, inputs: 1 },
    ]);
    expect(pre.inputWidth).toBe(5);
    expect(pre).not.toHaveProperty('imageShape');
  });

  it('classification: outputs map to class labels by argmax', () => {
    expect(preprocessingJson(classification).output).toEqual({
      kind: 'classification',
      classLabels: ['setosa', 'versicolor', 'virginica'],
      apply: 'label = classLabels[argmax(prediction)]',
    });
  });

  it('regression: outputs go back to target units with the target mean and std', () => {
    const pre = preprocessingJson({ target: 'price', task: 'regression', columns: [{ kind: 'numeric', name: 'x', mean: 0, std: 1 }], targetMean: 1200, targetStd: 350 });
    expect(pre.output).toEqual({ kind: 'regression', targetMean: 1200, targetStd: 350, apply: 'value = prediction * targetStd + targetMean' });
  });

  it('regression without recorded target scaling is the identity (mean 0, std 1)', () => {
    const pre = preprocessingJson({ target: 'y', task: 'regression', columns: [] });
    expect(pre.output).toMatchObject({ targetMean: 0, targetStd: 1 });
    expect(pre.inputWidth).toBe(0);
  });

  it('carries the image shape for image-like data', () => {
    expect(preprocessingJson(classification, [8, 8, 1]).imageShape).toEqual([8, 8, 1]);
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    const pre = preprocessingJson(classification, [8, 8, 1]);
    expect(JSON.parse(JSON.stringify(pre))).toEqual(pre);
  });

  it('applying its rules to raw rows reproduces the encoded features of a real dataset', async () => {
    const colors = ['red', 'green', 'blue'];
    const text = csv(['size', 'color', 'weight', 'label'], 90, (i) => [(i * 7) % 23, colors[i % 3], 10 + ((i * 5) % 11) * 0.5, i % 2 === 0 ? 'yes' : 'no']);
    const ds = await loadCsvText(text, { seed: 4 });
    const pre = preprocessingJson(ds.encoding);
    expect(pre.inputWidth).toBe(ds.featureCount);
    expect(pre.output).toMatchObject({ kind: 'classification', classLabels: ds.encoding.classLabels });
    const rows = text.trim().split('\n').slice(1).map((line) => {
      const [size, color, weight] = line.split(',');
      return { size, color, weight };
    });
    const encoded = new Set<string>();
    for (let i = 0; i < ds.trainX.length / ds.featureCount; i++) {
      encoded.add(Array.from(ds.trainX.slice(i * ds.featureCount, (i + 1) * ds.featureCount), (v) => v.toFixed(4)).join(','));
    }
    expect((pre.inputs as Input[]).map((i) => i.kind)).toEqual(['numeric', 'one-hot', 'numeric']);
    expect(encoded.size).toBeGreaterThan(20);
    // every training row is what the documented rule makes of some raw row
    const fromRule = new Set(rows.map((raw) => applyRule(pre, raw).map((v) => v.toFixed(4)).join(',')));
    for (const row of encoded) expect(fromRule.has(row)).toBe(true);
  });
});
