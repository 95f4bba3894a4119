/**
 * Optuna's own sampler and pruner instead of tabtune's (journal storage): the space maps to
 * Optuna distributions exactly, so Optuna records every parameter with its law, and the workers
 * still run exactly maxTotalRuns runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON } from './support/postgres';
import { digitsExperiment, INTEGRATION, runIntegration } from './support/workers';

const dir = mkdtempSync(join(tmpdir(), 'tabtune-own-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The study's trials as Optuna sees them: state, params and their distributions. */
function optunaTrials(storage: string, study: string): { state: string; params: Record<string, unknown>; distributions: Record<string, string> }[] {
  const code = `
import sys, json, warnings
sys.path.insert(0, sys.argv[3]); warnings.filterwarnings("ignore")
import optuna
from storage import open_storage
s = optuna.load_study(study_name=sys.argv[2], storage=open_storage(sys.argv[1]))
print(json.dumps([{"state": t.state.name, "params": t.params, "distributions": {k: repr(d) for k, d in t.distributions.items()}} for t in s.trials]))`;
  const done = spawnSync(PYTHON, ['-c', code, storage, study, INTEGRATION], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout);
}

describe("Optuna's own sampler and pruner", () => {
  it('run the experiment with the space as Optuna distributions', { timeout: 120_000 }, () => {
    const file = digitsExperiment(dir, 'digits-tpe', { maxTotalRuns: 2, model: { family: 'mlp', hyperparameters: { epochs: 2, units: 8 } }, space: '{"learning_rate": loguniform(-7, -3), "units": choice(8, 16), "number_of_hidden_layers": randint(3)}' });
    const storage = `journal:${join(dir, 'tpe.journal')}`;
    const ran = runIntegration(['worker', file, '--storage', storage, '--study', 'tpe', '--out', join(dir, 'runs'), '--sampler', 'tpe', '--pruner', 'median']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('study tpe: 2 of 2 runs finished (maxTotalRuns (2) reached); this worker ran 2');
    const trials = optunaTrials(storage, 'tpe');
    expect(trials.map((t) => t.state).sort()).toEqual(['COMPLETE', 'COMPLETE']);
    for (const t of trials) {
      expect(t.distributions).toEqual({
        learning_rate: `FloatDistribution(high=${Math.exp(-3)}, log=True, low=${Math.exp(-7)}, step=None)`,
        units: 'CategoricalDistribution(choices=(8, 16))',
        number_of_hidden_layers: 'IntDistribution(high=2, log=False, low=0, step=1)',
      });
      expect([8, 16]).toContain(t.params.units);
    }
  });
});
