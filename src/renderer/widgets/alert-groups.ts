/**
 * What an alert list shows when there are more alerts than rows (EEMUA 191 / ISA-18.2 practice):
 * repeats of the same alarm grouped into one row with a count, rows ordered most severe first and
 * newest first within a level, as many rows as fit with the rest counted, and an alarm flood
 * (more than FLOOD_COUNT raised within FLOOD_WINDOW_MS) summarised in a line of its own rather
 * than scrolling away. Pure: no pixi here, unit-tested in alert-groups.test.ts.
 */
import type { Severity } from '../../core/wall/model.js';
import { severityRank } from '../../core/wall/vocabulary.js';
import type { WallAlert } from '../store.js';
import { plainText } from './alert-format.js';

/** One row: the newest alert of a group of repeats, and how many there are. */
export interface AlertGroup {
  /** The newest alert of the group: its time, state and details are the row's. */
  lead: WallAlert;
  /** Alerts in the group (1 when not repeated). */
  count: number;
  /** Any member escalated or selected: the row blinks or is outlined. */
  escalated: boolean;
  selected: boolean;
}

/** More than this many alerts raised within FLOOD_WINDOW_MS is a flood (EEMUA 191: ~10 in 10 minutes). */
export const FLOOD_COUNT = 10;
export const FLOOD_WINDOW_MS = 10 * 60_000;

/** Repeats are the same alarm: same level, same text, same area, same sector. */
function repeatKey(a: WallAlert): string {
  return [a.severity, plainText(a.title, 160), plainText(a.area ?? '', 60), a.sector ?? ''].join('\u0001');
}

/** Groups repeats; most severe first, then newest first (by each group's newest alert). */
export function groupAlerts(alerts: readonly WallAlert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const key = repeatKey(a);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { lead: a, count: 1, escalated: a.escalated === true, selected: a.selected === true });
      continue;
    }
    g.count += 1;
    g.escalated ||= a.escalated === true;
    g.selected ||= a.selected === true;
    if (a.raisedAt > g.lead.raisedAt) g.lead = a;
  }
  return [...groups.values()].sort(
    (x, y) => severityRank(x.lead.severity) - severityRank(y.lead.severity) || y.lead.raisedAt - x.lead.raisedAt,
  );
}

/** The alarm flood now: how many were raised in the window, by level; null when there is none. */
export interface Flood {
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
}

export function floodOf(alerts: readonly WallAlert[], nowMs: number): Flood | null {
  const recent = alerts.filter((a) => nowMs - a.raisedAt <= FLOOD_WINDOW_MS && a.raisedAt <= nowMs + 60_000);
  if (recent.length <= FLOOD_COUNT) return null;
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const a of recent) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  return { count: recent.length, bySeverity };
}

/**
 * How many of `groups` rows of `rowHeight` fit in `room`: all when they fit, else as many as fit
 * with a line of `moreHeight` left for "+N more" under them (never fewer than 0).
 */
export function rowsThatFit(groups: number, room: number, rowHeight: number, moreHeight: number): number {
  if (rowHeight <= 0) return 0;
  if (groups * rowHeight <= room) return groups;
  return Math.max(0, Math.min(groups, Math.floor((room - moreHeight) / rowHeight)));
}

/** Alerts hidden below the last row: the members of every group not shown. */
export function hiddenCount(groups: readonly AlertGroup[], shown: number): number {
  return groups.slice(shown).reduce((n, g) => n + g.count, 0);
}
