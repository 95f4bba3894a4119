/**
 * The answer of `tabtune suggest`: the next parameters of an experiment from its space, its
 * sampling settings and its runs so far, by the same sampler and the same rng stream per run
 * number as the page and `tabtune run` (`createRng(seed, index)`). Stateless: every request
 * carries the whole history, as a distributed engine reads it from its storage.
 */
import { InvalidConfigError } from '../../core/errors';
import { createRng } from '../../core/rng';
import { createSampler, type Observation } from '../../core/sampling';
import { parseSpace } from '../../core/space';
import type { ParamValues, RunStatus, SamplingType } from '../../core/types';
import { arrayField, goalField, intField, objectField } from './fields';

const ENDED: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'canceled'];
const IN_FLIGHT: readonly RunStatus[] = ['queued', 'running'];

function samplingField(value: unknown): SamplingType {
  if (value === 'random' || value === 'grid' || value === 'bayesian') return value;
  throw new InvalidConfigError(`"sampling" must be "random", "grid" or "bayesian" (got ${JSON.stringify(value)})`);
}

/** One run of the request: ended ones are history, in-flight ones pending. */
function runOf(raw: unknown, i: number): { params: ParamValues; status: RunStatus; value: number | null; prior: boolean } {
  const run = objectField(raw, `"runs"[${i}]`);
  const status = run.status;
  if (typeof status !== 'string' || ![...ENDED, ...IN_FLIGHT].includes(status as RunStatus)) {
    throw new InvalidConfigError(`"runs"[${i}].status must be one of ${[...ENDED, ...IN_FLIGHT].join(', ')} (got ${JSON.stringify(status)})`);
  }
  const value = run.value ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw new InvalidConfigError(`"runs"[${i}].value must be a finite number or null (got ${JSON.stringify(value)})`);
  return { params: objectField(run.params, `"runs"[${i}].params`) as ParamValues, status: status as RunStatus, value, prior: run.prior === true };
}

/**
 * Answers `{space, sampling, goal, seed, index, runs, maxTotalRuns}` with `{params}` (null params
 * with a reason when the sampler has nothing left, as an exhausted grid). `index` defaults to the
 * number of runs given; runs are in start order. `maxTotalRuns` (optional, 1..1000 as in the
 * experiment file) lets the Bayesian sampler tell the experiment's last runs, as in the tab.
 */
export function answerSuggest(json: unknown): Record<string, unknown> {
  const request = objectField(json, 'a suggest request');
  if (request.space === undefined) throw new InvalidConfigError('a suggest request needs "space" (text or JSON)');
  const space = parseSpace(request.space as string | object);
  const sampler = createSampler(samplingField(request.sampling ?? 'random'));
  const goal = goalField(request.goal ?? 'maximize');
  const seed = intField(request.seed, '"seed"', 0, 0, 2 ** 32 - 1);
  const runs = arrayField(request.runs ?? [], '"runs"').map(runOf);
  const own = runs.filter((r) => !r.prior).length;
  const index = intField(request.index, '"index"', own, 0, 1_000_000);
  const history: Observation[] = runs
    .filter((r) => ENDED.includes(r.status))
    .map((r) => ({ params: r.params, value: r.value, status: r.status, ...(r.prior ? { prior: true } : {}) }));
  const pending = runs.filter((r) => IN_FLIGHT.includes(r.status)).map((r) => r.params);
  const maxTotalRuns = request.maxTotalRuns === undefined ? undefined : intField(request.maxTotalRuns, '"maxTotalRuns"', 0, 1, 1000);
  const params = sampler.suggest({ space, goal, history, pending, index, maxTotalRuns }, createRng(seed, index));
  if (params === null) return { params: null, reason: `the ${sampler.type} sampler has no configuration left after ${index} runs` };
  return { params };
}
