/**
 * The dashboard's words for who drives an experiment (issue 7 item 5): one tab drives it under a
 * Web Lock, others follow it live and read-only and take over when the driving tab closes.
 */
import type { DriverKind } from './live';

/** One sentence saying which tab drives the experiment, or null once it no longer runs. */
export function driverStatus(driver: DriverKind | undefined): string | null {
  switch (driver) {
    case 'this-tab':
      return 'Driven by this tab. Other tabs of this browser can watch it; if this tab closes, one of them takes over.';
    case 'taken-over':
      return 'Driven by this tab: the tab that drove it closed, so this tab took over and resumed it.';
    case 'other-tab':
      return 'Driven by another tab: shown here live and read-only (stop or cancel it there). This tab takes over if that tab closes.';
    default:
      return null;
  }
}

/** Why the controls that change the experiment are disabled here, or null when they work. */
export function readOnlyReason(driver: DriverKind | undefined): string | null {
  return driver === 'other-tab' ? 'Another tab drives this experiment: stop or cancel it there.' : null;
}
