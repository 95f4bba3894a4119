/**
 * README's "Applying an exported model to raw rows" recipe, run as written: on rows with empty
 * cells, missing tokens and levels the model never learned, it must give the real encoder's inputs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoricalEncoder, numericEncoder, type FeatureEncoder } from '../../../src/core/data/feature-encoders';
import { parseCsv, preprocessingJson, textSource } from '../../../src/core/data';

type Row = Record<string, string>;
type Encode = (pre: Record<string, unknown>, row: Row) => number[];

/** The README's js block that defines `encode`, evaluated. */
function readmeEncode(): Encode {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const recipe = blocks.filter((b) => b.includes('const encode ='));
  expect(recipe).toHaveLength(1);
  return new Function(`${recipe[0]}\nreturn encode;`)() as Encode;
}

const repeat = (n: number, row: string): string[] => Array.from({ length: n }, () => row);

// 30 training rows: colour has a rare level (green, grouped into otherLevel), shape has none.
const TRAIN = [
  ...repeat(12, 'red,round'),
  ...repeat(10, 'blue,square'),
  ...repeat(3, 'green,square'),
  ...repeat(4, 'red,square'),
  ',round', // a missing colour in training: imputation has something to do
].map((cells, i) => `${i % 7 === 0 ? '' : (i * 0.37).toFixed(2)},${cells},${i % 3}`);

// Rows to apply the model to: empty cells, missing tokens, unseen and rare levels, spaces, numbers.
const APPLY: Row[] = [
  { size: '', colour: '', shape: '' },
  { size: 'NA', colour: 'purple', shape: 'oval' },
  { size: ' 2.5 ', colour: ' red ', shape: 'square' },
  { size: '?', colour: 'green', shape: 'round' },
  { size: 'abc', colour: 'n/a', shape: 'NULL' },
  { size: '1e1', colour: '7', shape: 'round' },
];

async function fitted(impute: boolean): Promise<{ encoders: FeatureEncoder[]; table: Awaited<ReturnType<typeof parseCsv>> }> {
  const lines = ['size,colour,shape,y', ...TRAIN, ...APPLY.map((r) => `${r.size},${r.colour},${r.shape},0`)];
  const table = await parseCsv(textSource('recipe.csv', lines.join('\n')));
  const train = Int32Array.from(TRAIN.keys());
  const [size, colour, shape] = table.columns;
  return { table, encoders: [numericEncoder(size, train, impute), categoricalEncoder(colour, train, impute), categoricalEncoder(shape, train, impute)] };
}

describe("README's recipe for applying an exported model", () => {
  it.each([true, false])('gives the real encoder\'s inputs for raw rows (imputing: %s)', async (impute) => {
    const { encoders, table } = await fitted(impute);
    const pre = preprocessingJson({ columns: encoders.map((e) => e.encoding), target: 'y', task: 'regression', targetMean: 0, targetStd: 1 });
    const width = encoders.reduce((n, e) => n + e.width, 0);
    const encode = readmeEncode();
    expect((pre.inputs as { kind: string; otherLevel?: string }[]).map((c) => c.otherLevel)).toEqual([undefined, '(other)', undefined]);
    APPLY.forEach((row, i) => {
      const expected = new Float32Array(width);
      let offset = 0;
      for (const e of encoders) {
        e.write(TRAIN.length + i, expected, offset);
        offset += e.width;
      }
      expect(Float32Array.from(encode(pre, row)), `row ${JSON.stringify(row)}`).toEqual(expected);
    });
    expect(table.rowCount).toBe(TRAIN.length + APPLY.length);
  });
});
