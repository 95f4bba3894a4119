/** Every malformed file and every impossible choice gets a message naming the line, column or value. */
import { describe, expect, it } from 'vitest';
import {
  analyzeChoicesForTest,
  blobSource,
  encodeDataset,
  loadCsvText,
  parseCsv,
  textSource,
  withTarget,
} from './bad-files-imports';
import { csv, prepare, rejection } from './helpers';

async function parseError(text: string | Uint8Array<ArrayBuffer>, name = 'bad.csv'): Promise<Error> {
  const source = typeof text === 'string' ? textSource(name, text) : blobSource(new Blob([text]), name);
  return rejection(parseCsv(source));
}

describe('bad files', () => {
  it('an empty file', async () => {
    const error = await parseError('');
    expect(error.name).toBe('InvalidDataError');
    expect(error.message).toBe('"bad.csv" is empty: a CSV needs a header row and data rows');
    expect((await parseError('\n \r\n\n')).message).toMatch(/is empty/);
  });

  it('a header row without data rows', async () => {
    const error = await parseError('sepal,petal,species\n\n');
    expect(error.message).toBe('"bad.csv" has a header row (3 columns: sepal, petal, species) but no data rows');
  });

  it('ragged rows, naming the first lines', async () => {
    const error = await parseError('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n');
    expect(error.name).toBe('InvalidDataError');
    expect(error.message).toMatch(/^"bad.csv" line 3 has 2 fields but the header has 3 columns \(also line 5\)/);
  });

  it('ragged rows after a quoted line break count physical lines', async () => {
    const error = await parseError('a,b\n"x\ny",1\n2\n');
    expect(error.message).toMatch(/line 4 has 1 field but the header has 2 columns/);
  });

  it('a single column: unknown delimiter', async () => {
    const error = await parseError('a b c\n1 2 3\n');
    expect(error.message).toMatch(/line 1: found a single column "a b c" with the comma delimiter/);
  });

  it('an unclosed quote', async () => {
    const error = await parseError('a,b\n1,2\n3,"oops\n4,5\n');
    expect(error.message).toBe('"bad.csv" line 3: a quoted field is never closed (a " without its closing ")');
  });

  it('malformed quotes', async () => {
    const error = await parseError('a,b\n1,"x"y,\n');
    expect(error.message).toMatch(/line 2: malformed quotes/);
  });

  it('binary garbage', async () => {
    const bytes = new Uint8Array(4096);
    let x = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const error = await parseError(bytes, 'noise.bin');
    expect(error.name).toBe('InvalidDataError');
    expect(error.message).toMatch(/^"noise.bin" does not look like a CSV text file: it holds binary data \(character 0x[0-9a-f]{2} at position \d+\)/);
  });

  it('a NUL byte in otherwise plain text', async () => {
    const error = await parseError('a,b\n1,\u00002\n');
    expect(error.message).toMatch(/binary data \(character 0x00 at position 7\)/);
  });

  it('a spreadsheet or zip file', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]);
    expect((await parseError(zip, 'book.xlsx')).message).toMatch(/^"book.xlsx" is a ZIP archive \(an .xlsx, .ods or .zip file\), not a CSV text file/);
  });

  it('a file larger than the limit (default 200 MB, configurable)', async () => {
    const huge = { name: 'big.csv', size: 250 * 1024 * 1024, chunks: async function* () { yield { text: '', bytesRead: 0 }; } };
    expect((await rejection(parseCsv(huge))).message).toBe('"big.csv" is 250.0 MB, larger than the limit of 200.0 MB');
    const small = await rejection(parseCsv(textSource('s.csv', 'a,b\n1,2\n'), { maxBytes: 4 }));
    expect(small.message).toBe('"s.csv" is 8 bytes, larger than the limit of 4 bytes');
  });

  it('a regression target with text in it', async () => {
    const text = csv(['x', 'price'], 40, (i) => [i % 5, i === 16 ? 'abc' : i * 10 + 0.5]);
    const { table, schema, choices } = await prepare(text);
    expect(choices.task).toBe('regression');
    const problems = analyzeChoicesForTest(table, schema, choices);
    expect(problems).toEqual(['target "price" must be numeric for regression, but line 18 has the text "abc"']);
    const error = await rejection(loadCsvText(text, { task: 'regression' }));
    expect(error.name).toBe('InvalidDataError');
    expect(error.message).toMatch(/line 18 has the text "abc"/);
  });

  it('one class only', async () => {
    const { table, schema, choices } = await prepare(csv(['x', 'y'], 10, (i) => [i % 4, 'yes']));
    expect(choices.task).toBe('classification');
    expect(analyzeChoicesForTest(table, schema, choices)).toEqual([
      'target "y" has only one class ("yes"); classification needs at least two',
    ]);
    expect(() => encodeDataset(table, choices)).toThrow(/only one class/);
  });

  it('more classes than the configured limit', async () => {
    const text = csv(['x', 'label'], 30, (i) => [i % 3, `L${i % 12}`]);
    const { table, schema, choices } = await prepare(text);
    expect(analyzeChoicesForTest(table, schema, choices, { maxClasses: 10 })).toEqual([
      'target "label" has 12 classes, more than the limit of 10; choose another target',
    ]);
    expect(analyzeChoicesForTest(table, schema, choices)).toEqual([]);
    const numeric = await prepare(csv(['x', 'n'], 300, (i) => [i % 3, i % 150]));
    const asClasses = { ...numeric.choices, task: 'classification' as const };
    expect(analyzeChoicesForTest(numeric.table, numeric.schema, asClasses)).toEqual([
      'target "n" has 150 classes, more than the limit of 100; choose regression, or another target',
    ]);
  });

  it('no feature left, an unknown target and too few rows', async () => {
    const { table, schema, choices } = await prepare('id,k,y\n1,5,a\n2,5,b\n');
    expect(analyzeChoicesForTest(table, schema, { ...choices, excluded: ['id'] })[0]).toMatch(/no feature columns left/);
    expect(analyzeChoicesForTest(table, schema, { ...choices, target: 'nope' })[0]).toMatch(/target column "nope" is not in the file \(columns: "id", "k", "y"\)/);
    const few = await prepare('a,y\n1,x\nNA,y\n3,y\n');
    const drop = { ...withTarget(few.schema, few.choices, 'y'), missing: 'drop' as const };
    expect(analyzeChoicesForTest(few.table, few.schema, { ...drop, task: 'regression' })).toEqual([
      'target "y" must be numeric for regression, but line 2 has the text "x" (and 2 more text values)',
    ]);
    const one = await prepare('a,y\n1,5\nNA,6\n2,\n');
    expect(analyzeChoicesForTest(one.table, one.schema, { ...one.choices, task: 'regression', missing: 'drop' })).toEqual([
      'only 1 usable row (2 dropped for missing values); a train/validation split needs at least 2',
    ]);
    await expect(loadCsvText('a,y\n1,x\n2,x\n', { target: 'zzz' })).rejects.toThrow(/column "zzz" is not in "data.csv" \(columns: "a", "y"\)/);
  });
});
