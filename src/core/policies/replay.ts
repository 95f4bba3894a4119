/**
 * Replay: what a policy would have done to an experiment whose curves are known. The same
 * `Policy.decide` that rules live experiments decides here; this file only supplies the timing.
 *
 * Timing model: runs start in input order, at most `concurrency` at once. Each interval takes one
 * time step, so a run started at time t logs interval k at t + k. A run that completes or stops at
 * time t frees its slot at t, and the next run logs its first interval at t + 1. At equal times the
 * earlier run logs (and is decided) first. The cohort of a decision is what the other runs have
 * logged by then, each marked finished once it completed or stopped. A run's last interval
 * completes it: nothing is left to stop, so no decision is asked for there.
 *
 * A consequence worth knowing: at its interval N a run meets exactly the earlier runs that reached
 * N (later runs have logged at most N - 1 by then), whatever the concurrency. Concurrency changes
 * only which of them are still running, which matters to TruncationSelection's excludeFinishedRuns
 * and to curveBound (which reads the ended runs beyond N).
 */
import type { Goal } from '../types';
import { bestOf } from '../goal';
import type { Policy, RunCurve } from './types';

/** A run's known curve: the primary metric per interval (index 0 = interval 1), finite numbers. */
export interface ReplayRun {
  readonly id: string;
  readonly values: readonly number[];
}

export interface ReplayInput {
  readonly runs: readonly ReplayRun[];
  readonly goal: Goal;
  readonly policy: Policy;
  /** Runs at once, >= 1 (default 1: one after the other). */
  readonly concurrency?: number;
}

/** What happened to one run. */
export interface ReplayRunResult {
  readonly id: string;
  /** The interval at which the policy stopped the run, or null when it ran all its intervals. */
  readonly stoppedAt: number | null;
  readonly intervalsRun: number;
  readonly reason: string | null;
}

export interface ReplayResult {
  readonly runs: readonly ReplayRunResult[];
  readonly summary: {
    /** Share of all intervals (0..1) that the policy did not run. */
    readonly intervalsSaved: number;
    /** Best value logged by any run with the policy (null without runs). */
    readonly bestWithPolicy: number | null;
    /** Best value logged by any run without a policy (null without runs). */
    readonly bestWithout: number | null;
  };
}

interface Slot {
  readonly index: number;
  readonly logged: number[];
  curve: RunCurve;
  stoppedAt: number | null;
  reason: string | null;
  done: boolean;
}

/** Logs `slot`'s next interval and asks the policy unless that interval completes the run. */
function step(slot: Slot, run: ReplayRun, started: readonly Slot[], input: ReplayInput): void {
  slot.logged.push(run.values[slot.logged.length]);
  if (slot.logged.length >= run.values.length) {
    slot.done = true;
    slot.curve = { ...slot.curve, finished: true };
    return;
  }
  const cohort = started.filter((other) => other !== slot).map((other) => other.curve);
  const decision = input.policy.decide(slot.curve, cohort, input.goal);
  if (decision.action === 'continue') return;
  slot.done = true;
  slot.stoppedAt = slot.logged.length;
  slot.reason = decision.reason;
  slot.curve = { ...slot.curve, finished: true };
}

/** Replays `input.runs` under `input.policy`; pure and deterministic. */
export function replay(input: ReplayInput): ReplayResult {
  const concurrency = Math.max(1, Math.floor(input.concurrency ?? 1));
  const started: Slot[] = [];
  let active: Slot[] = [];
  const fill = () => {
    while (active.length < concurrency && started.length < input.runs.length) {
      const index = started.length;
      const run = input.runs[index];
      const logged: number[] = [];
      const curve: RunCurve = { id: run.id, values: logged, finished: run.values.length === 0 };
      const slot: Slot = { index, logged, curve, stoppedAt: null, reason: null, done: curve.finished };
      started.push(slot);
      // A run without intervals has nothing to log and takes no slot.
      if (!slot.done) active.push(slot);
    }
  };
  fill();
  while (active.length > 0) {
    for (const slot of active) step(slot, input.runs[slot.index], started, input);
    active = active.filter((slot) => !slot.done);
    fill();
  }
  return summarize(input, started);
}

function summarize(input: ReplayInput, slots: readonly Slot[]): ReplayResult {
  const runs = slots.map((slot) => ({
    id: input.runs[slot.index].id,
    stoppedAt: slot.stoppedAt,
    intervalsRun: slot.logged.length,
    reason: slot.reason,
  }));
  const total = input.runs.reduce((sum, run) => sum + run.values.length, 0);
  const ran = runs.reduce((sum, run) => sum + run.intervalsRun, 0);
  const withPolicy = slots.map((slot) => bestOf(slot.logged, input.goal)).filter((v): v is number => v !== null);
  const without = input.runs.map((run) => bestOf(run.values, input.goal)).filter((v): v is number => v !== null);
  return {
    runs,
    summary: {
      intervalsSaved: total === 0 ? 0 : (total - ran) / total,
      bestWithPolicy: bestOf(withPolicy, input.goal),
      bestWithout: bestOf(without, input.goal),
    },
  };
}

/**
 * Replay curves of logged runs: each run's `metricName` series cut before its first non-finite
 * value (a failed run), runs with no value left out. The CLI (exported experiments, runs.json)
 * and the page's "what would a policy have saved" read runs this one way.
 */
export function replayRunsOf(runs: readonly { readonly id: string; readonly metrics: Readonly<Record<string, readonly unknown[]>> }[], metricName: string): ReplayRun[] {
  const out: ReplayRun[] = [];
  for (const run of runs) {
    const series = run.metrics[metricName] ?? [];
    const end = series.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    const values = (end === -1 ? series : series.slice(0, end)) as number[];
    if (values.length > 0) out.push({ id: run.id, values });
  }
  return out;
}
