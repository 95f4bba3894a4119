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

/** A training worker could not be started, crashed or lost its device. */
export class WorkerError extends TunerError {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** True when `error` is one of ours (by name, so it also works on errors rebuilt by Comlink). */
export function isTunerError(error: unknown): error is TunerError {
  if (!(error instanceof Error)) return false;
  return ['TunerError', 'InvalidSpaceError', 'InvalidConfigError', 'StorageError', 'WorkerError'].includes(error.name);
}
