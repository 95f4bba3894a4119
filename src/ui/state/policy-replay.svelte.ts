/**
 * "What would a policy have saved?" on the dashboard: the experiment's logged curves replayed
 * through any policy with the very decision code of live experiments (core's `replay`, as
 * `tabtune replay` does). Runs in start order, as many at once as the experiment ran.
 */
import { createPolicy, parsePolicyConfig, POLICY_CATALOG, replay, replayRunsOf, type PolicyCatalogEntry } from '../../core/policies';
import { formatValue } from '../../core/scheduler';
import type { ExperimentView } from './live';

/** What the replay found, in the words the page shows. */
export interface ReplayOutcome {
  readonly stopped: number;
  readonly runs: number;
  /** Share of the logged intervals the policy would not have run (0..1). */
  readonly saved: number;
  readonly bestWith: number | null;
  readonly bestWithout: number | null;
  readonly text: string;
}

const sig = (v: number | null): string => (v === null ? '-' : formatValue(v));

/** The JSON a policy type starts with: its defaults, and its required settings filled from the experiment. */
export function starterPolicy(entry: PolicyCatalogEntry, view: Pick<ExperimentView, 'runs'>): string {
  const longest = Math.max(1, ...view.runs.map((r) => r.intervals));
  const required = Object.fromEntries((entry.required ?? []).map((key) => [key, key === 'maxResource' ? longest : 1]));
  return JSON.stringify({ type: entry.type, ...entry.defaults, ...required });
}

/** Replays `view`'s runs under the policy written as `policyText`; throws naming the problem. */
export function replayOutcome(view: Pick<ExperimentView, 'runs' | 'config'>, policyText: string): ReplayOutcome {
  let json: unknown;
  try {
    json = JSON.parse(policyText);
  } catch (error) {
    throw new Error(`policy: not valid JSON (${(error as Error).message})`);
  }
  const { primaryMetricName, primaryMetricGoal, maxConcurrentRuns } = view.config;
  const config = parsePolicyConfig(json);
  const ordered = [...view.runs].sort((a, b) => a.index - b.index);
  const runs = replayRunsOf(ordered, primaryMetricName);
  if (runs.length === 0) throw new Error(`no run has logged ${primaryMetricName} yet`);
  const result = replay({ runs, goal: primaryMetricGoal, policy: createPolicy(config, primaryMetricName), concurrency: maxConcurrentRuns ?? 1 });
  const stopped = result.runs.filter((r) => r.stoppedAt !== null).length;
  const { intervalsSaved: saved, bestWithPolicy: bestWith, bestWithout } = result.summary;
  const same = bestWith === bestWithout;
  const verdict = same ? 'the same best value' : `best ${primaryMetricName} ${sig(bestWith)} instead of ${sig(bestWithout)}: it would have stopped the best run`;
  const text = `${config.type} would have stopped ${stopped} of ${runs.length} runs and saved ${(saved * 100).toFixed(0)}% of the intervals, with ${verdict}.`;
  return { stopped, runs: runs.length, saved, bestWith, bestWithout, text };
}

/** The panel's state: the chosen policy's JSON and the last outcome or problem. */
export class PolicyReplayState {
  readonly catalog = POLICY_CATALOG;
  policyText = $state(JSON.stringify({ type: 'curveBound', ...POLICY_CATALOG[0].defaults }));
  outcome = $state.raw<ReplayOutcome | null>(null);
  error = $state<string | null>(null);

  choose(type: string, view: Pick<ExperimentView, 'runs'>): void {
    const entry = this.catalog.find((e) => e.type === type);
    if (entry) this.policyText = starterPolicy(entry, view);
    this.outcome = null;
    this.error = null;
  }

  run(view: Pick<ExperimentView, 'runs' | 'config'>): void {
    try {
      this.outcome = replayOutcome(view, this.policyText);
      this.error = null;
    } catch (error) {
      // Shown next to the policy text: a bad setting is the user's to fix, not a crash.
      this.outcome = null;
      this.error = (error as Error).message;
    }
  }
}
