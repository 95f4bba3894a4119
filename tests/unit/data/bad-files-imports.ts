/** The public data API plus a helper returning the problems of a choice (tests only). */
import { analyzeChoices } from '../../../src/core/data/analyze';
import type { DataLimits, DatasetChoices, DatasetSchema, RawTable } from '../../../src/core/data';

export * from '../../../src/core/data';

export function analyzeChoicesForTest(table: RawTable, schema: DatasetSchema, choices: DatasetChoices, limits: DataLimits = {}) {
  return [...analyzeChoices(table, schema, choices, limits).problems];
}
