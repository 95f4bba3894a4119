/**
 * `tabtune run FILE [--out DIR]`: runs a whole experiment in Node with the page's scheduler and
 * training code (worker_threads, tfjs wasm, wasm-fused or cpu), shows progress, prints the best run and writes
 * the results (SPEC section 11). Exit 0 when the experiment completed or was stopped by its limits,
 * 2 for a bad file, 1 for anything else.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { imageSummaryLines, preprocessingJson, type EncodedDataset } from '../../core/data';
import { importanceJson, importanceLine, parameterImportance, scoredRuns, type ImportanceResult } from '../../core/analysis';
import { InvalidConfigError } from '../../core/errors';
import { experimentSpace, parseExperimentConfig, trainingHyperparameters, type ExperimentConfig } from '../../core/experiment';
import type { RunRecord, SchedulerState } from '../../core/scheduler';
import { defaultPoolSize, ExperimentHost, nodeWorkerSpawner, schedulerDepsOf, type HostSnapshot } from '../../runtime/node';
import { endLine, headerLine, paramsText, runLine, startLine } from '../../runtime/progress-text';
import { bestRunJson, bestRunOf, modelJson, runsJson } from '../../runtime/results';
import { checkBaseModel } from '../base-model-check';
import { readExperimentText } from '../experiment-file';
import { CliUsageError, intOption, parseArgs, type Command } from '../command';
import { loadDatasetSpec } from '../data-file';
import { modelReaders } from '../model-files';
import { readResumeSource } from '../resume-source';
import { warmStartFromFolders, warmStartText } from '../warm-start';

const help = `Usage: tabtune run FILE [--out DIR] [--workers N]
       tabtune run --resume FILE_OR_DIR [--out DIR] [--workers N]

Runs the experiment described by FILE (the experiment file of the page, SPEC section 11) in
Node worker threads with the same scheduler, sampling, policies and training code as the page.
Shows progress bars on a terminal (one line per run event otherwise, on stderr), prints the
best run, and writes:
  DIR/experiment.json   the file as run, every default filled in
  DIR/runs.json         every run: id, parameters, status, reason, backend, duration, metrics
  DIR/summary.json      experiment status and reason, backend (and its calibration), best run
  DIR/importance.json   each parameter's share of the primary metric's variance (fANOVA on a
                        random forest over the scored runs), or why there is none
  DIR/best/             the best run's model.json + weights.bin (tfjs layers format),
                        run.json (parameters, metrics) and preprocessing.json (raw row -> input)

Options:
  --out DIR      results folder (default: tabtune-results/<experiment name>)
  --workers N    training threads (default: the machine's cores, 1..16)
  --resume PATH  continue an interrupted or canceled experiment: an experiment file exported
                 from the page, or the results folder of an earlier tabtune run. Its ended runs
                 are kept; runs it cut short continue with the same parameters (from their last
                 checkpoint when the export has one) and new runs fill up to maxTotalRuns.

Paths in "dataset": {"source": "file:PATH"}, "model.module", "model.file" and "resumeFrom" are
relative to FILE's folder.
Backends in Node: wasm and cpu ("auto" measures both and picks the faster).
Ctrl-C cancels the experiment (runs in flight end as canceled; results are still written).

Exit codes: 0 completed or stopped by its limits, 2 bad file, 1 anything else.

Example:
  $ tabtune run iris.json --out results/iris`;

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'experiment';
}

/** Progress on stderr: redrawn bars on a TTY, one line per run start and end otherwise. */
class Progress {
  private drawn = 0;
  private lastDraw = 0;
  private readonly started = new Set<string>();
  private readonly ended = new Set<string>();

  constructor(
    private readonly config: ExperimentConfig,
    private readonly tty: boolean,
  ) {}

