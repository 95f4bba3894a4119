/**
 * Samplers with a model are asked by command: the step emits `suggest` and `fit` with the history
 * they need and starts runs when `suggested` comes back; a free worker never waits for a fit.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { createBayesianSampler } from '../../../src/core/sampling';
import { answer, type SamplerCommand, type SchedulerCommand, type SchedulerEvent } from '../../../src/core/scheduler';
import { config, Driver, space, startWith } from './harness';

const bayesian = createBayesianSampler();
const asked = (commands: readonly SchedulerCommand[]) => commands.filter((c): c is SamplerCommand => c.type === 'suggest' || c.type === 'fit');
const reply = (command: SamplerCommand, at = 0): SchedulerEvent => answer(bayesian, space, command, at);

/** Finishes run `id` with one log of `value` and frees its worker. */
function finish(driver: Driver, id: string, value: number): SchedulerCommand[] {
  const workerId = driver.run(id).workerId!;
  return driver.actions(
    { type: 'runStarted', runId: id, at: 0 },
    { type: 'runLogged', runId: id, name: 'val_accuracy', value, at: 0 },
    { type: 'runFinished', runId: id, at: 0 },
    { type: 'workerFree', workerId, at: 0 },
  );
}

/** A sequential experiment answered at once; `answerFits` false leaves every fit unanswered. */
function sequential(runs: number, answerFits: boolean): { driver: Driver; log: SchedulerCommand[] } {
  const driver = new Driver(config({ maxTotalRuns: runs }), bayesian);
  const log: SchedulerCommand[] = [];
  let pending = asked(startWith(driver, 1));
  for (let k = 0; pending.length > 0 || k < runs; k++) {
    const next: SchedulerCommand[] = [];
    for (const command of pending) {
      if (command.type === 'fit' && !answerFits) continue;
      log.push(command);
      next.push(...driver.actions(reply(command)));
    }
    const started = next.find((c) => c.type === 'startRun');
    if (started?.type === 'startRun') next.push(...finish(driver, started.runId, Math.sin(7 * (started.params.lr as number))));
    pending = asked(next);
    if (pending.length === 0) break;
  }
  return { driver, log };
}

describe('a sampler with a model, asked by command', () => {
  it('asks for one batch at a time, for the idle workers, and starts the runs when it is answered', () => {
    const driver = new Driver(config({ maxTotalRuns: 6 }), bayesian);
    const commands = startWith(driver, 3);
    expect(commands.map((c) => c.type)).toEqual(['suggest']);
    const [first] = asked(commands);
    // maxTotalRuns too: the Bayesian sampler's endgame is the experiment's last quarter.
    expect(first).toMatchObject({ type: 'suggest', batch: { index: 0, count: 1, seed: 7, maxTotalRuns: 6, history: [], pending: [] } });
    const second = driver.actions(reply(first));
    expect(second.map((c) => c.type)).toEqual(['startRun', 'suggest']);
    expect(asked(second)[0]).toMatchObject({ batch: { index: 1, count: 2, pending: [driver.run('exp_0').params] } });
    expect(driver.actions({ type: 'workerFree', workerId: 'w9', at: 0 })).toEqual([]);
    const third = driver.actions(reply(asked(second)[0]));
    expect(third.map((c) => c.type === 'startRun' && [c.runId, c.workerId])).toEqual([['exp_1', 'w1'], ['exp_2', 'w2'], false]);
    expect(asked(third)[0]).toMatchObject({ batch: { index: 3, count: 1 } });
  });

  it('a batch gives what one-by-one suggestions would', () => {
    const driver = new Driver(config({ maxTotalRuns: 3 }), bayesian);
    driver.actions({ type: 'start', at: 0 });
    const [suggest] = asked(driver.actions(...['w0', 'w1', 'w2'].map((workerId): SchedulerEvent => ({ type: 'workerFree', workerId, at: 0 }))));
    expect(suggest).toMatchObject({ batch: { count: 1 } });
    driver.actions(reply({ ...suggest, batch: { ...(suggest as Extract<SamplerCommand, { type: 'suggest' }>).batch, count: 3 } } as SamplerCommand));
    const pending: Record<string, unknown>[] = [];
    for (let index = 0; index < 3; index++) {
      const params = bayesian.suggest({ space, goal: 'maximize', history: [], pending: pending as never, index }, createRng(7, index));
      pending.push(params!);
    }
    expect(driver.state.runs.map((r) => r.params)).toEqual(pending);
  });

  it('the same events give the same commands, and fits are asked for apart from suggestions', () => {
    const a = sequential(14, true);
    const b = sequential(14, true);
    expect(a.log).toEqual(b.log);
    expect(a.driver.state.status).toBe('completed');
    const fits = a.log.filter((c) => c.type === 'fit');
    expect(fits.length).toBeGreaterThan(3);
    const suggests = a.log.filter((c): c is Extract<SchedulerCommand, { type: 'suggest' }> => c.type === 'suggest');
    expect(suggests.at(-1)?.batch.fitted?.size).toBeGreaterThanOrEqual(5);
  });

  it('a free worker gets a suggestion while a fit is outstanding (it uses the fit it has)', () => {
    const { driver, log } = sequential(12, false);
    expect(driver.state.status).toBe('completed');
    expect(driver.state.runs).toHaveLength(12);
    expect(log.every((c) => c.type !== 'suggest' || c.batch.fitted === undefined)).toBe(true);
    expect(driver.state.fitting).toBe(5);
  });

  it('ignores an answer to a batch it no longer waits for; a failed answer fails the experiment', () => {
    const driver = new Driver(config({ maxTotalRuns: 4 }), bayesian);
    startWith(driver, 1);
    expect(driver.actions({ type: 'suggested', index: 3, params: [{ lr: 0.5 }], at: 0 })).toEqual([]);
    const out = driver.actions({ type: 'suggested', index: 0, params: [], error: 'Cholesky failed', at: 1 });
    expect(out.map((c) => c.type)).toEqual(['finishExperiment']);
    expect(driver.state).toMatchObject({ status: 'failed', reason: 'sampling failed: Cholesky failed' });
  });
});
