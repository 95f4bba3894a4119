/**
 * The host's timers: one-shot wake-ups (time limit, stop grace) and per-run watchdogs (stalls),
 * all cleared at once when the experiment finishes.
 */
type Timer = ReturnType<typeof setTimeout>;

export class HostTimers {
  private readonly timers = new Set<Timer>();
  private readonly watchdogs = new Map<string, Timer>();

  /** Calls `callback` after `ms`, unless `clearAll` comes first. */
  after(ms: number, callback: () => void): void {
    const id = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, ms);
    this.timers.add(id);
  }

  /** (Re)arms watchdog `key`: `callback` runs unless `watch` or `unwatch(key)` comes within `ms`. */
  watch(key: string, ms: number, callback: () => void): void {
    clearTimeout(this.watchdogs.get(key));
    this.watchdogs.set(key, setTimeout(callback, ms));
  }

  unwatch(key: string): void {
    clearTimeout(this.watchdogs.get(key));
    this.watchdogs.delete(key);
  }

  clearAll(): void {
    for (const id of this.timers) clearTimeout(id);
    for (const id of this.watchdogs.values()) clearTimeout(id);
    this.timers.clear();
    this.watchdogs.clear();
  }
}