  update(snapshot: HostSnapshot, force = false): void {
    const { state } = snapshot;
    const lines: string[] = [];
    for (const run of state.runs) {
      if (!this.tty && run.status === 'running' && !this.started.has(run.id)) {
        this.started.add(run.id);
        lines.push(startLine(run));
      }
      if (run.status !== 'queued' && run.status !== 'running' && !this.ended.has(run.id)) {
        this.ended.add(run.id);
        lines.push(endLine(run, this.config.primaryMetricName));
      }
    }
    if (!this.tty) {
      if (lines.length > 0) process.stderr.write(lines.join('\n') + '\n');
      return;
    }
    const now = Date.now();
    if (!force && lines.length === 0 && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.clear();
    const live = state.runs
      .filter((r) => r.status === 'running' || r.status === 'queued')
      .map((r) => runLine(r, this.config.primaryMetricName, this.epochs(r)));
    const block = [headerLine(state, now), ...live];
    process.stderr.write([...lines, ...block].join('\n') + '\n');
    this.drawn = block.length;
  }

  private epochs(run: RunRecord): number {
    try {
      return trainingHyperparameters(run.params, this.config.model.hyperparameters).epochs;
    } catch {
      // An invalid configuration fails its run; the bar just has no length.
      return 0;
    }
  }

  clear(): void {
    if (this.tty && this.drawn > 0) process.stderr.write(`\x1b[${this.drawn}F\x1b[0J`);
    this.drawn = 0;
  }
}

/** Parameter importance over the experiment's own scored runs (the page computes the same). */
function importanceOf(config: ExperimentConfig, final: SchedulerState): ImportanceResult {
  return parameterImportance({ space: experimentSpace(config), runs: scoredRuns(final.runs) });
}

function writeResults(out: string, config: ExperimentConfig, host: ExperimentHost, final: SchedulerState, dataset: EncodedDataset): string | null {
  mkdirSync(out, { recursive: true });
  const snapshot = host.snapshot();
  const best = bestRunOf(final);
  writeFileSync(join(out, 'experiment.json'), JSON.stringify(config, null, 2) + '\n');
  writeFileSync(join(out, 'runs.json'), JSON.stringify(runsJson(final, snapshot.stats), null, 2) + '\n');
  const summary = {
    experimentId: final.config.experimentId,
    status: final.status,
    reason: final.reason ?? null,
    backend: snapshot.backend,
    calibration: snapshot.calibration,
    startedAt: final.startedAt === undefined ? null : new Date(final.startedAt).toISOString(),
    endedAt: final.endedAt === undefined ? null : new Date(final.endedAt).toISOString(),
    runs: final.runs.length,
    byStatus: Object.fromEntries(['completed', 'stopped', 'failed', 'canceled'].map((s) => [s, final.runs.filter((r) => r.status === s).length])),
    bestRunId: best?.run.id ?? null,
    primaryMetricName: config.primaryMetricName,
    bestValue: best?.value ?? null,
    errors: snapshot.errors,
  };
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(out, 'importance.json'), JSON.stringify(importanceJson(importanceOf(config, final), config.primaryMetricName), null, 2) + '\n');
  const bestDir = join(out, 'best');
  rmSync(bestDir, { recursive: true, force: true });
  if (!best) return null;
  mkdirSync(bestDir, { recursive: true });
  const checkpoint = host.checkpoints.get(best.run.id);
  writeFileSync(join(bestDir, 'run.json'), JSON.stringify(bestRunJson(config, best, checkpoint), null, 2) + '\n');
  writeFileSync(join(bestDir, 'preprocessing.json'), JSON.stringify(preprocessingJson(dataset.encoding, dataset.imageShape), null, 2) + '\n');
  // The module that built the model, next to model.json, so the result can be rebuilt.
  if (config.model.module) writeFileSync(join(bestDir, basename(config.model.module.name)), config.model.module.source);
  if (!checkpoint) return `the best run ${best.run.id} has no checkpoint; best/ holds run.json only`;
  writeFileSync(join(bestDir, 'model.json'), JSON.stringify(modelJson(checkpoint), null, 2) + '\n');
  writeFileSync(join(bestDir, 'weights.bin'), new Uint8Array(checkpoint.weightData));
  return null;
}

