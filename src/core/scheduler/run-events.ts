/**
 * Handlers of the events a run's worker reports (started, logged, finished, failed, the worker
 * lost) and of the user canceling one run. The policy is asked on each primary-metric log.
 */
import type { Policy } from '../policies';
import { failedCount, formatValue, isInFlight, policyInputs, withLog } from './runs';
import { runOnWorker, type Step } from './step';
import { endOrRequestEnd, requestEnd, stopStarting } from './stopping';
import type { RunRecord, SchedulerEvent, TensorCount } from './types';

type RunLogged = Extract<SchedulerEvent, { type: 'runLogged' }>;

export function onRunStarted(s: Step, id: string, backend: string | undefined, at: number): void {
  const run = s.findRun(id);
  if (!run || run.status !== 'queued') return;
  s.setRun({ ...run, status: 'running', startedAt: at, ...(backend ? { backend } : {}) });
}

/** Records the log; a non-finite value fails the run, a primary value goes to the policy. */
export function onRunLogged(s: Step, event: RunLogged, policy: Policy): void {
  const found = s.findRun(event.runId);
  if (!found || !isInFlight(found.status) || found.ending) return;
  const { primaryMetricName, goal } = s.state.config;
  const base = found.status === 'queued' ? { ...found, status: 'running' as const, startedAt: event.at } : found;
  const run = withLog(base, event.name, event.value, primaryMetricName, goal);
  s.setRun(run);
  const isPrimary = event.name === primaryMetricName;
  if (!Number.isFinite(event.value) && !event.allowNonFinite) {
    requestEnd(s, run, { status: 'failed', reason: nonFiniteReason(run, event, isPrimary) });
    return;
  }
  if (!isPrimary || !Number.isFinite(event.value)) return;
  const { run: curve, cohort } = policyInputs(s.state, run);
  const decision = policy.decide(curve, cohort, goal);
  if (decision.action === 'stop') requestEnd(s, run, { status: 'stopped', reason: `stopped by policy: ${decision.reason}` });
}

/** Why a run fails on a NaN or infinite log: the metric, the value and where it came. */
function nonFiniteReason(run: RunRecord, event: RunLogged, isPrimary: boolean): string {
  const where = isPrimary ? `interval ${run.intervals}` : `log ${run.metrics[event.name].length}`;
  return `metric "${event.name}" was ${formatValue(event.value)} at ${where} (training diverged; try a lower learning rate)`;
}

/** The status a run ends with when its worker reports the end (`failure`: the worker's error). */
function finalOutcome(s: Step, run: RunRecord, failure: string | null): { status: RunRecord['status']; reason?: string } {
  if (run.ending) return { status: run.ending.status, reason: run.ending.reason };
  if (failure !== null) return { status: 'failed', reason: failure };
  if (run.intervals === 0) {
    return { status: 'failed', reason: `never logged the primary metric "${s.state.config.primaryMetricName}"` };
  }
  return { status: 'completed' };
}

/** The worker reports the end of run `id`; its worker is freed (or dropped when lost). */
export function onRunEnded(s: Step, id: string, failure: string | null, workerLost: boolean, at: number, tensors?: TensorCount): void {
  const run = s.findRun(id);
  if (!run || !isInFlight(run.status)) return;
  const outcome = finalOutcome(s, run, failure);
  const { ending: _ending, workerId, ...rest } = run;
  s.setRun({ ...rest, ...outcome, endedAt: at, ...(tensors ? { tensors } : {}), ...(workerId !== undefined ? { ranOn: workerId } : {}) });
  if (workerId !== undefined) {
    if (workerLost) s.dropWorker(workerId);
    else s.freeWorker(workerId);
  }
  const limit = s.state.config.maxFailedRuns;
  if (outcome.status === 'failed' && limit !== undefined && failedCount(s.state) >= limit) {
    stopStarting(s, { status: 'failed', reason: `maxFailedRuns (${limit}) reached`, hard: true }, at);
  }
}

/** Worker `workerId` is gone: it is no longer offered, and its run fails with `reason`. */
export function onWorkerLost(s: Step, workerId: string, reason: string, at: number): void {
  s.dropWorker(workerId);
  const run = runOnWorker(s.state, workerId);
  if (run) onRunEnded(s, run.id, reason, true, at);
}

export function onCancelRun(s: Step, id: string, at: number): void {
  const run = s.findRun(id);
  if (!run || !isInFlight(run.status) || run.ending) return;
  endOrRequestEnd(s, run, { status: 'canceled', reason: 'canceled by user' }, at);
}
