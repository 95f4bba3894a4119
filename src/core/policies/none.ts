import type { Policy } from './types';

/** The default policy (SPEC section 4, "None"): every run completes. */
export function createNonePolicy(): Policy {
  return { config: { type: 'none' }, decide: () => ({ action: 'continue' }) };
}
