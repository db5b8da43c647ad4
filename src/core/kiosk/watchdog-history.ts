/**
 * What a window's shell watchdog did to it, carried to the hub: the shell counts the failures it
 * recovered from, passes the count and the last failure to each fresh page in its config
 * (`WallPageConfig.watchdog`), and the page puts them in every health report, so the hub and the
 * operator console see that a window crashed and came back — which the window itself cannot know.
 * Pure: both shells call it.
 */
import { LIMITS } from '../protocol/limits.js';
import type { WatchdogHistory } from '../protocol/wall-health.js';
import type { WatchdogReport } from './watchdog-rules.js';

export const NO_WATCHDOG_HISTORY: WatchdogHistory = { recoveries: 0, last: null };

/** Nothing happened yet: no page was replaced and no trouble noted (nothing to tell the hub). */
export function isQuietHistory(h: WatchdogHistory): boolean {
  return h.recoveries === 0 && h.last === null;
}

/** The history after `report`: a failure or crash loop is counted and becomes the last; others change nothing. */
export function noteWatchdogReport(history: WatchdogHistory, report: WatchdogReport): WatchdogHistory {
  if (report.kind !== 'failure' && report.kind !== 'crash-loop') return history;
  const trouble = report.kind === 'crash-loop' ? 'crash-loop' : (report.trouble ?? 'failure');
  return {
    recoveries: history.recoveries + (report.kind === 'failure' ? 1 : 0),
    last: { trouble, detail: report.detail.slice(0, LIMITS.message), at: Math.round(report.at) },
  };
}
