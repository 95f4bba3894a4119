/**
 * Validation of ask/tell requests: each op's keys and value types, with errors that name the key,
 * the rule and the value (SPEC style). Produces typed requests; knows nothing of the engine state.
 */
import { InvalidConfigError } from '../../errors';
import type { Goal, SamplingType } from '../../types';

/** One request line, validated. */
export type Request =
  | {
      readonly op: 'create';
      readonly space: unknown;
      readonly sampling: SamplingType;
      readonly goal: Goal;
      readonly seed: number;
      readonly policy: unknown;
      readonly metric: string;
    }
  | { readonly op: 'ask' }
  | { readonly op: 'tell'; readonly run: number; readonly value?: number; readonly status: 'completed' | 'failed' }
  | { readonly op: 'report'; readonly run: number; readonly value: number }
  | { readonly op: 'best' };

type Op = Request['op'];

const KEYS: Record<Op, readonly string[]> = {
  create: ['space', 'sampling', 'goal', 'seed', 'policy', 'metric'],
  ask: [],
  tell: ['run', 'value', 'status'],
  report: ['run', 'value'],
  best: [],
};

function fail(op: string, key: string, rule: string, value: unknown): never {
  throw new InvalidConfigError(`${op}: "${key}" ${rule} (got ${JSON.stringify(value) ?? String(value)})`);
}

function oneOf<T extends string>(op: string, json: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = json[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(op, key, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  }
  return value as T;
}

function runId(op: string, json: Record<string, unknown>): number {
  const run = json.run;
  if (typeof run !== 'number' || !Number.isInteger(run) || run < 0) fail(op, 'run', 'must be a run number from ask', run);
  return run;
}

function finite(op: string, json: Record<string, unknown>, key: string): number | undefined {
  const value = json[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(op, key, 'must be a finite number', value);
  return value;
}

function parseCreate(json: Record<string, unknown>): Request {
  if (json.space === undefined) throw new InvalidConfigError('create: "space" is required (text or JSON)');
  const seed = finite('create', json, 'seed') ?? 0;
  if (!Number.isInteger(seed)) fail('create', 'seed', 'must be an integer', seed);
  const metric = json.metric ?? 'value';
  if (typeof metric !== 'string' || metric === '') fail('create', 'metric', 'must be a non-empty string', metric);
  return {
    op: 'create',
    space: json.space,
    sampling: oneOf('create', json, 'sampling', ['random', 'grid', 'bayesian'] as const, 'random'),
    goal: oneOf('create', json, 'goal', ['minimize', 'maximize'] as const, 'minimize'),
    seed,
    policy: json.policy ?? { type: 'none' },
    metric,
  };
}

/** The validated request of one parsed JSON line; InvalidConfigError naming what is wrong. */
export function parseRequest(json: unknown): Request {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidConfigError(`a request must be a JSON object with "op" (got ${JSON.stringify(json)})`);
  }
  const body = json as Record<string, unknown>;
  const op = body.op;
  if (typeof op !== 'string' || !(op in KEYS)) {
    throw new InvalidConfigError(`"op" must be one of ${Object.keys(KEYS).join(', ')} (got ${JSON.stringify(op) ?? 'nothing'})`);
  }
  const unknown = Object.keys(body).filter((k) => k !== 'op' && !KEYS[op as Op].includes(k));
  if (unknown.length > 0) fail(op, unknown[0], `is not a key of "${op}" (allowed: ${KEYS[op as Op].join(', ') || 'none'})`, body[unknown[0]]);
  switch (op as Op) {
    case 'create':
      return parseCreate(body);
    case 'ask':
      return { op: 'ask' };
    case 'best':
      return { op: 'best' };
    case 'tell': {
      const status = oneOf('tell', body, 'status', ['completed', 'failed'] as const, 'completed');
      const value = finite('tell', body, 'value');
      if (status === 'failed' && value !== undefined) fail('tell', 'value', 'must be absent for a failed run', value);
      return { op: 'tell', run: runId('tell', body), status, value };
    }
    case 'report': {
      const value = finite('report', body, 'value');
      if (value === undefined) throw new InvalidConfigError('report: "value" is required (a finite number)');
      return { op: 'report', run: runId('report', body), value };
    }
  }
}
