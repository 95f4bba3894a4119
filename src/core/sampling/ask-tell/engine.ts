/**
 * The ask/tell engine behind `tabtune ask-tell`: one experiment driven from outside, one JSON
 * request in, one JSON response out. Pure and synchronous, so it is tested without stdin.
 *
 * - `create` starts (or replaces) the experiment: space, sampling, goal, seed, optional policy.
 * - `ask` suggests run `index` with `createRng(seed, index)`; runs asked and not yet told are the
 *   sampler's `pending` (runs in flight).
 * - `tell` finishes a run with its score (`value`), or as failed. Without a value, a run that
 *   reported gets its best reported value.
 * - `report` logs the run's next interval and asks the policy; the cohort is every other run's
 *   reports. A stopped run is finished at its best value so far and becomes an observation; a
 *   later `tell` for it is acknowledged and ignored.
 * - `best` is the best completed or stopped run.
 */
import { isTunerError } from '../../errors';
import { createPolicy, parsePolicyConfig, type Policy, type RunCurve } from '../../policies';
import { createRng } from '../../rng';
import { gridSize, parseSpace, type Space } from '../../space';
import type { Goal, ParamValues } from '../../types';
import { createSampler } from '../factory';
import type { Observation, Sampler } from '../types';
import { parseRequest, type Request } from './requests';

type RunStatus = 'running' | 'completed' | 'failed' | 'stopped';

interface Run {
  readonly id: number;
  readonly params: ParamValues;
  status: RunStatus;
  readonly reports: number[];
  value: number | null;
}

interface Experiment {
  readonly space: Space;
  readonly sampler: Sampler;
  readonly goal: Goal;
  readonly seed: number;
  readonly policy: Policy;
  readonly runs: Run[];
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

function bestOf(values: readonly number[], goal: Goal): number {
  return goal === 'maximize' ? Math.max(...values) : Math.min(...values);
}

function create(request: Extract<Request, { op: 'create' }>): Experiment {
  const space = parseSpace(request.space as string | object);
  if (request.sampling === 'grid') gridSize(space); // a non-choice parameter is an error now, not at the first ask
  const policy = createPolicy(parsePolicyConfig(request.policy), request.metric);
  return { space, sampler: createSampler(request.sampling), goal: request.goal, seed: request.seed, policy, runs: [] };
}

function ask(e: Experiment): Response {
  const history: Observation[] = e.runs
    .filter((r) => r.status !== 'running')
    .map((r) => ({ params: r.params, value: r.value, status: r.status }));
  const pending = e.runs.filter((r) => r.status === 'running').map((r) => r.params);
  const index = e.runs.length;
  const params = e.sampler.suggest({ space: e.space, goal: e.goal, history, pending, index }, createRng(e.seed, index));
  if (params === null) throw new RequestError(`ask: no configuration left (all ${index} of the grid have been asked)`);
  e.runs.push({ id: index, params, status: 'running', reports: [], value: null });
  return { run: index, params };
}

function runOf(e: Experiment, op: string, id: number): Run {
  const run = e.runs[id];
  if (!run) throw new RequestError(`${op}: run ${id} was never asked (runs so far: ${e.runs.length})`);
  return run;
}

function tell(e: Experiment, request: Extract<Request, { op: 'tell' }>): Response {
  const run = runOf(e, 'tell', request.run);
  if (run.status === 'stopped') return { ok: true, ignored: `run ${run.id} was already stopped by the policy` };
  if (run.status !== 'running') throw new RequestError(`tell: run ${run.id} is already ${run.status}`);
  if (request.status === 'failed') {
    run.status = 'failed';
    return { ok: true };
  }
  const value = request.value ?? (run.reports.length > 0 ? bestOf(run.reports, e.goal) : undefined);
  if (value === undefined) throw new RequestError(`tell: "value" is required for run ${run.id}, which reported nothing`);
  run.status = 'completed';
  run.value = value;
  return { ok: true };
}

function report(e: Experiment, request: Extract<Request, { op: 'report' }>): Response {
  const run = runOf(e, 'report', request.run);
  if (run.status !== 'running') throw new RequestError(`report: run ${run.id} is already ${run.status}`);
  run.reports.push(request.value);
  const curve = (r: Run): RunCurve => ({ id: String(r.id), values: r.reports, finished: r.status !== 'running' });
  const cohort = e.runs.filter((r) => r !== run && r.reports.length > 0).map(curve);
  const decision = e.policy.decide(curve(run), cohort, e.goal);
  if (decision.action === 'continue') return { decision: 'continue' };
  run.status = 'stopped';
  run.value = bestOf(run.reports, e.goal);
  return { decision: 'stop', reason: decision.reason };
}

function best(e: Experiment): Response {
  let winner: Run | null = null;
  for (const r of e.runs) {
    if ((r.status !== 'completed' && r.status !== 'stopped') || r.value === null) continue;
    if (!winner || (e.goal === 'maximize' ? r.value > (winner.value as number) : r.value < (winner.value as number))) winner = r;
  }
  if (!winner) return { run: null, params: null, value: null };
  return { run: winner.id, params: winner.params, value: winner.value, status: winner.status };
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
