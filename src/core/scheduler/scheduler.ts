/**
 * The experiment state machine: `step(state, event) -> [state, commands]`. It decides, the host
 * acts: starting a worker, stopping a run and persisting are commands the runtime performs. Same
 * events in, same commands out (the sampler draws from `createRng(seed, runIndex)`), so a
 * scripted event list is a complete test and a reloaded tab can replay stored runs.
 */
import { createRng } from '../rng';
import type { Policy } from '../policies';
import type { Sampler } from '../sampling';
import type { Space } from '../space';
import {
  failedCount,
  formatValue,
  inFlight,
  isInFlight,
  pendingParams,
  policyInputs,
  replaceRun,
  samplerHistory,
  withLog,
} from './runs';
import type {
  ExperimentProgress,
  RunEnding,
  RunRecord,
  SchedulerCommand,
  SchedulerConfig,
  SchedulerEvent,
  SchedulerState,
  StepResult,
  StopStarting,
} from './types';

/** What the scheduler asks: the sampler for each new run, the policy on each primary log. */
export interface SchedulerDeps {
  readonly space: Space;
  readonly sampler: Sampler;
  readonly policy: Policy;
}

/** A scheduler bound to its sampler and policy. */
export interface Scheduler {
  /**
   * The state before `start`: no workers, and the runs of an earlier session when resuming
   * (`restored`, see `restoreRuns`); without them, no runs.
   */
  init(config: SchedulerConfig, restored?: readonly RunRecord[]): SchedulerState;
  /** Applies one event; never throws for an unknown or stale run id (the event is ignored). */
  step(state: SchedulerState, event: SchedulerEvent): StepResult;
}

/** Run id of the run at `index`: HyperDrive's `<experiment>_<index>`. */
export function runId(experimentId: string, index: number): string {
  return `${experimentId}_${index}`;
}

/** The experiment's progress summary (carried by `persist` commands). */
export function progressOf(state: SchedulerState): ExperimentProgress {
  return {
    experimentId: state.config.experimentId,
    status: state.status,
    reason: state.reason,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    runCount: state.runs.length,
    failedCount: failedCount(state),
  };
}

/**
 * Runs of an earlier session, ready for `init`: ended runs stay as they are; a queued or running
 * run (or one with `continueFrom`) waits for a worker and continues after interval
 * `continueFrom` (default: the intervals it has). Workers and pending endings are forgotten.
 */
export function restoreRuns(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs]
    .sort((a, b) => a.index - b.index)
    .map((run) => {
      const { workerId: _w, ending: _e, ...rest } = run;
      if (!isInFlight(run.status) && run.continueFrom === undefined) return rest;
      const { reason: _r, endedAt: _t, ...waiting } = rest;
      return { ...waiting, status: 'queued' as const, continueFrom: run.continueFrom ?? run.intervals };
    });
}

/** A run continuing from a checkpoint that has no worker yet. */
function isWaiting(run: RunRecord): boolean {
  return run.status === 'queued' && run.workerId === undefined;
}

/** Accumulates commands while an event is applied. */
class Step {
  readonly commands: SchedulerCommand[] = [];
  private readonly changed = new Map<string, RunRecord>();
  private experimentChanged = false;

  constructor(public state: SchedulerState) {}

  setRun(run: RunRecord): void {
    this.state = replaceRun(this.state, run);
    this.changed.set(run.id, run);
  }

  addRun(run: RunRecord): void {
    this.state = { ...this.state, runs: [...this.state.runs, run] };
    this.changed.set(run.id, run);
  }

  markExperiment(): void {
    this.experimentChanged = true;
  }

  /** Commands with one trailing `persist` of every run touched (latest version) and the experiment. */
  result(): StepResult {
    const runs = [...this.changed.keys()].map((id) => this.state.runs.find((r) => r.id === id)!);
    const commands = [...this.commands];
    if (runs.length > 0 || this.experimentChanged) {
      const persist: SchedulerCommand = this.experimentChanged
        ? { type: 'persist', runs, experiment: progressOf(this.state) }
        : { type: 'persist', runs };
      // Persist before finishing, so a finished experiment is never ahead of its stored runs.
      const finish = commands.findIndex((c) => c.type === 'finishExperiment');
      commands.splice(finish === -1 ? commands.length : finish, 0, persist);
    }
    return [this.state, commands];
  }
}

