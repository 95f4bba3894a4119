/**
 * `tabtune inspect EXPERIMENT_FILE`: the experiment file as it will run (every default filled in
 * for its dataset's task) and its parameter space parsed, as one JSON object. What an outside
 * engine reads before it schedules `tabtune train` runs (integrations/optuna does).
 */
import { experimentSpace } from '../../core/experiment';
import { CliUsageError, parseArgs, type Command } from '../command';
import { loadExperiment } from '../experiment-file';

const help = `Usage: tabtune inspect EXPERIMENT_FILE

Loads the experiment file and its dataset and prints one JSON object:
  {"config": <the experiment file with every default filled in>,
   "space": [{"name": "learning_rate", "expression": {"type": "loguniform", "low": -9, "high": -2}}, ...],
   "task": "classification|regression", "trainRows": N, "validRows": N}
Expressions are the SPEC's (log bounds are natural-log exponents).

Exit codes: 0 ok, 2 bad file or dataset, 1 anything else.

Example:
  $ tabtune inspect digits.json`;

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, []);
    if (parsed.positional.length !== 1) throw new CliUsageError(`needs exactly one EXPERIMENT_FILE (got ${parsed.positional.length})`);
    const { config, dataset } = await loadExperiment(parsed.positional[0], (text) => process.stderr.write(text));
    const space = experimentSpace(config).parameters;
    const json = { config, space, task: dataset.encoding.task, trainRows: dataset.trainY.length, validRows: dataset.validY.length };
    process.stdout.write(JSON.stringify(json) + '\n');
    return 0;
  },
};
