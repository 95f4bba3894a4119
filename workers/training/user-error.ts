/**
 * Errors thrown by the user's code, as a run's failure reason: the stage (`build` or `fit`), the
 * error's own name and message, and where in the user's file it happened (`my-model.mjs:12:9`).
 * Only name, message and stack cross Comlink, so everything the user needs is in the message.
 */
import { renameFrames, userLocation } from '../../src/core/model-code';

/** The user's `build` or `fit` threw (or returned something unusable). */
export class UserCodeError extends Error {
  constructor(message: string, stack?: string) {
    super(message);
    this.name = 'UserCodeError';
    if (stack) this.stack = `${this.name}: ${message}\n${stack.split('\n').slice(1).join('\n')}`;
  }
}

/** `error`, thrown in `stage` of module `name` (running from `url`), as a UserCodeError with the user's file:line. */
export function userCodeError(stage: 'build' | 'fit', error: unknown, name: string, url: string): UserCodeError {
  if (error instanceof UserCodeError) return error;
  const raw = error instanceof Error ? error : new Error(String(error));
  const message = renameFrames(raw.message, url, name);
  const stack = renameFrames(raw.stack ?? '', url, name);
  const where = userLocation(stack, name);
  const kind = raw.name && raw.name !== 'Error' ? `${raw.name}: ` : '';
  return new UserCodeError(`${stage} threw ${kind}${message}${where ? ` (${where})` : ''}`, stack);
}
