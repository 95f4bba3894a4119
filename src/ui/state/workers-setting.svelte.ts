/**
 * The page's "training workers" setting (SPEC section 5: the pool follows the machine, and the
 * user may set it). It describes this machine, not the experiment, so it lives in localStorage
 * rather than in the experiment file.
 */
import { defaultPoolSize, MAX_POOL_SIZE } from '../../runtime';

const KEY = 'tabtune.workers';

function stored(): number | null {
  try {
    const value = Number(globalThis.localStorage?.getItem(KEY) ?? NaN);
    return Number.isInteger(value) && value >= 1 && value <= MAX_POOL_SIZE ? value : null;
  } catch {
    // Storage disabled (a sandboxed frame): the default applies.
    return null;
  }
}

/** How many training workers this tab starts. */
export class WorkersSetting {
  /** The user's choice; null means one per logical core. */
  value = $state<number | null>(stored());
  /** What the machine reports (`navigator.hardwareConcurrency`). */
  readonly cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  /** The pool size experiments get: the choice, else one per core, within 1..MAX_POOL_SIZE. */
  readonly effective = $derived(defaultPoolSize(this.cores, this.value ?? undefined));

  /** Sets the choice (null: back to the default); out-of-range values are clamped. */
  set(value: number | null): void {
    this.value = value === null ? null : defaultPoolSize(this.cores, value);
    try {
      if (this.value === null) globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, String(this.value));
    } catch {
      // Storage disabled: the choice lasts for this page only.
    }
  }
}

/** The page's one setting, shared by the builder (which shows it) and the session (which uses it). */
export const workersSetting = new WorkersSetting();
