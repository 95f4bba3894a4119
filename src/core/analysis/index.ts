export { parameterImportance, scoredRuns, minimumRuns, DEFAULT_TREES, type ImportanceInput, type ImportanceResult, type ParameterImportance } from './importance';
export { IMPORTANCE_METHOD, importanceJson, importanceLine, shareText } from './format';
