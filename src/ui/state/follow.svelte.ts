/**
 * Following an experiment another tab drives (issue 7 item 5): the dashboard shows it live and
 * read-only from the batches that tab posts, and this tab waits for the experiment's Web Lock.
 * When the lock comes (the driving tab closed, crashed, or the experiment ended) the follower
 * stops and hands the lock to `onLock`, which takes over or just shows the final state.
 */
import type { ExperimentLock, LiveSnapshot, StoredExperiment } from '../../persistence';
import type { ExperimentView } from './live';
import { UPDATE_MS } from './session.svelte';
import { database, warmPriors } from './storage';
import { followedView, followStored, waitForDriver } from './tabs';
import { Throttle } from './throttle';

export class FollowState {
  /** The followed experiment as the dashboard shows it; null while none is followed. */
  view = $state.raw<ExperimentView | null>(null);
  /** The clock of the progress bars, ticking each second while following. */
  now = $state(Date.now());

  private session: { stop(): void } | null = null;

  /** Follows `record` until its lock comes to this tab (then `onLock`) or `stop()`. */
  async follow(record: StoredExperiment, onLock: (lock: ExperimentLock) => void): Promise<void> {
    this.stop();
    const abort = new AbortController();
    const undo: (() => void)[] = [() => abort.abort()];
    const session = { stop: () => undo.splice(0).forEach((step) => step()) };
    this.session = session;
    const clock = setInterval(() => (this.now = Date.now()), 1000);
    undo.push(() => clearInterval(clock));
    try {
      const [priors, db] = await Promise.all([warmPriors(record.config), database()]);
      if (this.session !== session) return;
      const throttle = new Throttle<LiveSnapshot>(UPDATE_MS, (snapshot) => (this.view = followedView(record, snapshot, priors)));
      const following = followStored(db, record.id, (snapshot) => throttle.push(snapshot));
      undo.push(() => following.stop(), () => throttle.flush());
      await following.ready;
      throttle.flush();
    } catch (error) {
      if (this.session === session) this.stop();
      throw error;
    }
    if (this.session !== session) return;
    waitForDriver(record.id, abort.signal).then(
      (lock) => {
        if (this.session !== session) return lock.release();
        this.stop();
        onLock(lock);
      },
      () => {
        // Aborted: this tab stopped following (another experiment opened, or one started here).
      },
    );
  }

  /** Stops following; the last view stays until `clear()`. */
  stop(): void {
    this.session?.stop();
    this.session = null;
  }

  /** Stops following and shows nothing. */
  clear(): void {
    this.stop();
    this.view = null;
  }

  /** True while a followed experiment is shown. */
  get active(): boolean {
    return this.view !== null;
  }
}