function report(config: ExperimentConfig, final: SchedulerState, snapshot: HostSnapshot, out: string): string {
  const lines = [`experiment ${final.config.experimentId} ${final.status}: ${final.reason ?? ''}`];
  const counts = ['completed', 'stopped', 'failed', 'canceled'].map((s) => `${final.runs.filter((r) => r.status === s).length} ${s}`);
  lines.push(`runs: ${final.runs.length} (${counts.join(', ')}), backend ${snapshot.backend ?? '-'}`);
  if (snapshot.calibration) {
    const measured = snapshot.calibration.map((c) => `${c.backend} ${c.samplesPerSecond === null ? `unavailable (${c.error})` : `${Math.round(c.samplesPerSecond)} samples/s`}`);
    lines.push(`backend calibration: ${measured.join(', ')}`);
  }
  const best = bestRunOf(final);
  if (best) {
    lines.push(`best run: ${best.run.id} (${best.run.status}) ${config.primaryMetricName} ${Number(best.value.toPrecision(4))} at interval ${best.interval}`);
    lines.push(`  parameters: ${paramsText(best.run.params)}`);
  } else {
    lines.push(`best run: none (no run logged ${config.primaryMetricName})`);
  }
  lines.push(importanceLine(importanceOf(config, final), config.primaryMetricName));
  lines.push(`results: ${out}`);
  return lines.join('\n') + '\n';
}

export const command: Command = {
  help,
  async run(args) {
    const parsed = parseArgs(args, ['out', 'workers', 'resume']);
    const resume = parsed.options.resume === undefined ? null : readResumeSource(parsed.options.resume);
    if (resume && parsed.positional.length > 0) throw new CliUsageError('--resume takes the experiment from its PATH: give no FILE');
    if (!resume && parsed.positional.length !== 1) throw new CliUsageError(`needs exactly one experiment FILE (got ${parsed.positional.length})`);
    const file = resume ? resume.baseFile : parsed.positional[0];
    const text = resume ? JSON.stringify(resume.config) : readExperimentText(file);
    const readers = modelReaders(file);
    const draft = parseExperimentConfig(text, readers);
    if (draft.resumeChildRuns.length > 0) throw new InvalidConfigError('experiment file: "resumeChildRuns" is not supported by tabtune run (the page resumes runs)');
    let dataset: EncodedDataset;
    try {
      dataset = await loadDatasetSpec(draft.dataset, {
        baseDir: dirname(resolve(file)),
        onImageSummary: (summary) => process.stderr.write(imageSummaryLines(summary).join('\n') + '\n'),
      });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'InvalidDataError') throw error;
      process.stderr.write(`dataset: ${error.message}\n`);
      return 2;
    }
    const config = parseExperimentConfig(text, { ...readers, task: dataset.encoding.task });
    await checkBaseModel(config, dataset);
    const warm = resume?.priors || config.resumeFrom.length === 0 ? null : warmStartFromFolders(config, file);
    const priors = resume?.priors ?? warm?.priors ?? [];
    const out = parsed.options.out ?? join('tabtune-results', slug(config.name));
    const poolSize = defaultPoolSize(availableParallelism(), intOption(parsed, 'workers', availableParallelism(), 1, 16));
    const host = new ExperimentHost({
      experimentId: resume?.experimentId ?? slug(config.name),
      config,
      dataset,
      deps: schedulerDepsOf(config),
      spawn: nodeWorkerSpawner(),
      poolSize,
      priors,
      ...(resume ? { restore: resume.runs, resumeCheckpoint: async (runId: string) => resume.checkpoints.get(runId) } : {}),
    });
    if (warm) process.stderr.write(warmStartText(warm.summary));
    if (resume) process.stderr.write(`resuming ${resume.experimentId}: ${resume.runs.length} runs, ${resume.continuing} continue\n`);
    const progress = new Progress(config, process.stderr.isTTY === true);
    host.subscribe((snapshot) => progress.update(snapshot));
    let interrupts = 0;
    const onSigint = (): void => {
      interrupts += 1;
      if (interrupts > 1) process.exit(130);
      process.stderr.write('\ncanceling the experiment (Ctrl-C again to quit at once)\n');
      host.cancel();
    };
    process.on('SIGINT', onSigint);
    const sizeNote = host.snapshot().concurrency.message;
    process.stderr.write(`${config.name}: ${dataset.name}, ${dataset.trainY.length} training + ${dataset.validY.length} validation rows; ${sizeNote}\n`);
    try {
      const final = await host.start();
      progress.update(host.snapshot(), true);
      progress.clear();
      const warning = writeResults(out, config, host, final, dataset);
      if (warning) process.stderr.write(`warning: ${warning}\n`);
      process.stdout.write(report(config, final, host.snapshot(), out));
      return final.status === 'completed' ? 0 : 1;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
