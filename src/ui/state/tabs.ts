/**
 * Two tabs on one experiment (SPEC section 6; README "What survives a closed tab"): the tab that
 * drives an experiment holds its Web Lock and posts every committed batch on the live channel;
 * another tab follows it read-only from those batches and waits for the lock, which it gets when
 * the driving tab closes (or the experiment ends). State classes call these; components never do.
 */
import type { PriorRun } from '../../core/scheduler';
import {
  followExperiment,
  interruptExperiment,
  LiveChannel,
  runRecordOf,
  waitToDrive,
  type ExperimentLock,
  type LiveMessage,
  type LiveSnapshot,
  type LiveUpdate,
  type StoredExperiment,
  type TabtuneDatabase,
} from '../../persistence';
import type { ExperimentView } from './live';

let channel: LiveChannel | null = null;

/** This tab's id on the live channel. */
export const TAB_ID = `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The page's live channel (one per tab; a tab does not hear its own messages). */
export function liveChannel(): LiveChannel {
  channel ??= new LiveChannel();
  return channel;
}

/** Posts a committed batch of the experiment this tab drives. */
export function postUpdate(update: LiveUpdate): void {
  liveChannel().post(update);
}

/**
 * Tells other tabs that this tab drives `lock`'s experiment; the returned lock also tells them
 * when it is released (the browser releases the lock itself, without a message, when a tab dies).
 */
export function announceDriving(lock: ExperimentLock): ExperimentLock {
  const { experimentId } = lock;
  liveChannel().post({ type: 'driving', experimentId, tabId: TAB_ID });
  let told = false;
  return {
    experimentId,
    released: lock.released,
    release() {
      lock.release();
      if (told) return;
      told = true;
      liveChannel().post({ type: 'released', experimentId, tabId: TAB_ID });
    },
  };
}

/** Calls `listener` when some other tab starts or stops driving an experiment. */
export function onDriverChange(listener: (message: LiveMessage) => void): () => void {
  return liveChannel().subscribe(null, (message) => {
    if (message.type !== 'update') listener(message);
  });
}

/** Follows experiment `id` read-only (see `followExperiment`). */
export function followStored(db: TabtuneDatabase, id: string, onChange: (snapshot: LiveSnapshot) => void): { stop(): void; ready: Promise<void> } {
  return followExperiment(db, liveChannel(), id, (snapshot) => onChange(snapshot));
}

/** Resolves with the lock of experiment `id` once no other tab drives it (rejects when `signal` aborts). */
export function waitForDriver(id: string, signal: AbortSignal): Promise<ExperimentLock> {
  return waitToDrive(id, signal);
}

/** Marks experiment `id` interrupted if it is still `running` (its driving tab died); true when it was. */
export async function interruptIfRunning(db: TabtuneDatabase, id: string): Promise<boolean> {
  const changed = await interruptExperiment(db, id);
  return changed.experiments.length > 0;
}

/** The dashboard's view of a stored snapshot of an experiment (not live in this tab). */
export function viewOfSnapshot(record: StoredExperiment, snapshot: LiveSnapshot, priors: readonly PriorRun[]): ExperimentView {
  const experiment = snapshot.experiment ?? record;
  const runs = snapshot.runs.map((run) => runRecordOf(run, snapshot.metrics.get(run.id) ?? {}));
  return {
    id: experiment.id,
    config: experiment.config,
    runs,
    priors,
    status: experiment.status,
    ...(experiment.reason !== undefined ? { reason: experiment.reason } : {}),
    ...(experiment.startedAt !== undefined ? { startedAt: experiment.startedAt } : {}),
    ...(experiment.endedAt !== undefined ? { endedAt: experiment.endedAt } : {}),
    ...(experiment.warmStart ? { warmStart: experiment.warmStart } : {}),
    backend: runs.find((run) => run.backend)?.backend ?? null,
    concurrency: null,
    live: false,
  };
}

/** The dashboard's view of a followed experiment: read-only, driven by another tab while running. */
export function followedView(record: StoredExperiment, snapshot: LiveSnapshot, priors: readonly PriorRun[]): ExperimentView {
  const view = viewOfSnapshot(record, snapshot, priors);
  return view.status === 'running' ? { ...view, driver: 'other-tab' } : view;
}
