/**
 * `requestIdleCallback` where the browser has it, a timer where it does not (Safari has no idle
 * callbacks): the dashboard's costly charts and the early ECharts load wait for an idle moment
 * with it, and must still run, a little later, on every browser.
 */

/** Calls `callback` when the page is idle, at the latest after `timeout` ms; returns a handle for `cancelIdle`. */
export function whenIdle(callback: () => void, timeout: number): number {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout });
  return setTimeout(callback, Math.min(timeout, 50)) as unknown as number;
}

/** Cancels a callback of `whenIdle` (a handle of 0 is none). */
export function cancelIdle(handle: number): void {
  if (handle === 0) return;
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
