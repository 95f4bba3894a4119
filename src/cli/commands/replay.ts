/**
 * `tabtune replay`: what an early-termination policy would have saved on known learning curves.
 * The curves go through the same policy code as a live experiment (src/core/policies/replay.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidConfigError } from '../../core/errors';
import { createPolicy, parsePolicyConfig, POLICY_CATALOG, replay, replayRunsOf, type ReplayRun } from '../../core/policies';
import type { Goal } from '../../core/types';
import { CliUsageError, intOption, parseArgs, requireOption, type Command } from '../command';

const help = `Usage: tabtune replay --curves FILE --policy JSON [--goal maximize|minimize] [--concurrency C]
       tabtune replay --list-policies

Replays known learning curves under an early-termination policy and prints what it would have
stopped: one JSON object per run, {"id","stoppedAt","intervalsRun","reason"} (stoppedAt is the
interval at which the policy stopped the run, or null), then a summary
{"intervalsSaved","bestWithPolicy","bestWithout"} (intervalsSaved is a fraction of all intervals).

Options:
  --curves FILE        the curves, in one of these forms:
                         {"goal":"maximize","runs":[{"id":"a","values":[0.3,0.5,...]}, ...]}
                           (values: the primary metric per interval; "goal" and an optional
                           "primaryMetricName" may be given)
                         {"experiment":{...},"runs":[...]}  an exported experiment: each run has
                           "id" and "metrics": {NAME: [values per interval]}; the primary metric
                           and goal come from experiment.primaryMetricName/primaryMetricGoal
                         a runs.json written by \`tabtune run --out DIR\` (an array of such runs),
                           or DIR itself: experiment.json beside it supplies the metric and goal
                       In an exported experiment a run's curve ends before its first non-number
                       (a failed run) and runs that never logged the primary metric are skipped.
  --policy JSON        the policy as in an experiment file, e.g.
                       '{"type":"curveBound"}', '{"type":"asha","minResource":1,"reductionFactor":3}',
                       '{"type":"hyperband","maxResource":52}',
                       '{"type":"medianStopping","evaluationInterval":1,"delayEvaluation":5}'
  --list-policies      print one JSON line per policy type, {"type","defaults","summary"} (and
                       "required" settings; tabtune's own policy is marked "recommended": true)
  --goal GOAL          maximize or minimize; overrides the goal in FILE (needed if FILE has none)
  --concurrency C      runs at once, 1..1000 (default 1). Runs start in file order, each interval
                       takes one time step, and at equal times the earlier run logs first.
                       A run is compared with what the others logged up to the same interval,
                       so C changes decisions only through excludeFinishedRuns (and for
                       curveBound, which reads how far the others got).

Exit codes: 0 ok, 2 bad input, 1 anything else.

Example:
  tabtune replay --curves curves.json --policy '{"type":"bandit","slackFactor":0.2,"delayEvaluation":5}'`;

/** Curves with what the file says about the metric and the goal. */
interface Curves {
  readonly runs: ReplayRun[];
  readonly goal?: unknown;
  readonly metricName?: string;
}

