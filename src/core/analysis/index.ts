export { parameterImportance, scoredRuns, minimumRuns, DEFAULT_TREES, type ImportanceInput, type ImportanceResult, type ParameterImportance } from './importance';
