import { describe, expect, it } from 'vitest';
import { parsePolicyConfig, POLICY_CATALOG } from '../../../src/core/policies';

/** A value for each required setting, so that the config parses. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  hyperband: { maxResource: 27 },
  truncationSelection: { truncationPercentage: 20 },
  bandit: { slackFactor: 0.2 },
};

describe('POLICY_CATALOG', () => {
  it.each(POLICY_CATALOG.map((entry) => [entry.type, entry] as const))('%s: its defaults are what the parser fills in', (type, entry) => {
    const parsed = parsePolicyConfig({ type, ...REQUIRED[type] }) as unknown as Record<string, unknown>;
    expect(parsed).toMatchObject(entry.defaults);
  });

  it('lists every policy type once and recommends exactly one', () => {
    const types = POLICY_CATALOG.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(['asha', 'bandit', 'curveBound', 'hyperband', 'medianStopping', 'none', 'truncationSelection']);
    expect(POLICY_CATALOG.filter((e) => e.recommended)).toHaveLength(1);
  });
});
