/**
 * The experiment's own lifecycle: `start` sets the `maxDurationMinutes` deadline, the deadline
 * stops everything once passed, and the experiment finishes when nothing runs and nothing may start.
 */
import { inFlight } from './runs';
import type { Step } from './step';
import { stopStarting } from './stopping';

/** The first `start` begins the experiment and asks to be woken at its deadline, if any. */
export function onStart(s: Step, at: number): void {
  if (s.state.startedAt !== undefined) return;
  const minutes = s.state.config.maxDurationMinutes;
  const deadline = minutes === undefined ? undefined : at + minutes * 60_000;
  s.state = { ...s.state, startedAt: at, deadline };
  s.markExperiment();
  if (deadline !== undefined) s.commands.push({ type: 'wakeAt', at: deadline });
}

/** Past the deadline, runs in flight are canceled and no new run starts. */
export function checkDeadline(s: Step, at: number): void {
  const { deadline, config } = s.state;
  if (deadline === undefined || at < deadline) return;
  stopStarting(s, { status: 'completed', reason: `maxDurationMinutes (${config.maxDurationMinutes}) reached`, hard: true }, at);
}

/** Ends the experiment once nothing runs and nothing more may start. */
export function finishIfDone(s: Step, at: number): void {
  const stop = s.state.stopStarting;
  if (!stop || inFlight(s.state).length > 0) return;
  const runs = s.state.runs;
  const allFailed = runs.length > 0 && runs.every((run) => run.status === 'failed');
  const status = stop.status === 'completed' && allFailed ? 'failed' : stop.status;
  const reason = status !== stop.status ? `every run failed (${stop.reason})` : stop.reason;
  s.state = { ...s.state, status, reason, endedAt: at };
  s.markExperiment();
  s.commands.push({ type: 'finishExperiment', status, reason });
}
