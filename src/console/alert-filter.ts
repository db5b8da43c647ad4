/**
 * What the operator asked the alert list to show and in which order (alert-toolbar.ts draws the
 * controls): severities ticked, sector, state, area, a search over title, message and area, and the
 * sort. Pure, so the rules are unit-tested; the list keeps one AlertCriteria across live updates.
 */
import type { Alert } from '../core/protocol/alerts.js';
import { SEVERITIES, type Severity } from '../core/wall/model.js';
import { severityRank } from '../core/wall/vocabulary.js';
import type { AlertGroup } from './alert-groups.js';

export const ALERT_SORTS = ['severity', 'newest', 'oldest', 'area'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** The console's list holds open alerts only: `open` is both active and acknowledged. */
export const STATE_CHOICES = ['open', 'active', 'acknowledged'] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];

export interface AlertCriteria {
  /** Severities shown; a level not in the set is hidden. */
  severities: Set<Severity | string>;
  /** A sector id, or '' for every sector. */
  sector: string;
  state: StateChoice;
  /** An area as the alerts name it, or '' for every area. */
  area: string;
  search: string;
  sort: AlertSort;
}

export function allAlerts(): AlertCriteria {
  return { severities: new Set(SEVERITIES), sector: '', state: 'open', area: '', search: '', sort: 'severity' };
}

/**
 * Text as it is searched: without diacritics or case, so "ngap" finds "Ngập" and "dong" finds
 * "Đồng" (operators often type Vietnamese without its marks).
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** Whether every word of `search` is in the alert's title, message or area (marks and case ignored). */
export function matchesSearch(alert: Pick<Alert, 'title' | 'message' | 'area'>, search: string): boolean {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(`${alert.title}\n${alert.message}\n${alert.area}`);
  return words.every((w) => haystack.includes(w));
}

export function matches(alert: Alert, c: AlertCriteria): boolean {
  if (!c.severities.has(alert.severity)) return false;
  if (c.sector && alert.sector !== c.sector) return false;
  if (c.area && alert.area !== c.area) return false;
  if (c.state === 'open' ? alert.state === 'cleared' : alert.state !== c.state) return false;
  return matchesSearch(alert, c.search);
}

export const filterAlerts = (alerts: readonly Alert[], c: AlertCriteria): Alert[] => alerts.filter((a) => matches(a, c));

const byArea = (a: AlertGroup, b: AlertGroup): number => a.newest.area.localeCompare(b.newest.area, 'vi');
const bySeverity = (a: AlertGroup, b: AlertGroup): number => severityRank(a.newest.severity) - severityRank(b.newest.severity);
const byNewest = (a: AlertGroup, b: AlertGroup): number => b.newest.raisedAt - a.newest.raisedAt;
const byOldest = (a: AlertGroup, b: AlertGroup): number => a.firstAt - b.firstAt;

/**
 * Rows in the order asked: `severity` (the default, EEMUA 191) most severe first then newest;
 * `newest` by the latest raise; `oldest` by the first raise; `area` by area name then severity.
 */
export function sortGroups(groups: readonly AlertGroup[], sort: AlertSort): AlertGroup[] {
  const order: Record<AlertSort, (a: AlertGroup, b: AlertGroup) => number> = {
    severity: (a, b) => bySeverity(a, b) || byNewest(a, b),
    newest: (a, b) => byNewest(a, b) || bySeverity(a, b),
    oldest: (a, b) => byOldest(a, b) || bySeverity(a, b),
    area: (a, b) => byArea(a, b) || bySeverity(a, b) || byNewest(a, b),
  };
  return [...groups].sort(order[sort]);
}

/** The distinct values of `field` among the alerts, sorted as Vietnamese. */
export function presentValues(alerts: readonly Alert[], field: 'sector' | 'area'): string[] {
  return [...new Set(alerts.map((a) => a[field]))].sort((a, b) => a.localeCompare(b, 'vi'));
}
