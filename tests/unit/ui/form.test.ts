import { describe, expect, it } from 'vitest';
import { startError } from '../../../src/ui/state/form';

describe('startError: each problem is shown once', () => {
  it('is null for a problem a field group shows next to its inputs (Max runs 0)', () => {
    expect(startError({ key: 'maxTotalRuns', message: '"maxTotalRuns" must be an integer in 1..1000 (got 0)' })).toBeNull();
    expect(startError({ key: 'policy', message: 'policy' })).toBeNull();
  });

  it('is null for space problems (shown under their lines) and without a problem', () => {
    expect(startError({ key: 'space', message: 'x' })).toBeNull();
    expect(startError(null)).toBeNull();
  });

  it('is the message of a problem no field shows', () => {
    expect(startError({ key: 'resumeFrom', message: 'too many parents' })).toBe('too many parents');
  });
});
