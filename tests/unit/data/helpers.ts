/** Shared helpers of the data tests: parse text into a table, schema and default choices. */
import { defaultChoices, inferSchema, parseCsv, textSource, type ParseCsvOptions } from '../../../src/core/data';

export async function parseText(text: string, name = 'test.csv', options: ParseCsvOptions & { chunk?: number } = {}) {
  return parseCsv(textSource(name, text, options.chunk), options);
}

export async function prepare(text: string, name = 'test.csv') {
  const table = await parseText(text, name);
  const schema = inferSchema(table);
  return { table, schema, choices: defaultChoices(schema) };
}

/** The message of the error `promise` rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Deterministic CSV text: `rows` rows of `header` built by `row(i)`. */
export function csv(header: string[], rows: number, row: (i: number) => Array<string | number>): string {
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) lines.push(row(i).join(','));
  return lines.join('\n') + '\n';
}
