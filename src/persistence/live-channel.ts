/**
 * Other tabs of the same origin see a running experiment live (SPEC section 6, issue "two tabs"):
 * the driving tab's recorder posts every committed batch on a BroadcastChannel; a following tab
 * reads the stored experiment once and applies the batches on top, read-only. Messages are sent
 * after the batch committed, so a follower never shows a value that storage does not have.
 */
import type { CheckpointKind, StoredExperiment, StoredMetric, StoredRun, TabtuneDatabase } from './db';
import { commit, readTx } from './db';
import { getExperimentIn } from './experiments-store';
import { seriesOfRunIn, type MetricSeries } from './metrics-store';
import { runsOfIn } from './runs-store';

/** The channel every tab of the app listens on. */
export const LIVE_CHANNEL_NAME = 'tabtune-live';

/** One committed batch of an experiment. */
export interface LiveUpdate {
  readonly type: 'update';
  readonly experimentId: string;
  readonly runs: readonly StoredRun[];
  readonly metrics: readonly StoredMetric[];
  readonly checkpoints: readonly { readonly runId: string; readonly kind: CheckpointKind; readonly interval: number; readonly value: number }[];
  readonly experiment?: StoredExperiment;
}

/** A tab started or stopped driving an experiment. */
export interface LiveDriver {
  readonly type: 'driving' | 'released';
  readonly experimentId: string;
  readonly tabId: string;
}

export type LiveMessage = LiveUpdate | LiveDriver;

/** The page's side of the channel (a no-op where BroadcastChannel is missing). */
export class LiveChannel {
  private readonly channel: BroadcastChannel | null;
  private readonly listeners = new Set<(message: LiveMessage) => void>();

  constructor(name = LIVE_CHANNEL_NAME) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<LiveMessage>) => {
      for (const listener of this.listeners) listener(event.data);
    });
  }

  post(message: LiveMessage): void {
    this.channel?.postMessage(message);
  }

  /** Calls `listener` for messages of `experimentId` (every experiment when null) from other tabs. */
  subscribe(experimentId: string | null, listener: (message: LiveMessage) => void): () => void {
    const filtered = (message: LiveMessage): void => {
      if (experimentId === null || message.experimentId === experimentId) listener(message);
    };
    this.listeners.add(filtered);
    return () => this.listeners.delete(filtered);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }
}

/** A read-only picture of one experiment: the stored records plus every batch since. */
export interface LiveSnapshot {
  readonly experiment: StoredExperiment | undefined;
  readonly runs: readonly StoredRun[];
  /** runId -> series. */
  readonly metrics: ReadonlyMap<string, MetricSeries>;
}

/** The picture after `update` (returns new objects; the old snapshot is not changed). */
export function applyLiveUpdate(snapshot: LiveSnapshot, update: LiveUpdate): LiveSnapshot {
  const runs = new Map(snapshot.runs.map((run) => [run.id, run]));
  for (const run of update.runs) runs.set(run.id, run);
  const metrics = new Map(snapshot.metrics);
  const touched = new Set([...update.metrics.map((m) => m.runId), ...update.runs.map((r) => r.id)]);
  for (const runId of touched) metrics.set(runId, structuredSeries(metrics.get(runId)));
  for (const { runId, name, interval, value } of update.metrics) {
    const series = (metrics.get(runId)![name] ??= []);
    if (interval <= series.length + 1) series[interval - 1] = value;
  }
  // A run continued from a checkpoint has shorter series now: cut what it will log again.
  for (const run of update.runs) {
    const series = metrics.get(run.id)!;
    for (const [name, count] of Object.entries(run.metricCounts)) {
      const values = series[name];
      if (values && values.length > count) values.length = count;
    }
  }
  const ordered = [...runs.values()].sort((a, b) => a.index - b.index);
  return { experiment: update.experiment ?? snapshot.experiment, runs: ordered, metrics };
}

function structuredSeries(series: MetricSeries | undefined): MetricSeries {
  const out: MetricSeries = {};
  for (const [name, values] of Object.entries(series ?? {})) out[name] = [...values];
  return out;
}

/** Reads experiment `id`, its runs and every series in one transaction. */
export async function readExperimentSnapshot(db: TabtuneDatabase, id: string): Promise<LiveSnapshot> {
  const tx = readTx(db, ['experiments', 'runs', 'metrics']);
  const work = (async (): Promise<LiveSnapshot> => {
    const [experiment, runs] = await Promise.all([getExperimentIn(tx, id), runsOfIn(tx, id)]);
    const series = await Promise.all(runs.map((run) => seriesOfRunIn(tx, run.id)));
    return { experiment, runs, metrics: new Map(runs.map((run, i) => [run.id, series[i]])) };
  })();
  await commit(tx, work);
  return work;
}

/**
 * Follows experiment `id` read-only: calls `onChange` with the stored picture, then after every
 * batch another tab commits. Batches that arrive while the first read runs are applied after it
 * (writes are keyed, so applying one twice changes nothing).
 */
export function followExperiment(
  db: TabtuneDatabase,
  channel: LiveChannel,
  id: string,
  onChange: (snapshot: LiveSnapshot, message: LiveMessage | null) => void,
): { stop(): void; ready: Promise<void> } {
  let snapshot: LiveSnapshot | null = null;
  const early: LiveMessage[] = [];
  const handle = (message: LiveMessage): void => {
    if (!snapshot) {
      early.push(message);
      return;
    }
    if (message.type === 'update') snapshot = applyLiveUpdate(snapshot, message);
    onChange(snapshot, message);
  };
  const unsubscribe = channel.subscribe(id, handle);
  const ready = readExperimentSnapshot(db, id).then((first) => {
    snapshot = first;
    onChange(snapshot, null);
    for (const message of early.splice(0)) handle(message);
  });
  return { stop: unsubscribe, ready };
}