/** Creates the scheduler for one experiment's space, sampler and policy. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const init = (config: SchedulerConfig, restored: readonly RunRecord[] = []): SchedulerState => ({
    config,
    status: 'running',
    runs: restoreRuns(restored),
    idleWorkers: [],
  });
  const step = (state: SchedulerState, event: SchedulerEvent): StepResult => {
    if (state.endedAt !== undefined) return [state, []];
    const s = new Step(state);
    apply(s, event, deps);
    checkDeadline(s, event.at);
    fill(s, deps, event.at);
    finishIfDone(s, event.at);
    return s.result();
  };
  return { init, step };
}

function apply(s: Step, event: SchedulerEvent, deps: SchedulerDeps): void {
  switch (event.type) {
    case 'start':
      return onStart(s, event.at);
    case 'workerFree':
      return freeWorker(s, event.workerId);
    case 'workerLost':
      return onWorkerLost(s, event.workerId, event.reason, event.at);
    case 'runStarted':
      return onRunStarted(s, event.runId, event.backend, event.at);
    case 'runLogged':
      return onRunLogged(s, event, deps);
    case 'runFinished':
      return onRunEnded(s, event.runId, null, false, event.at);
    case 'runFailed':
      return onRunEnded(s, event.runId, event.reason, event.workerLost === true, event.at);
    case 'cancelRun':
      return onCancelRun(s, event.runId, event.at);
    case 'cancelExperiment':
      return stopStarting(s, { status: 'canceled', reason: 'canceled by user', hard: true }, event.at);
    case 'abort':
      return stopStarting(s, { status: 'failed', reason: event.reason, hard: true }, event.at);
    case 'tick':
      return;
  }
}

function onStart(s: Step, at: number): void {
  if (s.state.startedAt !== undefined) return;
  const minutes = s.state.config.maxDurationMinutes;
  const deadline = minutes === undefined ? undefined : at + minutes * 60_000;
  s.state = { ...s.state, startedAt: at, deadline };
  s.markExperiment();
  if (deadline !== undefined) s.commands.push({ type: 'wakeAt', at: deadline });
}

function findRun(s: Step, id: string): RunRecord | undefined {
  return s.state.runs.find((run) => run.id === id);
}

function freeWorker(s: Step, workerId: string): void {
  const busy = s.state.runs.some((run) => isInFlight(run.status) && run.workerId === workerId);
  if (busy || s.state.idleWorkers.includes(workerId)) return;
  s.state = { ...s.state, idleWorkers: [...s.state.idleWorkers, workerId] };
}

function onWorkerLost(s: Step, workerId: string, reason: string, at: number): void {
  s.state = { ...s.state, idleWorkers: s.state.idleWorkers.filter((id) => id !== workerId) };
  const run = s.state.runs.find((r) => isInFlight(r.status) && r.workerId === workerId);
  if (run) onRunEnded(s, run.id, reason, true, at);
}

function onRunStarted(s: Step, id: string, backend: string | undefined, at: number): void {
  const run = findRun(s, id);
  if (!run || run.status !== 'queued') return;
  s.setRun({ ...run, status: 'running', startedAt: at, ...(backend ? { backend } : {}) });
}

/** Asks the worker to end `run` and remembers the outcome until it confirms. */
function requestEnd(s: Step, run: RunRecord, ending: RunEnding): void {
  s.setRun({ ...run, ending });
  s.commands.push({ type: 'stopRun', runId: run.id, workerId: run.workerId, status: ending.status, reason: ending.reason });
}

