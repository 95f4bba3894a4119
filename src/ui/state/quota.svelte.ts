/**
 * Storage quota in the page (issue 7 item 6): asks for persistent storage once at start, shows
 * how much of the origin's quota is used, and keeps the recorder's "storage is full" report so the
 * page can say plainly what happened and what to do.
 */
import { describeUsage, requestPersistentStorage, storageUsage, type StorageUsage } from '../../persistence';

/** True when a recorder report is about a full disk (QuotaExceededError), not another storage problem. */
export function isStorageFullReport(message: string): boolean {
  return /storage is (still )?full|QuotaExceeded|quota/i.test(message);
}

export class QuotaState {
  usage = $state.raw<StorageUsage | null>(null);
  /** The browser's answer to `persist()`: true granted, false refused, null unknown. */
  persistent = $state<boolean | null>(null);
  /** The last "storage is full" report of this session, until dismissed. */
  full = $state<string | null>(null);

  readonly text = $derived(this.usage ? describeUsage(this.usage) : 'measuring…');

  /** Asks for persistent storage and reads the usage (called once when the page opens). */
  async start(): Promise<void> {
    this.persistent = await requestPersistentStorage();
    await this.refresh();
  }

  /** Reads the usage again (after a write-heavy action: an experiment ended, an import, a delete). */
  async refresh(): Promise<void> {
    this.usage = await storageUsage();
    if (this.usage.persisted !== null) this.persistent = this.usage.persisted;
  }

  /** Keeps `message` when it reports a full disk (the first of a burst: it says what was deleted); true when it does. */
  report(message: string): boolean {
    if (!isStorageFullReport(message)) return false;
    this.full ??= message;
    void this.refresh();
    return true;
  }

  dismiss(): void {
    this.full = null;
  }
}
