/**
 * `npm run bench -- scheduler`: the cost of the scheduler's own bookkeeping per event as an
 * experiment grows. A scripted experiment of 1000 runs with 8 workers, each run logging four
 * metrics per interval for up to 20 intervals, goes through the pure `step` with the random
 * sampler (so the sampler costs next to nothing) and each policy that compares with the cohort.
 * It prints the mean time per event while the experiment has 0-100, 400-500 and 900-1000 runs,
 * and the ratio of the last to the first: about 1 when an event costs the same however many runs
 * there are, far above 1 when each event walks every run.
 *
 *   npx tsx tests/bench/scheduler.ts [runs, default 1000]
 */
import { createPolicy, type PolicyConfig } from '../../src/core/policies';
import { createRng } from '../../src/core/rng';
import { createRandomSampler } from '../../src/core/sampling';
import { createScheduler, type SchedulerCommand, type SchedulerEvent, type SchedulerState } from '../../src/core/scheduler';
import type { Space } from '../../src/core/space';

const RUNS = Number(process.argv[2] ?? 1000);
const WORKERS = 8;
const INTERVALS = 20;
const METRICS = ['loss', 'accuracy', 'val_loss'];
const PRIMARY = 'val_accuracy';
const WINDOWS: readonly (readonly [number, number])[] = [
  [0, Math.round(RUNS / 10)],
  [Math.round(RUNS * 0.4), Math.round(RUNS / 2)],
  [Math.round(RUNS * 0.9), RUNS],
];

const space: Space = {
  parameters: [
    { name: 'lr', expression: { type: 'loguniform', low: -9, high: -1 } },
    { name: 'units', expression: { type: 'choice', values: [16, 32, 64, 128] } },
  ],
};

const POLICIES: readonly PolicyConfig[] = [
  { type: 'none' },
  { type: 'medianStopping', delayEvaluation: 5 },
  { type: 'truncationSelection', truncationPercentage: 20, delayEvaluation: 5 },
  { type: 'bandit', slackFactor: 0.1, delayEvaluation: 5 },
];

/** A learning curve: each run's accuracy rises towards a ceiling set by its index, with noise. */
function accuracy(runIndex: number, interval: number, rng: ReturnType<typeof createRng>): number {
  const ceiling = 0.6 + 0.35 * ((runIndex * 0.618) % 1);
  return ceiling * (1 - Math.exp(-interval / 4)) + 0.01 * rng.normal();
}

interface Active {
  readonly runId: string;
  readonly index: number;
  readonly workerId: string;
  interval: number;
  stop: boolean;
}

/** Runs one experiment; returns the time of each event (ms) with the run count when it was sent. */
function experiment(policyConfig: PolicyConfig): { at: number[]; ms: number[] } {
  const scheduler = createScheduler({ space, sampler: createRandomSampler(), policy: createPolicy(policyConfig, PRIMARY) });
  let state: SchedulerState = scheduler.init({ experimentId: 'bench', primaryMetricName: PRIMARY, goal: 'maximize', seed: 1, maxTotalRuns: RUNS });
  const active = new Map<string, Active>();
  const rng = createRng(2, 0);
  const at: number[] = [];
  const ms: number[] = [];
  let clock = 0;
  const send = (event: SchedulerEvent): void => {
    const runs = state.runs.length;
    const start = performance.now();
    const [next, commands] = scheduler.step(state, event);
    ms.push(performance.now() - start);
    at.push(runs);
    state = next;
    commands.forEach(handle);
  };
  const handle = (command: SchedulerCommand): void => {
    if (command.type === 'startRun') active.set(command.runId, { runId: command.runId, index: command.index, workerId: command.workerId, interval: 0, stop: false });
    if (command.type === 'stopRun') {
      const run = active.get(command.runId);
      if (run) run.stop = true;
    }
  };
  send({ type: 'start', at: clock });
  for (let w = 0; w < WORKERS; w++) send({ type: 'workerFree', workerId: `w${w}`, at: clock });
  while (state.endedAt === undefined && active.size > 0) {
    for (const run of [...active.values()]) {
      clock += 10;
      if (run.interval === 0) send({ type: 'runStarted', runId: run.runId, at: clock });
      if (run.stop || run.interval === INTERVALS) {
        active.delete(run.runId);
        send({ type: 'runFinished', runId: run.runId, at: clock });
        continue;
      }
      run.interval++;
      for (const name of METRICS) send({ type: 'runLogged', runId: run.runId, name, value: rng.next(), at: clock });
      send({ type: 'runLogged', runId: run.runId, name: PRIMARY, value: accuracy(run.index, run.interval, rng), at: clock });
    }
  }
  return { at, ms };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

console.log(`scheduler bench: ${RUNS} runs, ${WORKERS} workers, ${INTERVALS} intervals of ${METRICS.length + 1} metrics, random sampler`);
console.log('mean time per event (microseconds) while the experiment has this many runs; ratio = last window / first');
console.log(['policy'.padEnd(20), ...WINDOWS.map(([a, b]) => `${a}-${b}`.padStart(10)), 'ratio'.padStart(8), 'events'.padStart(8), 'total ms'.padStart(10)].join(''));
experiment({ type: 'none' }); // warm-up: the first experiment also pays for compilation
for (const policy of POLICIES) {
  const { at, ms } = experiment(policy);
  const means = WINDOWS.map(([a, b]) => mean(ms.filter((_, i) => at[i] >= a && at[i] < b)) * 1000);
  const total = ms.reduce((s, v) => s + v, 0);
  const row = [policy.type.padEnd(20), ...means.map((m) => m.toFixed(1).padStart(10)), (means[2] / means[0]).toFixed(1).padStart(8), String(ms.length).padStart(8), total.toFixed(0).padStart(10)];
  console.log(row.join(''));
}
