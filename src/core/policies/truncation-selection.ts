/**
 * Truncation selection (SPEC section 4, after HyperDrive's TruncationSelectionPolicy): at each
 * evaluation, stop the run if it is among the worst truncationPercentage of the runs.
 */
import { isBetter } from '../goal';
import { bestUpTo, worseSign } from './cohort';
import { digitsToTell, formatNumber } from './format';
import { scheduledPolicy, type Judge } from './schedule';
import type { Policy, TruncationSelectionPolicyConfig } from './types';

/**
 * A TruncationSelection policy for a validated config; `metricName` names the primary metric in
 * reasons. At interval N it ranks the cohort plus the run by y(., N), worst first, and with n
 * ranked runs takes k = floor(n * truncationPercentage / 100). The run stops when it is strictly
 * worse than the (k+1)-th worst value: a run tied with one outside the k worst is kept.
 *
 * With `excludeFinishedRuns`, runs that no longer run (completed, stopped, failed, and the finished
 * runs of warm-start parents) are left out of the ranking, so a run is ranked only against runs
 * still training alongside it; with an empty ranking cohort nothing stops.
 */
export function createTruncationSelectionPolicy(config: TruncationSelectionPolicyConfig, metricName: string): Policy {
  const pct = config.truncationPercentage;
  const excludeFinished = config.excludeFinishedRuns ?? false;
  const judge: Judge = (run, cohort, n, goal) => {
    const y = bestUpTo(run.values, n, goal);
    const ranked = [y, ...cohort.map((other) => bestUpTo(other.values, n, goal))];
    const k = Math.floor((ranked.length * pct) / 100);
    if (k === 0) return { action: 'continue' };
    ranked.sort((a, b) => (goal === 'maximize' ? a - b : b - a));
    const cut = ranked[k];
    if (!isBetter(cut, y, goal)) return { action: 'continue' };
    const d = digitsToTell(y, cut);
    const reason =
      `${metricName} ${formatNumber(y, d)} ${worseSign(goal)} ${formatNumber(cut, d)}` +
      ` = the value ranked ${k + 1} from the worst of ${ranked.length} runs, so it is among the ${k} worst` +
      ` (${pct}%) at interval ${n}`;
    return { action: 'stop', reason };
  };
  return scheduledPolicy(config, judge, { excludeFinished });
}
