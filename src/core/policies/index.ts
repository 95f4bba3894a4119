/**
 * Early-termination policies (SPEC section 4): the public face of this folder. Live experiments
 * (the scheduler, ask/tell) and `tabtune replay` decide through exactly these functions.
 */
import { createAshaPolicy } from './asha';
import { createBanditPolicy } from './bandit';
import { createCurveBoundPolicy } from './curve-bound';
import { createHyperbandPolicy } from './hyperband';
import { parsePolicyConfig } from './config';
import { createMedianStoppingPolicy } from './median-stopping';
import { createNonePolicy } from './none';
import { createTruncationSelectionPolicy } from './truncation-selection';
import type { Policy, PolicyConfig } from './types';

export type * from './types';
export { parsePolicyConfig } from './config';
export { shouldEvaluate } from './schedule';
export { POLICY_CATALOG, type PolicyCatalogEntry } from './catalog';
export { replay, replayRunsOf, type ReplayInput, type ReplayRun, type ReplayResult, type ReplayRunResult } from './replay';

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
    case 'asha':
      return createAshaPolicy(parsed, metricName);
    case 'hyperband':
      return createHyperbandPolicy(parsed, metricName);
    case 'curveBound':
      return createCurveBoundPolicy(parsed, metricName);
    case 'none':
      return createNonePolicy();
  }
}
