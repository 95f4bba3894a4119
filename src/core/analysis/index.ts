export { parameterImportance, scoredRuns, minimumRuns, DEFAULT_TREES, type ImportanceInput, type ImportanceResult, type ParameterImportance } from './importance';
export { contour, type ContourAxis, type ContourInput, type ContourResult } from './contour';
export { IMPORTANCE_METHOD, importanceJson, importanceLine, shareText } from './format';