function bad(message: string): never {
  throw new InvalidConfigError(`--curves: ${message}`);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    bad(`cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    bad(`"${path}" is not valid JSON (${(error as Error).message})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function runId(run: Record<string, unknown>, index: number): string {
  const id = run.id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  bad(`run ${index + 1}: "id" must be a non-empty string (got ${JSON.stringify(id)})`);
}

/** Plain curves: every value a finite number, at least one per run. */
function plainRuns(list: unknown): ReplayRun[] {
  if (!Array.isArray(list)) bad(`"runs" must be an array (got ${JSON.stringify(list)?.slice(0, 60)})`);
  return list.map((run, index) => {
    if (!isObject(run)) bad(`run ${index + 1} must be an object with "id" and "values"`);
    const id = runId(run, index);
    const values = run.values;
    const ok = Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!ok) bad(`run "${id}": "values" must be a non-empty array of finite numbers`);
    return { id, values: values as number[] };
  });
}

/** Exported runs: the primary metric's series, cut before its first non-number (core's rule). */
function exportedRuns(list: unknown[], metricName: string): ReplayRun[] {
  const checked = list.map((run, index) => {
    if (!isObject(run)) bad(`run ${index + 1} must be an object with "id" and "metrics"`);
    const id = runId(run, index);
    const metrics = run.metrics;
    if (!isObject(metrics)) bad(`run "${id}": "metrics" must be an object of series`);
    if (!Array.isArray(metrics[metricName] ?? [])) bad(`run "${id}": metrics.${metricName} must be an array`);
    return { id, metrics: metrics as Record<string, unknown[]> };
  });
  return replayRunsOf(checked, metricName);
}

/** The primary metric of runs without an experiment: the one metric every run logged. */
function soleMetric(list: unknown[]): string {
  const names = new Set<string>();
  for (const run of list) if (isObject(run) && isObject(run.metrics)) Object.keys(run.metrics).forEach((n) => names.add(n));
  if (names.size === 1) return [...names][0];
  bad(`cannot tell the primary metric among ${JSON.stringify([...names])}: use {"experiment":{"primaryMetricName":...},"runs":[...]} or keep experiment.json beside runs.json`);
}

function fromExperiment(experiment: unknown, list: unknown[]): Curves {
  const exp = isObject(experiment) ? experiment : {};
  const name = exp.primaryMetricName;
  const metricName = typeof name === 'string' && name !== '' ? name : soleMetric(list);
  return { runs: exportedRuns(list, metricName), goal: exp.primaryMetricGoal, metricName };
}

/** Reads FILE in any of the accepted forms. */
function readCurves(path: string): Curves {
  let file = path;
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) file = join(path, 'runs.json');
  const json = readJson(file);
  if (Array.isArray(json)) {
    const sibling = join(dirname(file), 'experiment.json');
    const experiment = statSync(sibling, { throwIfNoEntry: false })?.isFile() ? readJson(sibling) : undefined;
    return fromExperiment(experiment, json);
  }
  if (!isObject(json)) bad(`"${file}" must hold an object with "runs" or an array of runs`);
  if (json.experiment !== undefined) {
    if (!Array.isArray(json.runs)) bad('"runs" must be an array of runs');
    return fromExperiment(json.experiment, json.runs);
  }
  const metricName = typeof json.primaryMetricName === 'string' ? json.primaryMetricName : undefined;
  return { runs: plainRuns(json.runs), goal: json.goal ?? json.primaryMetricGoal, metricName };
}

function resolveGoal(flag: string | undefined, fromFile: unknown): Goal {
  if (flag !== undefined) {
    if (flag !== 'maximize' && flag !== 'minimize') throw new CliUsageError(`option "--goal" must be maximize or minimize (got ${JSON.stringify(flag)})`);
    return flag;
  }
  if (fromFile === 'maximize' || fromFile === 'minimize') return fromFile;
  if (fromFile === undefined) bad('the file names no goal: pass --goal maximize or --goal minimize');
  bad(`"goal" must be maximize or minimize (got ${JSON.stringify(fromFile)})`);
}

function readPolicy(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`--policy: not valid JSON (${(error as Error).message}): ${text}`);
  }
}

function checkUniqueIds(runs: readonly ReplayRun[]): void {
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.id)) bad(`run id "${run.id}" appears twice`);
    seen.add(run.id);
  }
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['curves', 'policy', 'goal', 'concurrency'], ['list-policies']);
    if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
    if (parsed.flags.has('list-policies')) {
      process.stdout.write(POLICY_CATALOG.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
      return 0;
    }
    const config = parsePolicyConfig(readPolicy(requireOption(parsed, 'policy')));
    const curves = readCurves(requireOption(parsed, 'curves'));
    const goal = resolveGoal(parsed.options.goal, curves.goal);
    const concurrency = intOption(parsed, 'concurrency', 1, 1, 1000);
    if (curves.runs.length === 0) bad('no run has an interval to replay');
    checkUniqueIds(curves.runs);
    const policy = createPolicy(config, curves.metricName ?? 'metric');
    const result = replay({ runs: curves.runs, goal, policy, concurrency });
    const lines = [...result.runs, result.summary].map((line) => JSON.stringify(line));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
