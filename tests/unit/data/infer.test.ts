import { describe, expect, it } from 'vitest';
import { defaultChoices, findColumn, inferSchema, inferTask, withExcluded, withTarget } from '../../../src/core/data';
import { csv, parseText, prepare } from './helpers';

describe('inferSchema', () => {
  it('tells numeric, categorical, constant and identifier-like columns apart', async () => {
    const text = csv(['row', 'customer_id', 'name', 'age', 'plan', 'country', 'churn'], 40, (i) => [
      i + 1,
      1000 + ((i * 7) % 40),
      `person ${i}`,
      20 + (i % 30),
      ['basic', 'pro', 'team'][i % 3],
      'FR',
      i % 2 ? 'yes' : 'no',
    ]);
    const { schema } = await prepare(text);
    const kinds = Object.fromEntries(schema.columns.map((c) => [c.name, c.kind]));
    expect(kinds).toEqual({
      row: 'identifier',
      customer_id: 'identifier',
      name: 'identifier',
      age: 'numeric',
      plan: 'categorical',
      country: 'constant',
      churn: 'categorical',
    });
    expect(findColumn(schema, 'row')!.reason).toMatch(/row numbers/);
    expect(findColumn(schema, 'country')!.reason).toBe('one value only (FR)');
    expect(findColumn(schema, 'age')).toMatchObject({ min: 20, max: 49, integer: true, missing: 0, distinct: 30 });
  });

  it('keeps a column of numbers with a few stray texts numeric, recording the first', async () => {
    const text = csv(['x', 'y'], 60, (i) => [i === 30 ? 'n.a.' : i * 1.5, i % 3]);
    const { schema } = await prepare(text);
    const x = findColumn(schema, 'x')!;
    expect(x.kind).toBe('numeric');
    expect(x.textCount).toBe(1);
    expect(x.firstText).toEqual({ line: 32, value: 'n.a.' });
    expect(x.reason).toBe('numbers, with 1 text value (first "n.a." at line 32)');
  });

  it('counts missing cells and their first line', async () => {
    const { schema } = await prepare('a,b,y\n1,,0\nNA,2,1\n3,4,0\n?,5,1\n');
    expect(findColumn(schema, 'a')).toMatchObject({ missing: 2, firstMissingLine: 3 });
    expect(findColumn(schema, 'b')).toMatchObject({ missing: 1, firstMissingLine: 2 });
  });

  it('proposes the last column as the target and infers the task', async () => {
    const { schema, choices } = await prepare(csv(['a', 'digit'], 30, (i) => [i * 0.5, i % 10]));
    expect(schema.proposedTarget).toBe('digit');
    expect(choices).toEqual({ target: 'digit', task: 'classification', excluded: [], missing: 'impute' });
    const reg = await prepare(csv(['a', 'price'], 30, (i) => [i % 4, 100 + i * 3.25]));
    expect(reg.choices.task).toBe('regression');
    const manyInts = await prepare(csv(['a', 'count'], 60, (i) => [i % 4, (i * 13) % 57]));
    expect(manyInts.choices.task).toBe('regression');
    expect(inferTask(findColumn(manyInts.schema, 'count')!, { maxAutoClasses: 100 })).toBe('classification');
  });

  it('lets the user change the target, the task and the exclusions', async () => {
    const { schema, choices } = await prepare(csv(['id', 'size', 'color', 'label'], 30, (i) => [i, i * 2.5, ['r', 'g'][i % 2], i % 3]));
    expect(choices.excluded).toEqual(['id']);
    const byColor = withTarget(schema, choices, 'color');
    expect(byColor).toEqual({ target: 'color', task: 'classification', excluded: ['id'], missing: 'impute' });
    const bySize = withTarget(schema, byColor, 'size');
    expect(bySize.task).toBe('regression');
    expect(withExcluded(bySize, 'color', true).excluded).toEqual(['id', 'color']);
    expect(withExcluded(withExcluded(bySize, 'id', false), 'id', false).excluded).toEqual([]);
    expect(defaultChoices(schema, 'size').target).toBe('size');
  });

  it('reads the demo-like digits layout: constant pixels are constant', async () => {
    const table = await parseText('p0,p1,digit\n0,3,1\n0,5,2\n0,1,1\n');
    const schema = inferSchema(table);
    expect(schema.columns.map((c) => c.kind)).toEqual(['constant', 'numeric', 'numeric']);
    expect(defaultChoices(schema).excluded).toEqual(['p0']);
    expect(defaultChoices(schema, undefined, { keepConstant: true }).excluded).toEqual([]);
  });
});
