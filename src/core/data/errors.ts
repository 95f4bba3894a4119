import { TunerError } from '../errors';

/**
 * A CSV file, or a choice of target / task on it, that the tuner cannot use: empty, header only,
 * ragged, binary, too large, a text value in a regression target, too few or too many classes.
 * The message names the line, column and value where there is one. Matched by `name`
 * ('InvalidDataError'), so it survives Comlink.
 */
export class InvalidDataError extends TunerError {
  /** Every problem found, one message each; `message` joins them with newlines. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[] | string) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'InvalidDataError';
    this.problems = list;
  }
}

/** Parsing was abandoned because a newer load replaced it (not a user-facing failure). */
export class ParseCanceledError extends TunerError {
  constructor() {
    super('parsing canceled');
    this.name = 'ParseCanceledError';
  }
}
