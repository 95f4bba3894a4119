/** Every policy type with its defaults and a one-line summary (`tabtune replay --list-policies`, the page). */
import type { PolicyConfig } from './types';

export interface PolicyCatalogEntry {
  readonly type: PolicyConfig['type'];
  /** The settings a config may leave out, with the values they then take. */
  readonly defaults: Readonly<Record<string, number | boolean>>;
  /** Settings without a default. */
  readonly required?: readonly string[];
  readonly summary: string;
  /** tabtune's own policy: the one the README's guide recommends. */
  readonly recommended?: true;
}

const SCHEDULE = { evaluationInterval: 1, delayEvaluation: 0 };

export const POLICY_CATALOG: readonly PolicyCatalogEntry[] = [
  {
    type: 'curveBound',
    defaults: { slopeFactor: 1.25, evaluationInterval: 1, delayEvaluation: 2 },
    summary: 'tabtune: stop a run when two optimistic extrapolations of its curve (its last step x slopeFactor; the largest relative gain of a complete run) both fall short of the best value so far',
    recommended: true,
  },
  {
    type: 'asha',
    defaults: { minResource: 1, reductionFactor: 3, gracePeriod: 0 },
    summary: 'asynchronous successive halving: at rungs minResource x reductionFactor^k, go on only among the best max(1, floor(n / reductionFactor)) of the n runs that reached the rung',
  },
  {
    type: 'hyperband',
    defaults: { minResource: 1, reductionFactor: 3 },
    required: ['maxResource'],
    summary: 'brackets of ASHA with first rungs minResource x reductionFactor^s; each run in one bracket by a hash of its id, weighted as in Optuna',
  },
  {
    type: 'medianStopping',
    defaults: SCHEDULE,
    summary: "stop a run whose best value is worse than the median of the other runs' running averages at the same interval",
  },
  {
    type: 'truncationSelection',
    defaults: { excludeFinishedRuns: false, ...SCHEDULE },
    required: ['truncationPercentage'],
    summary: 'stop a run among the worst truncationPercentage % of the runs at the same interval',
  },
  {
    type: 'bandit',
    defaults: SCHEDULE,
    required: ['slackFactor or slackAmount'],
    summary: 'stop a run whose best value is worse than the best at the same interval by more than the slack',
  },
  { type: 'none', defaults: {}, summary: 'every run completes' },
];
