/**
 * The analysis worker: parameter importance (fANOVA on a random forest, up to a second for 1000
 * runs) off the page's main thread, so the dashboard keeps its update budget.
 */
import * as Comlink from 'comlink';
import { contour, parameterImportance, type ContourInput, type ContourResult, type ImportanceInput, type ImportanceResult } from '../src/core/analysis';

const api = {
  importance(input: ImportanceInput): ImportanceResult {
    return parameterImportance(input);
  },
  contour(input: ContourInput): ContourResult {
    return contour(input);
  },
};

export type AnalysisWorkerApi = typeof api;

Comlink.expose(api);
