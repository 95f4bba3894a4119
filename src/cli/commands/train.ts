/**
 * `tabtune train EXPERIMENT_FILE --params JSON`: trains exactly one run of the experiment's model
 * and dataset with the given parameters, one JSON line per interval on stdout, then a final line.
 * The unit any engine can schedule (integrations/optuna runs it per trial).
 */
import { InvalidConfigError } from '../../core/errors';
import { BACKEND_CHOICES, trainingHyperparameters, type BackendChoice } from '../../core/experiment';
import type { ParamValues } from '../../core/types';
import { CliUsageError, intOption, parseArgs, type Command } from '../command';
import { loadExperiment, type LoadedExperiment } from '../experiment-file';
import { readCheckpointFolder } from '../train/checkpoint-files';
import { StdinLines, parseAwaitedRun, type AwaitedRun } from '../train/stdin-lines';
import { openTrainer, trainOne, type Trainer } from '../train/train-one';
import { TrainOutput } from '../train/train-output';
import { TrainReport, type TrainOutcome } from '../train/train-report';

const help = `Usage: tabtune train EXPERIMENT_FILE --params JSON [--out DIR] [--resume-from CHECKPOINT] [--run N] [--backend B]
       tabtune train EXPERIMENT_FILE --await-run [--backend B]

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
  --backend B            train on backend B (auto, webgpu, webgl, wasm, wasm-fused, cpu) instead of
                         the experiment's: an engine running many runs on one machine measures
                         \`auto\` once (the first run's final line names the backend) and passes it on
  --await-run            start up first (node, tfjs, the dataset, a forced backend), then read the
                         run from the first stdin line: {"params":{...},"out":DIR,"run":N,
                         "resumeFrom":DIR} ("out", "run", "resumeFrom" optional, meaning the options
                         above): an engine starts the process while it still chooses the
                         parameters. The end of stdin before that line exits 0 without training. The
                         final line then also has "awaitedSeconds": how long the started-up
                         process waited for that line.

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

/** The experiment with `--backend` in place of its own backend, when given. */
function withBackend(experiment: LoadedExperiment, backend: string | undefined): LoadedExperiment {
  if (backend === undefined) return experiment;
  if (!BACKEND_CHOICES.includes(backend as BackendChoice)) throw new CliUsageError(`--backend must be one of ${BACKEND_CHOICES.join(', ')} (got "${backend}")`);
  return { ...experiment, config: { ...experiment.config, backend: backend as BackendChoice } };
}

/** The run's options: from the command line, or with --await-run from stdin once the trainer is started. */
async function runOptions(parsed: ReturnType<typeof parseArgs>, input: StdinLines): Promise<AwaitedRun | null> {
  if (!parsed.flags.has('await-run')) {
    const { params, out, run, 'resume-from': resumeFrom } = parsed.options;
    if (params === undefined) throw new CliUsageError('missing required option "--params" (or --await-run)');
    return { params, out, run, resumeFrom };
  }
  const line = await input.first();
  return line === null ? null : parseAwaitedRun(line);
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['params', 'out', 'resume-from', 'run', 'backend'], ['stop-on-eof', 'await-run']);
    if (parsed.positional.length !== 1) throw new CliUsageError(`needs exactly one EXPERIMENT_FILE (got ${parsed.positional.length})`);
    const clash = ['params', 'out', 'run', 'resume-from'].find((name) => parsed.flags.has('await-run') && parsed.options[name] !== undefined);
    if (clash) throw new CliUsageError(`--await-run reads "--${clash}" from stdin: leave it off the command line`);
    const input = new StdinLines(parsed.flags.has('stop-on-eof'));
    try {
      const experiment = withBackend(await loadExperiment(parsed.positional[0], (text) => process.stderr.write(text)), parsed.options.backend);
      const trainer = parsed.flags.has('await-run') ? openTrainer(experiment) : undefined;
      let readyAt: number | null = null;
      void trainer?.ready.then(() => (readyAt = performance.now()));
      const options = await runOptions(parsed, input);
      // How long the started-up process sat idle waiting for its run (the engine's share of the start).
      const awaited: Record<string, number> = trainer ? { awaitedSeconds: readyAt === null ? 0 : (performance.now() - readyAt) / 1000 } : {};
      if (options === null) {
        trainer?.handle.terminate();
        return 0;
      }
      return await trainRun(experiment, options, input, trainer, awaited);
    } finally {
      input.close();
    }
  },
};

/** Trains the run `options` describes, printing its intervals and final line; the exit code. */
async function trainRun(experiment: LoadedExperiment, options: AwaitedRun, input: StdinLines, trainer: Trainer | undefined, extra: Record<string, number>): Promise<number> {
  const params = parseParams(options.params);
  const index = intOption({ positional: [], options: options.run === undefined ? {} : { run: options.run }, flags: new Set() }, 'run', 0, 0, 1_000_000);
  const checkpoint = options.resumeFrom === undefined ? undefined : readCheckpointFolder(options.resumeFrom);
  const out = options.out === undefined ? null : new TrainOutput(options.out, experiment);
  const report = new TrainReport((line) => process.stdout.write(line + '\n'), experiment.config.primaryMetricName, plannedIntervals(experiment, params), checkpoint?.interval ?? 0);
  const best = checkpoint && Number.isFinite(checkpoint.value) ? { best: checkpoint.value } : {};
  const run = trainOne({
    experiment,
    params,
    index,
    ...(trainer ? { trainer } : {}),
    ...(checkpoint ? { resume: { checkpoint, ...best } } : {}),
    onInterval: (log) => report.interval(log),
    onCheckpoint: (c) => {
      report.checkpoint(c);
      out?.checkpoint(c);
    },
  });
  let stopReason: string | null = null;
  input.stopWith((why) => {
    stopReason ??= `stopped: ${why}`;
    run.stop();
  });
  // The engine reading our lines is gone (its pipe closed): stop at the next batch and still
  // write the out folder, instead of dying on an unhandled EPIPE with the run's files half done.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stopReason ??= 'stopped: its reader closed stdout';
    run.stop();
  });
  let outcome: TrainOutcome;
  try {
    outcome = { ok: true, ...(await run.done), stopReason };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const final = report.finish(outcome, extra);
  out?.finish({ index, params, ...final, metrics: report.series });
  // The caller closes stdin only now: a SIGTERM arriving while the final line is written must not kill the process.
  return final.status === 'failed' ? 1 : 0;
}
