/**
 * Ending things early: asking one run's worker to end it, and stopping new starts (a soft stop)
 * or new starts and every run in flight (a hard stop).
 */
import { inFlight } from './runs';
import { isWaiting, type Step } from './step';
import type { RunEnding, RunRecord, StopStarting } from './types';

/** Asks the worker to end `run` and remembers the outcome until it confirms. */
export function requestEnd(s: Step, run: RunRecord, ending: RunEnding): void {
  s.setRun({ ...run, ending });
  s.commands.push({ type: 'stopRun', runId: run.id, workerId: run.workerId, status: ending.status, reason: ending.reason });
}

/** A run waiting for a worker ends at once (nothing to stop); any other is asked to end. */
export function endOrRequestEnd(s: Step, run: RunRecord, ending: RunEnding, at: number): void {
  if (!isWaiting(run)) return requestEnd(s, run, ending);
  s.setRun({ ...run, status: ending.status, reason: ending.reason, endedAt: at });
}

/**
 * No new run starts from now on. A hard stop also cancels the runs in flight and upgrades an
 * earlier soft stop; the first hard stop's status and reason win.
 */
export function stopStarting(s: Step, stop: StopStarting, at: number): void {
  const current = s.state.stopStarting;
  if (current && (current.hard || !stop.hard)) return;
  s.state = { ...s.state, stopStarting: stop };
  s.markExperiment();
  if (!stop.hard) return;
  for (const run of inFlight(s.state)) {
    if (!run.ending) endOrRequestEnd(s, run, { status: 'canceled', reason: `canceled: ${stop.reason}` }, at);
  }
}
