/**
 * The tuner's error family. Across Comlink only `name`, `message` and `stack` survive, so callers
 * match on `name`, never on `instanceof`. Messages state the rule and the actual value:
 * `parameter "lr": loguniform needs low < high (got -2, -9)`.
 */

/** Base class of every error the tuner raises on purpose. */
export class TunerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TunerError';
  }
}

/** A parameter space (text or JSON) that breaks a rule of SPEC section 1. */
export class InvalidSpaceError extends TunerError {
  /** Every problem found, one message each; `message` joins them with newlines. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[] | string) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'InvalidSpaceError';
    this.problems = list;
  }
}

/** An experiment file, policy, sampling or limit setting that breaks its rule. */
export class InvalidConfigError extends TunerError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigError';
  }
}

/** IndexedDB or file storage failed (quota, version, corrupt record). */
export class StorageError extends TunerError {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

/** A training worker could not be started, crashed, hung or lost its device. */
export class WorkerError extends TunerError {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerError';
  }
}

/**
 * The automatic backend choice (`backend: "auto"`) failed: the run fails and its worker is kept.
 * The runtime matches it by name, as errors that crossed Comlink.
 */
export class CalibrationError extends TunerError {
  constructor(message: string) {
    super(message);
    this.name = 'CalibrationError';
  }
}

/** Names of the errors that mean "the user's input is wrong" (exit code 2 in the CLI). */
const INPUT_ERROR_NAMES = ['InvalidSpaceError', 'InvalidConfigError', 'InvalidDataError'];

/** Names of every error the tuner raises on purpose. */
const TUNER_ERROR_NAMES = ['TunerError', 'StorageError', 'WorkerError', 'CalibrationError', 'ParseCanceledError', ...INPUT_ERROR_NAMES];

/** True when `error` is one of ours (by name, so it also works on errors rebuilt by Comlink). */
export function isTunerError(error: unknown): error is TunerError {
  return error instanceof Error && TUNER_ERROR_NAMES.includes(error.name);
}

/** True when `error` reports bad user input: a space, a configuration or a data file. */
export function isInputError(error: unknown): error is TunerError {
  return error instanceof Error && INPUT_ERROR_NAMES.includes(error.name);
}
