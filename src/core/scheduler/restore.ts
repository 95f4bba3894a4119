/** Resuming (SPEC section 7): the runs of an earlier session as the scheduler starts from them. */
import { isInFlight } from './runs';
import type { RunRecord } from './types';

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
