import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../../src/core/experiment';
import { manyMachinesCommands, manyMachinesFiles } from '../../../src/ui/state/many-machines';

const experiment = parseExperimentConfig({
  name: 'digits mlp',
  dataset: { source: 'demo:digits' },
  space: '{"learning_rate": loguniform(-9, -2)}',
  maxTotalRuns: 40,
});

/** The arguments of the command line starting with `start`. */
function argsOf(text: string, start: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(start));
  expect(line, start).toBeDefined();
  return (line as string).split(' ');
}

describe('Run on many machines', () => {
  it('packs the experiment file as it runs and the worker and export commands naming it', () => {
    const files = manyMachinesFiles(experiment);
    expect(Object.keys(files)).toEqual(['digits-mlp.json', 'commands.txt']);
    expect(parseExperimentConfig(JSON.parse(files['digits-mlp.json']))).toEqual(experiment);
    const commands = files['commands.txt'];
    expect(commands).toContain('Run "digits mlp" (40 runs) on many machines');
    const worker = argsOf(commands, '/usr/bin/python3 integrations/optuna/tabtune_optuna.py worker');
    expect(worker.slice(3)).toEqual(['digits-mlp.json', '--storage', 'postgresql://tabtune:PASSWORD@DB-HOST:5432/tabtune', '--study', 'digits-mlp', '--out', '/shared/digits-mlp']);
    const exporting = argsOf(commands, '/usr/bin/python3 integrations/optuna/tabtune_optuna.py export');
    expect(exporting.slice(3)).toEqual(['--storage', 'postgresql://tabtune:PASSWORD@DB-HOST:5432/tabtune', '--study', 'digits-mlp', '--out', 'digits-mlp.tabtune.json', '--runs-dir', '/shared/digits-mlp']);
    // A demo dataset travels with tabtune: no note about it.
    expect(commands).not.toContain('# The dataset');
  });

  it('says what to do with a dataset that lives in the browser or on disk', () => {
    const uploaded = manyMachinesCommands({ ...experiment, dataset: { source: 'upload:houses.csv', target: 'price' } }, 'houses.json');
    expect(uploaded).toContain('# The dataset (upload:houses.csv) lives in this browser: save it as a CSV');
    const onDisk = manyMachinesCommands({ ...experiment, dataset: { source: 'file:data/houses.csv' } }, 'houses.json');
    expect(onDisk).toContain('# The dataset is read from "file:data/houses.csv" relative to houses.json: put it there on every machine.');
  });
});
