/** The TunerError family: every error the tuner makes on purpose is one, and is matched by name. */
import { describe, expect, it } from 'vitest';
import { CalibrationError, isInputError, isTunerError, TunerError } from '../../../src/core/errors';
import { PendingCalls } from '../../../src/runtime/pending-calls';

describe('TunerError family', () => {
  it('CalibrationError is a TunerError named CalibrationError (worker-lifecycle matches that name), not an input error', () => {
    const error = new CalibrationError('backend calibration failed: no adapter');
    expect(error).toBeInstanceOf(TunerError);
    expect(error.name).toBe('CalibrationError');
    expect(isTunerError(error)).toBe(true);
    expect(isInputError(error)).toBe(false);
    // Across Comlink only name and message survive: the name alone still identifies it.
    expect(isTunerError(Object.assign(new Error(error.message), { name: error.name }))).toBe(true);
  });

  it('calls pending on a lost worker reject with a WorkerError carrying the reason', async () => {
    const calls = new PendingCalls();
    const call = calls.guard('w1', new Promise(() => {}));
    calls.rejectAll('w1', 'worker w1 did not answer within 5000 ms');
    const error = await call.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WorkerError', message: 'worker w1 did not answer within 5000 ms' });
    expect(isTunerError(error)).toBe(true);
  });
});
