/** The experiment state machine (SPEC sections 3, 5, 6): events in, commands out. */
export type * from './types';
export { createScheduler, progressOf, restoreRuns, runId, type Scheduler, type SchedulerDeps } from './scheduler';
export { getBestRunByPrimaryMetric, type BestCandidate, type BestRunOptions } from './best';
export { bestOf, isInFlight } from './runs';
