/** What the parts of one experiment's host share (internal to the runtime). */
import type { SchedulerEvent, SchedulerState } from '../core/scheduler';
import type { HostOptions } from './host-types';
import type { WorkerPool } from './pool';

/** The host as its parts see it: options, workers, the clock, and the scheduler's state and events. */
export interface HostContext {
  readonly options: HostOptions;
  readonly pool: WorkerPool;
  readonly now: () => number;
  /** Failures that did not end a run (storage, a worker that could not take the dataset). */
  readonly errors: string[];
  /** The scheduler's current state (read it fresh: every dispatch replaces it). */
  state(): SchedulerState;
  /**
   * Feeds the scheduler an event, or several in order (queued when a dispatch is under way); the
   * listeners hear once, after the last.
   */
  dispatch(events: SchedulerEvent | readonly SchedulerEvent[]): void;
  /**
   * How many workers the scheduler may give runs now: trainingWorkers() of the backend, and one
   * while `auto` measures (the other runs would wait for that measurement anyway).
   */
  trainingWorkers(): number;
}

/** An error's message, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
