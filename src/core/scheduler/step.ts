/**
 * One application of an event: the state as it changes, the commands it produces, and the
 * bookkeeping shared by every handler (which runs changed, which workers are idle).
 */
import { runById, runsInFlight, withRunAdded } from './run-lookup';
import { failedCount, replaceRun } from './runs';
import type { ExperimentProgress, RunRecord, SchedulerCommand, SchedulerState, StepResult } from './types';

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

/** A run continuing from a checkpoint that has no worker yet. */
export function isWaiting(run: RunRecord): boolean {
  return run.status === 'queued' && run.workerId === undefined;
}

/** The run in flight on worker `workerId`, if any. */
export function runOnWorker(state: SchedulerState, workerId: string): RunRecord | undefined {
  return runsInFlight(state.runs).find((run) => run.workerId === workerId);
}

/** Accumulates commands while an event is applied. */
export class Step {
  readonly commands: SchedulerCommand[] = [];
  private readonly changed = new Map<string, RunRecord>();
  private experimentChanged = false;

  constructor(public state: SchedulerState) {}

  findRun(id: string): RunRecord | undefined {
    return runById(this.state.runs, id);
  }

  setRun(run: RunRecord): void {
    this.state = replaceRun(this.state, run);
    this.changed.set(run.id, run);
  }

  addRun(run: RunRecord): void {
    this.state = { ...this.state, runs: withRunAdded(this.state.runs, run) };
    this.changed.set(run.id, run);
  }

  markExperiment(): void {
    this.experimentChanged = true;
  }

  /** Offers `workerId` for the next run, unless it is busy or already idle. */
  freeWorker(workerId: string): void {
    if (runOnWorker(this.state, workerId) || this.state.idleWorkers.includes(workerId)) return;
    this.state = { ...this.state, idleWorkers: [...this.state.idleWorkers, workerId] };
  }

  /** Forgets `workerId` as an idle worker (it is gone). */
  dropWorker(workerId: string): void {
    this.state = { ...this.state, idleWorkers: this.state.idleWorkers.filter((id) => id !== workerId) };
  }

  /** Takes the first idle worker (callers check there is one). */
  takeWorker(): string {
    const [workerId, ...idle] = this.state.idleWorkers;
    this.state = { ...this.state, idleWorkers: idle };
    return workerId;
  }

  /** Commands with one trailing `persist` of every run touched (latest version) and the experiment. */
  result(): StepResult {
    const runs = [...this.changed.keys()].map((id) => this.findRun(id)!);
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
