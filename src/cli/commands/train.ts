/**
 * `tabtune train EXPERIMENT_FILE --params JSON`: trains exactly one run of the experiment's model
 * and dataset with the given parameters, one JSON line per interval on stdout, then a final line.
 * The unit any engine can schedule (integrations/optuna runs it per trial).
 */
import { createInterface } from 'node:readline';
import { InvalidConfigError } from '../../core/errors';
import { trainingHyperparameters } from '../../core/experiment';
import type { ParamValues } from '../../core/types';
import { CliUsageError, intOption, parseArgs, type Command } from '../command';
import { loadExperiment, type LoadedExperiment } from '../experiment-file';
import { readCheckpointFolder } from '../train/checkpoint-files';
import { trainOne } from '../train/train-one';
import { TrainOutput } from '../train/train-output';
import { TrainReport, type TrainOutcome } from '../train/train-report';

const help = `Usage: tabtune train EXPERIMENT_FILE --params JSON [--out DIR] [--resume-from CHECKPOINT] [--run N]

Trains exactly one run of the experiment's model on its dataset with the parameters JSON (the
values a run of the experiment would get; hyperparameters it leaves out take the experiment's
"model.hyperparameters", then the defaults), in one worker thread with the same training code,
seed rule and backend choice as \`tabtune run\`. Prints on stdout one line per interval
  {"interval":1,"metrics":{"loss":0.61,"accuracy":0.83,"val_loss":0.52,"val_accuracy":0.86}}
(the line of the last interval the parameters ask for, their epochs, also has "last":true)
then one final line
  {"done":true,"status":"completed|stopped|failed","reason":...,"intervals":8,
   "best":{"value":0.97,"interval":7},"backend":"wasm","fitSeconds":3.1,"samplesPerSecond":...}
Non-finite metric values print as null. A line "stop" on stdin, or SIGTERM, ends training at the
next batch boundary (status "stopped"); so does the end of stdin when --stop-on-eof is given.

Options:
  --params JSON          the run's parameter values, e.g. '{"learning_rate":0.01,"units":64}'
  --out DIR              write the run's best checkpoint and export files: DIR/model.json and
                         DIR/weights.bin (tfjs layers model of the best interval), DIR/run.json
                         (parameters, every metric per interval, outcome), DIR/preprocessing.json
                         (raw row -> input), DIR/checkpoint.json (+ optimizer.bin); and the latest
                         interval's checkpoint in DIR/last/ (the one before in DIR/previous/)
  --resume-from DIR      continue from a checkpoint folder written by --out (DIR or DIR/last):
                         intervals go on from the checkpoint's interval + 1
  --run N                the run number, 0..1000000 (default 0): weights are initialised with the
                         seed run N of \`tabtune run\` gets

Exit codes: 0 completed or stopped, 1 the run failed, 2 bad input.

Example:
  $ tabtune train digits.json --params '{"learning_rate":0.005}' --out runs/0`;

function parseParams(text: string | undefined): ParamValues {
  if (text === undefined) throw new CliUsageError('missing required option "--params"');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`--params: not valid JSON (${(error as Error).message}): ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidConfigError(`--params: must be a JSON object of parameter values (got ${text})`);
  for (const [name, v] of Object.entries(value)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) throw new InvalidConfigError(`--params: "${name}" must be a number, string or boolean (got ${JSON.stringify(v)})`);
  }
  return value as ParamValues;
}

/** The epochs the run's parameters ask for (one interval each), or null when they are invalid (the run fails). */
function plannedIntervals(experiment: LoadedExperiment, params: ParamValues): number | null {
  try {
    return trainingHyperparameters(params, experiment.config.model.hyperparameters).epochs;
  } catch {
    // Invalid values fail the run in the worker, with the message; no interval is then last.
    return null;
  }
}

/** Stops the run on a "stop" line or SIGTERM; returns what to undo and why it stopped. */
function stopSignals(stop: (why: string) => void, stopOnEof: boolean): () => void {
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGTERM', onTerm);
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line.trim() === 'stop') stop('"stop" on stdin');
  });
  lines.on('close', () => {
    if (stopOnEof) stop('end of stdin');
  });
  return () => {
    process.off('SIGTERM', onTerm);
    lines.close();
    process.stdin.destroy();
  };
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['params', 'out', 'resume-from', 'run'], ['stop-on-eof']);
    if (parsed.positional.length !== 1) throw new CliUsageError(`needs exactly one EXPERIMENT_FILE (got ${parsed.positional.length})`);
    const params = parseParams(parsed.options.params);
    const index = intOption(parsed, 'run', 0, 0, 1_000_000);
    const resumeFrom = parsed.options['resume-from'];
    const checkpoint = resumeFrom === undefined ? undefined : readCheckpointFolder(resumeFrom);
    const experiment = await loadExperiment(parsed.positional[0], (text) => process.stderr.write(text));
    const out = parsed.options.out === undefined ? null : new TrainOutput(parsed.options.out, experiment);
    const report = new TrainReport((line) => process.stdout.write(line + '\n'), experiment.config.primaryMetricName, plannedIntervals(experiment, params), checkpoint?.interval ?? 0);
    const best = checkpoint && Number.isFinite(checkpoint.value) ? { best: checkpoint.value } : {};
    const run = trainOne({
      experiment,
      params,
      index,
      ...(checkpoint ? { resume: { checkpoint, ...best } } : {}),
      onInterval: (log) => report.interval(log),
      onCheckpoint: (c) => {
        report.checkpoint(c);
        out?.checkpoint(c);
      },
    });
    let stopReason: string | null = null;
    const release = stopSignals((why) => {
      stopReason ??= `stopped: ${why}`;
      run.stop();
    }, parsed.flags.has('stop-on-eof'));
    let outcome: TrainOutcome;
    try {
      outcome = { ok: true, ...(await run.done), stopReason };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const final = report.finish(outcome);
    out?.finish({ index, params, ...final, metrics: report.series });
    // Only now: a SIGTERM arriving while the final line is written must not kill the process.
    release();
    return final.status === 'failed' ? 1 : 0;
  },
};
