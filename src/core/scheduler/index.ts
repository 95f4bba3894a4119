/** The experiment state machine (SPEC sections 3, 5, 6): events in, commands out. */
export type * from './types';
export { createScheduler, type Scheduler, type SchedulerDeps } from './scheduler';
export { progressOf } from './step';
export { restoreRuns } from './restore';
export { runId, type SamplingDeps } from './refill';
export { getBestRunByPrimaryMetric, type BestCandidate, type BestRunOptions } from './best';
export { formatValue, isInFlight, pendingParams, policyInputs, samplerHistory, withLog, type RunsView } from './runs';
export { answer } from './asking';
export { HistoryReceiver, HistorySender, type HistoryDelta, type WireSamplerCommand } from './history-delta';
