/**
 * Public face of the parameter space (SPEC section 1): expression factories, parsing and
 * printing of the text and JSON forms, validation, sampling and grid enumeration.
 * Import from here, never from the files inside.
 */
export type { Expression, ExpressionType, Parameter, Space } from './types';
export {
  EXPRESSION_FIELDS,
  EXPRESSION_TYPES,
  canonicalExpression,
  choice,
  isDiscrete,
  isExpressionType,
  isLogScale,
  loguniform,
  lognormal,
  normal,
  parameter,
  qloguniform,
  qlognormal,
  qnormal,
  quniform,
  randint,
  range,
  rangeLength,
  uniform,
  type ExpressionOf,
} from './expressions';
export { describeExpression, formatNumber } from './describe';
export { MAX_EXPONENT, expressionProblems, spaceProblems, validateSpace } from './validate';
export { MAX_RANGE_LENGTH } from './interpret';
export { parseSpace } from './parse';
export { printExpression, printSpace, spaceToJson, type SpaceJson } from './print';
export { roundToMultiple } from './quantize';
export { sampleExpression, sampleSpace } from './sample';
export { enumerateGrid, gridPoint, gridSize } from './grid';
