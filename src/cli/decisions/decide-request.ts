/**
 * The answer of `tabtune decide`: continue or stop a run now, by the experiment's policy with the
 * same `Policy.decide` as the page, `tabtune run` and `tabtune replay`. Stateless: the request
 * carries the run's curve and its cohort's curves.
 */
import { createPolicy, parsePolicyConfig, type RunCurve } from '../../core/policies';
import { InvalidConfigError } from '../../core/errors';
import { arrayField, goalField, objectField, valuesField } from './fields';

function curveOf(raw: unknown, what: string): RunCurve {
  const curve = objectField(raw, what);
  const id = curve.id;
  if ((typeof id !== 'string' || id === '') && typeof id !== 'number') throw new InvalidConfigError(`${what}.id must be a non-empty string or a number (got ${JSON.stringify(id)})`);
  return {
    id: String(id),
    values: valuesField(curve.values, `${what}.values`),
    finished: curve.finished === true,
    ...(curve.prior === true ? { prior: true } : {}),
  };
}

/**
 * Answers `{policy, goal, metric, run: {id, values}, cohort: [{id, values, finished}]}` with
 * `{decision: "continue"}` or `{decision: "stop", reason}`. The run has just logged interval
 * `values.length`; the cohort is every other run (failed ones left out, as the page does).
 */
export function answerDecide(json: unknown): Record<string, unknown> {
  const request = objectField(json, 'a decide request');
  const metric = typeof request.metric === 'string' && request.metric !== '' ? request.metric : 'metric';
  const policy = createPolicy(parsePolicyConfig(request.policy ?? { type: 'none' }), metric);
  const goal = goalField(request.goal);
  const run = curveOf(request.run, '"run"');
  if (run.values.length === 0) throw new InvalidConfigError('"run".values must hold at least the interval just logged');
  const cohort = arrayField(request.cohort ?? [], '"cohort"').map((c, i) => curveOf(c, `"cohort"[${i}]`));
  const decision = policy.decide(run, cohort, goal);
  return decision.action === 'continue' ? { decision: 'continue' } : { decision: 'stop', reason: decision.reason };
}
