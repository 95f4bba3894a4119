/**
 * Parsing and validation of policy JSON (SPEC section 4). Every problem is an InvalidConfigError
 * that names the key, the rule and the value; the result has every default filled in.
 */
import { InvalidConfigError } from '../errors';
import { DEFAULT_SLOPE_FACTOR } from './curve-bound';
import { DEFAULT_MIN_RESOURCE, DEFAULT_REDUCTION_FACTOR } from './rungs';
import { CURVE_BOUND_DELAY } from './schedule';
import type {
  AshaPolicyConfig,
  BanditPolicyConfig,
  CurveBoundPolicyConfig,
  HyperbandPolicyConfig,
  MedianStoppingPolicyConfig,
  PolicyConfig,
  TruncationSelectionPolicyConfig,
} from './types';

type PolicyType = PolicyConfig['type'];
type Json = Record<string, unknown>;

const SCHEDULE_KEYS = ['evaluationInterval', 'delayEvaluation'] as const;

/** Keys each policy type accepts, besides `type`. */
const KEYS: Record<PolicyType, readonly string[]> = {
  bandit: ['slackFactor', 'slackAmount', ...SCHEDULE_KEYS],
  medianStopping: [...SCHEDULE_KEYS],
  truncationSelection: ['truncationPercentage', 'excludeFinishedRuns', ...SCHEDULE_KEYS],
  asha: ['minResource', 'reductionFactor', 'gracePeriod'],
  hyperband: ['minResource', 'maxResource', 'reductionFactor'],
  curveBound: ['slopeFactor', ...SCHEDULE_KEYS],
  none: [],
};

const TYPES = Object.keys(KEYS) as PolicyType[];

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function fail(type: string, key: string, rule: string, value: unknown): never {
  throw new InvalidConfigError(`policy "${type}": "${key}" ${rule} (got ${show(value)})`);
}

/** An integer setting >= `least`, or `fallback` when absent (required when `fallback` is undefined). */
function integerAtLeast(json: Json, type: string, key: string, least: number, fallback?: number): number {
  const value = json[key];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least) {
    fail(type, key, `must be an integer >= ${least}`, value);
  }
  return value;
}

/** A non-negative integer setting, or `fallback` when absent. */
function nonNegativeInteger(json: Json, type: string, key: string, fallback: number): number {
  return integerAtLeast(json, type, key, 0, fallback);
}

/** A finite number >= 0, or undefined when absent. */
function nonNegative(json: Json, type: string, key: string): number | undefined {
  const value = json[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(type, key, 'must be a finite number >= 0', value);
  }
  return value;
}

function slack(json: Json, key: string): number | undefined {
  return nonNegative(json, 'bandit', key);
}

function schedule(json: Json, type: string, delay = 0): { evaluationInterval: number; delayEvaluation: number } {
  const interval = nonNegativeInteger(json, type, 'evaluationInterval', 1);
  return {
    evaluationInterval: interval === 0 ? 1 : interval,
    delayEvaluation: nonNegativeInteger(json, type, 'delayEvaluation', delay),
  };
}

function parseAsha(json: Json): AshaPolicyConfig {
  return {
    type: 'asha',
    minResource: integerAtLeast(json, 'asha', 'minResource', 1, DEFAULT_MIN_RESOURCE),
    reductionFactor: integerAtLeast(json, 'asha', 'reductionFactor', 2, DEFAULT_REDUCTION_FACTOR),
    gracePeriod: nonNegativeInteger(json, 'asha', 'gracePeriod', 0),
  };
}

function parseHyperband(json: Json): HyperbandPolicyConfig {
  const minResource = integerAtLeast(json, 'hyperband', 'minResource', 1, DEFAULT_MIN_RESOURCE);
  const reductionFactor = integerAtLeast(json, 'hyperband', 'reductionFactor', 2, DEFAULT_REDUCTION_FACTOR);
  const maxResource = integerAtLeast(json, 'hyperband', 'maxResource', minResource);
  return { type: 'hyperband', minResource, maxResource, reductionFactor };
}

function parseCurveBound(json: Json): CurveBoundPolicyConfig {
  const slopeFactor = nonNegative(json, 'curveBound', 'slopeFactor') ?? DEFAULT_SLOPE_FACTOR;
  return { type: 'curveBound', slopeFactor, ...schedule(json, 'curveBound', CURVE_BOUND_DELAY) };
}

function parseBandit(json: Json): BanditPolicyConfig {
  const slackFactor = slack(json, 'slackFactor');
  const slackAmount = slack(json, 'slackAmount');
  if ((slackFactor === undefined) === (slackAmount === undefined)) {
    const given = { slackFactor: json.slackFactor, slackAmount: json.slackAmount };
    fail('bandit', 'slackFactor/slackAmount', 'needs exactly one of the two', given);
  }
  const chosen = slackFactor !== undefined ? { slackFactor } : { slackAmount };
  return { type: 'bandit', ...chosen, ...schedule(json, 'bandit') };
}

function parseTruncation(json: Json): TruncationSelectionPolicyConfig {
  const pct = json.truncationPercentage;
  if (typeof pct !== 'number' || !Number.isInteger(pct) || pct < 1 || pct > 99) {
    fail('truncationSelection', 'truncationPercentage', 'must be an integer in 1..99', pct);
  }
  const exclude = json.excludeFinishedRuns ?? false;
  if (typeof exclude !== 'boolean') {
    fail('truncationSelection', 'excludeFinishedRuns', 'must be true or false', exclude);
  }
  return {
    type: 'truncationSelection',
    truncationPercentage: pct,
    excludeFinishedRuns: exclude,
    ...schedule(json, 'truncationSelection'),
  };
}

function parseMedian(json: Json): MedianStoppingPolicyConfig {
  return { type: 'medianStopping', ...schedule(json, 'medianStopping') };
}

/**
 * Validates a policy as written in files, on the command line or through ask/tell, and returns it
 * with defaults filled in: evaluationInterval 1 (0 means 1), delayEvaluation 0 (2 for
 * curveBound), excludeFinishedRuns false, minResource 1, reductionFactor 3, gracePeriod 0,
 * slopeFactor 1.25; Hyperband's maxResource has no default. `undefined` or `null` is the default policy, `{"type":"none"}`.
 * Throws InvalidConfigError naming the key, the rule and the value.
 */
export function parsePolicyConfig(json: unknown): PolicyConfig {
  if (json === undefined || json === null) return { type: 'none' };
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw new InvalidConfigError(`policy: must be a JSON object such as {"type":"medianStopping"} (got ${show(json)})`);
  }
  const object = json as Json;
  const type = object.type;
  if (typeof type !== 'string' || !TYPES.includes(type as PolicyType)) {
    throw new InvalidConfigError(`policy: "type" must be one of ${TYPES.join(', ')} (got ${show(type)})`);
  }
  const allowed = KEYS[type as PolicyType];
  for (const key of Object.keys(object)) {
    if (key !== 'type' && !allowed.includes(key)) {
      const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'no settings';
      fail(type, key, `is not a setting of this policy (it takes ${expected})`, object[key]);
    }
  }
  switch (type as PolicyType) {
    case 'bandit':
      return parseBandit(object);
    case 'medianStopping':
      return parseMedian(object);
    case 'truncationSelection':
      return parseTruncation(object);
    case 'asha':
      return parseAsha(object);
    case 'hyperband':
      return parseHyperband(object);
    case 'curveBound':
      return parseCurveBound(object);
    case 'none':
      return { type: 'none' };
  }
}
