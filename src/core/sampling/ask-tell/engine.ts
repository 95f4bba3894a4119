/**
 * The ask/tell engine behind `tabtune ask-tell`: one experiment driven from outside, one JSON
 * request in, one JSON response out. Pure and synchronous, so it is tested without stdin.
 *
 * Its runs are the scheduler's run records and every rule is the scheduler's: the sampler's
 * history and pending configurations, the policy's cohort (failed runs excluded), a run's score
 * (its best finite logged value) and the best run. Only the driving differs: the caller asks,
 * reports and tells instead of a worker pool.
 *
 * - `create` starts (or replaces) the experiment: space, sampling, goal, seed, optional policy.
 * - `ask` suggests run `index` with `createRng(seed, index)`; runs asked and not yet told are the
 *   sampler's `pending` (runs in flight).
 * - `report` logs the run's next interval and asks the policy. A stopped run ends at its best
 *   value so far; a later `tell` for it is acknowledged and ignored.
 * - `tell` ends a run as failed, or as completed: its `value` is logged as its last interval, and
 *   its score is the best value it logged (as for every run of the scheduler).
 * - `best` is the best completed or stopped run.
 */
import { isTunerError } from '../../errors';
import { createPolicy, parsePolicyConfig, type Policy } from '../../policies';
import { createRng } from '../../rng';
import { getBestRunByPrimaryMetric, pendingParams, policyInputs, samplerHistory, withLog, type RunRecord, type SchedulerConfig } from '../../scheduler';
import { gridSize, parseSpace, type Space } from '../../space';
import { createSampler } from '../factory';
import type { Sampler } from '../types';
import { parseRequest, type Request } from './requests';

interface Experiment {
  readonly space: Space;
  readonly sampler: Sampler;
  readonly policy: Policy;
  /** The scheduler's view: `config` (metric, goal, seed) and the runs, replaced on each change. */
  readonly config: SchedulerConfig;
  runs: readonly RunRecord[];
}

/** A response object, written as one JSON line. */
export type Response = Record<string, unknown>;

/** An ask/tell session: feed it request lines, get response lines. */
export interface AskTellSession {
  /** The response to one line of input, or null for a blank line (which gets no answer). */
  handleLine(line: string): string | null;
  /** The response to one parsed request. Never throws: bad requests get `{ok: false, error}`. */
  handle(request: unknown): Response;
}

class RequestError extends Error {}

function create(request: Extract<Request, { op: 'create' }>): Experiment {
  const space = parseSpace(request.space as string | object);
  if (request.sampling === 'grid') gridSize(space); // a non-choice parameter is an error now, not at the first ask
  const policy = createPolicy(parsePolicyConfig(request.policy), request.metric);
  const config: SchedulerConfig = {
    experimentId: 'ask-tell',
    primaryMetricName: request.metric,
    goal: request.goal,
    seed: request.seed,
    maxTotalRuns: Number.MAX_SAFE_INTEGER,
  };
  return { space, sampler: createSampler(request.sampling), policy, config, runs: [] };
}

function ask(e: Experiment): Response {
  const index = e.runs.length;
  const request = { space: e.space, goal: e.config.goal, history: samplerHistory(e), pending: pendingParams(e), index };
  const params = e.sampler.suggest(request, createRng(e.config.seed, index));
  if (params === null) throw new RequestError(`ask: no configuration left (all ${index} of the grid have been asked)`);
  const run: RunRecord = { id: String(index), experimentId: e.config.experimentId, index, params, status: 'running', queuedAt: 0, metrics: {}, intervals: 0 };
  e.runs = [...e.runs, run];
  return { run: index, params };
}

function runOf(e: Experiment, op: string, id: number): RunRecord {
  const run = e.runs[id];
  if (!run) throw new RequestError(`${op}: run ${id} was never asked (runs so far: ${e.runs.length})`);
  return run;
}

function update(e: Experiment, run: RunRecord): void {
  e.runs = e.runs.map((r) => (r.id === run.id ? run : r));
}

function tell(e: Experiment, request: Extract<Request, { op: 'tell' }>): Response {
  const run = runOf(e, 'tell', request.run);
  if (run.status === 'stopped') return { ok: true, ignored: `run ${run.id} was already stopped by the policy` };
  if (run.status !== 'running') throw new RequestError(`tell: run ${run.id} is already ${run.status}`);
  if (request.status === 'failed') {
    update(e, { ...run, status: 'failed' });
    return { ok: true };
  }
  const { primaryMetricName: metric, goal } = e.config;
  const logged = request.value === undefined ? run : withLog(run, metric, request.value, metric, goal);
  if (!logged.best) throw new RequestError(`tell: "value" is required for run ${run.id}, which reported no finite value`);
  update(e, { ...logged, status: 'completed' });
  return { ok: true };
}

function report(e: Experiment, request: Extract<Request, { op: 'report' }>): Response {
  const current = runOf(e, 'report', request.run);
  if (current.status !== 'running') throw new RequestError(`report: run ${current.id} is already ${current.status}`);
  const { primaryMetricName: metric, goal } = e.config;
  const run = withLog(current, metric, request.value, metric, goal);
  update(e, run);
  const inputs = policyInputs(e, run);
  const decision = e.policy.decide(inputs.run, inputs.cohort, goal);
  if (decision.action === 'continue') return { decision: 'continue' };
  update(e, { ...run, status: 'stopped', reason: decision.reason });
  return { decision: 'stop', reason: decision.reason };
}

function best(e: Experiment): Response {
  const ended = e.runs.filter((r) => r.status === 'completed' || r.status === 'stopped');
  const winner = getBestRunByPrimaryMetric(ended, e.config.goal, e.config.primaryMetricName);
  if (!winner || winner.kind !== 'run') return { run: null, params: null, value: null };
  return { run: winner.run.index, params: winner.run.params, value: winner.value, status: winner.run.status };
}

/** A fresh session with no experiment. */
export function createAskTellSession(): AskTellSession {
  let experiment: Experiment | null = null;
  const dispatch = (request: Request): Response => {
    if (request.op === 'create') {
      experiment = create(request);
      return { ok: true };
    }
    if (!experiment) throw new RequestError(`${request.op}: no experiment yet; send {"op":"create",...} first`);
    switch (request.op) {
      case 'ask':
        return ask(experiment);
      case 'tell':
        return tell(experiment, request);
      case 'report':
        return report(experiment, request);
      case 'best':
        return best(experiment);
    }
  };
  const handle = (json: unknown): Response => {
    try {
      return dispatch(parseRequest(json));
    } catch (error) {
      // Expected bad input becomes an answer; anything else is a bug and propagates.
      if (error instanceof RequestError || isTunerError(error)) return { ok: false, error: (error as Error).message };
      throw error;
    }
  };
  return {
    handle,
    handleLine(line) {
      if (line.trim() === '') return null;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        return JSON.stringify({ ok: false, error: `not valid JSON: ${(error as Error).message}` });
      }
      return JSON.stringify(handle(json));
    },
  };
}