function onRunLogged(s: Step, event: Extract<SchedulerEvent, { type: 'runLogged' }>, deps: SchedulerDeps): void {
  const found = findRun(s, event.runId);
  if (!found || !isInFlight(found.status) || found.ending) return;
  const { primaryMetricName, goal } = s.state.config;
  const base = found.status === 'queued' ? { ...found, status: 'running' as const, startedAt: event.at } : found;
  const run = withLog(base, event.name, event.value, primaryMetricName, goal);
  s.setRun(run);
  const isPrimary = event.name === primaryMetricName;
  if (!Number.isFinite(event.value) && !event.allowNonFinite) {
    const where = isPrimary ? `interval ${run.intervals}` : `log ${run.metrics[event.name].length}`;
    const reason = `metric "${event.name}" was ${formatValue(event.value)} at ${where} (training diverged; try a lower learning rate)`;
    requestEnd(s, run, { status: 'failed', reason });
    return;
  }
  if (!isPrimary || !Number.isFinite(event.value)) return;
  const { run: curve, cohort } = policyInputs(s.state, run);
  const decision = deps.policy.decide(curve, cohort, goal);
  if (decision.action === 'stop') requestEnd(s, run, { status: 'stopped', reason: `stopped by policy: ${decision.reason}` });
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

function onRunEnded(s: Step, id: string, failure: string | null, workerLost: boolean, at: number): void {
  const run = findRun(s, id);
  if (!run || !isInFlight(run.status)) return;
  const outcome = finalOutcome(s, run, failure);
  const { ending: _ending, workerId, ...rest } = run;
  s.setRun({ ...rest, ...outcome, endedAt: at });
  if (workerId !== undefined) {
    if (workerLost) s.state = { ...s.state, idleWorkers: s.state.idleWorkers.filter((w) => w !== workerId) };
    else freeWorker(s, workerId);
  }
  const limit = s.state.config.maxFailedRuns;
  if (outcome.status === 'failed' && limit !== undefined && failedCount(s.state) >= limit) {
    stopStarting(s, { status: 'failed', reason: `maxFailedRuns (${limit}) reached`, hard: true }, at);
  }
}

function onCancelRun(s: Step, id: string, at: number): void {
  const run = findRun(s, id);
  if (!run || !isInFlight(run.status) || run.ending) return;
  endOrRequestEnd(s, run, { status: 'canceled', reason: 'canceled by user' }, at);
}

/** A run waiting for a worker ends at once (nothing to stop); any other is asked to end. */
function endOrRequestEnd(s: Step, run: RunRecord, ending: RunEnding, at: number): void {
  if (!isWaiting(run)) return requestEnd(s, run, ending);
  s.setRun({ ...run, status: ending.status, reason: ending.reason, endedAt: at });
}

/**
 * No new run starts from now on. A hard stop also cancels the runs in flight and upgrades an
 * earlier soft stop; the first hard stop's status and reason win.
 */
function stopStarting(s: Step, stop: StopStarting, at: number): void {
  const current = s.state.stopStarting;
  if (current && (current.hard || !stop.hard)) return;
  s.state = { ...s.state, stopStarting: stop };
  s.markExperiment();
  if (!stop.hard) return;
  for (const run of inFlight(s.state)) {
    if (!run.ending) endOrRequestEnd(s, run, { status: 'canceled', reason: `canceled: ${stop.reason}` }, at);
  }
}

function checkDeadline(s: Step, at: number): void {
  const { deadline, config } = s.state;
  if (deadline === undefined || at < deadline) return;
  stopStarting(s, { status: 'completed', reason: `maxDurationMinutes (${config.maxDurationMinutes}) reached`, hard: true }, at);
}

/** Why no further run may start now, or null when one may (given a free worker). */
function startBlocker(state: SchedulerState): 'stopped' | 'concurrency' | 'total' | null {
  if (state.startedAt === undefined) return 'stopped';
  if (state.stopStarting) return 'stopped';
  if (state.runs.length >= state.config.maxTotalRuns) return 'total';
  const max = state.config.maxConcurrentRuns ?? Number.POSITIVE_INFINITY;
  if (inFlight(state).length >= max) return 'concurrency';
  return null;
}

/**
 * Whether a waiting run may get a worker now: after `start`, unless a hard stop came, within
 * `maxConcurrentRuns` counted over runs that have a worker. A soft stop (maxTotalRuns, an
 * exhausted grid) does not hold it back: it is not a new run.
 */
function mayContinue(state: SchedulerState): boolean {
  if (state.startedAt === undefined || state.stopStarting?.hard) return false;
  const max = state.config.maxConcurrentRuns ?? Number.POSITIVE_INFINITY;
  return inFlight(state).filter((run) => !isWaiting(run)).length < max;
}

/** Gives the first idle worker to the first waiting run (start order); false when there is none. */
function continueOne(s: Step): boolean {
  const run = s.state.runs.find(isWaiting);
  if (!run) return false;
  const [workerId, ...idle] = s.state.idleWorkers;
  s.state = { ...s.state, idleWorkers: idle };
  s.setRun({ ...run, workerId });
  const continueFrom = run.continueFrom ?? run.intervals;
  s.commands.push({ type: 'startRun', runId: run.id, index: run.index, params: run.params, workerId, continueFrom });
  return true;
}

/** Starts a run on every idle worker the limits allow (a freed worker is refilled at once); waiting runs first. */
function fill(s: Step, deps: SchedulerDeps, at: number): void {
  while (s.state.idleWorkers.length > 0 && mayContinue(s.state)) {
    if (!continueOne(s)) break;
  }
  while (s.state.idleWorkers.length > 0 && startBlocker(s.state) === null) {
    if (!startOne(s, deps, at)) break;
  }
  if (startBlocker(s.state) === 'total') {
    stopStarting(s, { status: 'completed', reason: `maxTotalRuns (${s.state.config.maxTotalRuns}) reached`, hard: false }, at);
  }
}

/** Suggests and queues one run on the first idle worker; false when nothing more can start. */
function startOne(s: Step, deps: SchedulerDeps, at: number): boolean {
  const { config } = s.state;
  const index = s.state.runs.length;
  let params;
  try {
    const request = { space: deps.space, goal: config.goal, history: samplerHistory(s.state), pending: pendingParams(s.state), index };
    params = deps.sampler.suggest(request, createRng(config.seed, index));
  } catch (error) {
    // The sampler cannot go on (a bad space for grid, a numeric failure): the experiment fails.
    const message = error instanceof Error ? error.message : String(error);
    stopStarting(s, { status: 'failed', reason: `sampling failed: ${message}`, hard: true }, at);
    return false;
  }
  if (params === null) {
    stopStarting(s, { status: 'completed', reason: `${deps.sampler.type} sampling has no configuration left`, hard: false }, at);
    return false;
  }
  const [workerId, ...idle] = s.state.idleWorkers;
  const id = runId(config.experimentId, index);
  s.state = { ...s.state, idleWorkers: idle };
  s.addRun({ id, experimentId: config.experimentId, index, params, status: 'queued', workerId, queuedAt: at, metrics: {}, intervals: 0 });
  s.commands.push({ type: 'startRun', runId: id, index, params, workerId });
  return true;
}

/** Ends the experiment once nothing runs and nothing more may start. */
function finishIfDone(s: Step, at: number): void {
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
