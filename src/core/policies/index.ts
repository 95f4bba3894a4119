/**
 * Early-termination policies (SPEC section 4): the public face of this folder. Live experiments
 * (the scheduler, ask/tell) and `tabtune replay` decide through exactly these functions.
 */
import { createBanditPolicy } from './bandit';
import { parsePolicyConfig } from './config';
import { createMedianStoppingPolicy } from './median-stopping';
import { createNonePolicy } from './none';
import { createTruncationSelectionPolicy } from './truncation-selection';
import type { Policy, PolicyConfig } from './types';

export type * from './types';
export { parsePolicyConfig } from './config';
export { shouldEvaluate } from './schedule';
export { replay, type ReplayInput, type ReplayRun, type ReplayResult, type ReplayRunResult } from './replay';

/**
 * The policy for `config`, which is validated and completed first (so a config typed by hand
 * gets the same defaults and errors as parsed JSON). `metricName` is the primary metric's name,
 * used in stop reasons. Throws InvalidConfigError for a config that breaks a rule.
 */
export function createPolicy(config: PolicyConfig, metricName: string): Policy {
  const parsed = parsePolicyConfig(config);
  switch (parsed.type) {
    case 'bandit':
      return createBanditPolicy(parsed, metricName);
    case 'medianStopping':
      return createMedianStoppingPolicy(parsed, metricName);
    case 'truncationSelection':
      return createTruncationSelectionPolicy(parsed, metricName);
    case 'none':
      return createNonePolicy();
  }
}
