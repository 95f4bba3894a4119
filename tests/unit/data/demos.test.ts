/** The bundled demos load with the shapes the page and `tabtune run` promise. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoDatasets, demoEncodeOptions, findDemo, loadCsvText } from '../../../src/core/data';

describe('demo datasets', () => {
  it.each(demoDatasets.map((d) => [d.id, d] as const))('%s loads as documented, with a credit', async (_, demo) => {
    const text = readFileSync(new URL(`../../../public/datasets/${demo.file}`, import.meta.url), 'utf8');
    const ds = await loadCsvText(text, { name: demo.file, ...demoEncodeOptions(demo) });
    expect(ds.trainY.length + ds.validY.length).toBe(demo.rows);
    expect(ds.featureCount).toBe(demo.features);
    expect(ds.outputCount).toBe(demo.classes);
    expect(ds.encoding.target).toBe(demo.target);
    expect(ds.source).toBe(`demo:${demo.id}`);
    expect(demo.credit).toMatch(/UCI Machine Learning Repository/);
    expect(demo.license).toBe('CC BY 4.0');
  });

  it('digits is the 8x8x1 image demo with labels 0..9 in order', async () => {
    const demo = findDemo('demo:digits')!;
    const text = readFileSync(new URL('../../../public/datasets/digits.csv', import.meta.url), 'utf8');
    const ds = await loadCsvText(text, { name: demo.file, ...demoEncodeOptions(demo) });
    expect(ds.imageShape).toEqual([8, 8, 1]);
    expect(ds.encoding.classLabels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.encoding.columns.map((c) => c.name).slice(0, 3)).toEqual(['px0_0', 'px0_1', 'px0_2']);
    expect(demoDatasets[0].id).toBe('digits');
  });
});
