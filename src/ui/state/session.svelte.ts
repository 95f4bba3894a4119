/**
 * The experiment running in this tab: starts the runtime's host on a validated config and an
 * encoded dataset, mirrors its snapshots (throttled, replaced rather than mutated) as an
 * `ExperimentView` for the dashboard, and forwards stop and cancel. The only UI code that talks to
 * the runtime; components see plain data and call its methods through callbacks.
 */
import type { DatasetEncoding, EncodedDataset } from '../../core/data';
import type { ExperimentConfig } from '../../core/experiment';
import type { PriorRun, RunRecord } from '../../core/scheduler';
import {
  ExperimentHost,
  schedulerDepsOf,
  spawnBrowserWorker,
  workerSamplerRunner,
  type HostSnapshot,
  type HostStore,
  type ModelCheckpoint,
  type SpawnWorker,
} from '../../runtime';
import type { WarmStartSummary } from '../../persistence';
import type { DriverKind, ExperimentView } from './live';
import { Throttle } from './throttle';
import { workersSetting } from './workers-setting.svelte';

/** Redraw at most this often while runs log (ms). */
export const UPDATE_MS = 200;

/** Where a new experiment comes from and where it is kept. */
export interface StartRequest {
  readonly config: ExperimentConfig;
  readonly dataset: EncodedDataset;
  readonly experimentId?: string;
  readonly priors?: readonly PriorRun[];
  readonly store?: HostStore;
  /** Resuming: the runs of the earlier session and the checkpoint each continuing run loads. */
  readonly restore?: readonly RunRecord[];
  readonly resumeCheckpoint?: (runId: string, continueFrom: number) => Promise<ModelCheckpoint | undefined>;
  /** What a warm start used from its parents, for the dashboard. */
  readonly warmStart?: WarmStartSummary;
  /** 'taken-over' when this tab took the experiment over from a tab that closed. */
  readonly driver?: DriverKind;
  /** Training workers (default: browser workers); `npm run bench:ui` injects scripted ones. */
  readonly spawn?: SpawnWorker;
}

/** What the view shows beside the host's state. */
type ViewExtras = Pick<StartRequest, 'warmStart' | 'driver'>;

/** A fresh experiment id: time-ordered, unique within this browser. */
export function newExperimentId(): string {
  return `exp-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

function viewOf(id: string, config: ExperimentConfig, priors: readonly PriorRun[], snapshot: HostSnapshot, extras: ViewExtras = {}): ExperimentView {
  const { state } = snapshot;
  const live = state.endedAt === undefined;
  return {
    ...(extras.warmStart ? { warmStart: extras.warmStart } : {}),
    ...(live ? { driver: extras.driver ?? 'this-tab' } : {}),
    id,
    config,
    runs: state.runs,
    priors,
    status: state.status,
    ...(state.reason !== undefined ? { reason: state.reason } : {}),
    ...(state.startedAt !== undefined ? { startedAt: state.startedAt } : {}),
    ...(state.endedAt !== undefined ? { endedAt: state.endedAt } : {}),
    backend: snapshot.backend,
    ...(snapshot.calibrating ? { calibrating: true } : {}),
    ...(snapshot.calibration ? { calibration: snapshot.calibration } : {}),
    concurrency: snapshot.concurrency.message,
    live,
  };
}

export class ExperimentSession {
  /** The experiment as the dashboard shows it; replaced at most every UPDATE_MS. */
  view = $state.raw<ExperimentView | null>(null);
  /** The dataset's encoding (for the export's preprocessing). */
  encoding = $state.raw<DatasetEncoding | null>(null);
  /** Storage or hook problems the host reported without ending a run. */
  warnings = $state.raw<readonly string[]>([]);
  /** Why the experiment could not start. */
  error = $state<string | null>(null);
  /** The clock of the progress bars, ticking each second while live. */
  now = $state(Date.now());

  private host: ExperimentHost | null = null;
  private clock: ReturnType<typeof setInterval> | null = null;
  private throttle: Throttle<HostSnapshot> | null = null;

  readonly running = $derived(this.view?.live ?? false);

  /** Starts `request.config` on `request.dataset`; resolves when the experiment ends. */
  async start(request: StartRequest): Promise<void> {
    if (this.host && this.running) throw new Error('an experiment is already running in this tab');
    const { config, dataset } = request;
    const id = request.experimentId ?? newExperimentId();
    const priors = request.priors ?? [];
    this.error = null;
    this.encoding = dataset.encoding;
    const poolSize = Math.min(workersSetting.effective, config.maxConcurrentRuns ?? Number.POSITIVE_INFINITY);
    const deps = schedulerDepsOf(config);
    const host = new ExperimentHost({
      experimentId: id,
      config,
      dataset,
      deps,
      spawn: request.spawn ?? spawnBrowserWorker,
      poolSize,
      // A sampler with a model (Bayesian) suggests and fits in workers, off the main thread.
      ...(deps.sampler.fitting ? { samplerRunner: workerSamplerRunner(config.sampling.type, deps.space) } : {}),
      priors,
      ...(request.store ? { store: request.store } : {}),
      ...(request.restore ? { restore: request.restore } : {}),
      ...(request.resumeCheckpoint ? { resumeCheckpoint: request.resumeCheckpoint } : {}),
    });
    this.host = host;
    const extras: ViewExtras = { ...(request.warmStart ? { warmStart: request.warmStart } : {}), ...(request.driver ? { driver: request.driver } : {}) };
    const throttle = new Throttle<HostSnapshot>(UPDATE_MS, (snapshot) => this.show(id, config, priors, snapshot, extras));
    this.throttle = throttle;
    host.subscribe((snapshot) => throttle.push(snapshot));
    this.show(id, config, priors, host.snapshot(), extras);
    this.tick(true);
    try {
      await host.start();
    } finally {
      throttle.push(host.snapshot());
      throttle.flush();
      this.tick(false);
    }
  }

  private show(id: string, config: ExperimentConfig, priors: readonly PriorRun[], snapshot: HostSnapshot, extras: ViewExtras): void {
    this.view = viewOf(id, config, priors, snapshot, extras);
    if (snapshot.errors.length !== this.warnings.length) this.warnings = snapshot.errors;
  }

  private tick(on: boolean): void {
    if (this.clock !== null) clearInterval(this.clock);
    this.clock = on ? setInterval(() => (this.now = Date.now()), 1000) : null;
    this.now = Date.now();
  }

  /** Shows a stored experiment (not live) in place of the current one. */
  showStored(view: ExperimentView, encoding: DatasetEncoding | null): void {
    if (this.running) throw new Error('an experiment is running in this tab: cancel it first');
    this.throttle?.cancel();
    this.host = null;
    this.view = view;
    this.encoding = encoding;
    this.warnings = [];
  }

  /** Cancels the whole experiment (SPEC section 6). */
  cancel(): void {
    this.host?.cancel();
  }

  /** Cancels one run. */
  stopRun(runId: string): void {
    this.host?.cancelRun(runId);
  }

  /** The in-memory best checkpoint of `runId` (this tab's runs only). */
  checkpointOf(runId: string): ModelCheckpoint | undefined {
    return this.host?.checkpoints.get(runId);
  }
}
