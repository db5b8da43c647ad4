/**
 * automation.yaml against the layouts: every layout it names exists (ids of layout files with
 * errors count, so no cascades), and no two schedule entries — its own and the layouts'
 * `schedule:` — fire at the same local time on a common day (which one would win is a guess).
 */
import { addDays, weekdayOf } from '../automation/local-time.js';
import { WEEKDAYS, type ScheduleEntry } from '../automation/model.js';
import type { Diagnostic } from './diagnostics.js';
import type { AutomationAnalysis } from './automation.js';
import { didYouMean } from './suggest.js';
import { diagnosticAt, positionOf, type YamlFile } from './yaml-position.js';

/** A schedule entry and where its `at` is written (automation.yaml or a layout's `schedule:`). */
export interface PlacedEntry {
  entry: ScheduleEntry;
  yaml: YamlFile;
  path: (string | number)[];
  /** How messages name it: `entry "report"` or `layout "overview" schedule[1]`. */
  name: string;
}

export function checkAutomationLayouts(analysis: AutomationAnalysis, layoutIds: readonly string[]): Diagnostic[] {
  const yaml = analysis.yaml;
  if (!yaml) return [];
  return analysis.layoutRefs
    .filter((ref) => !layoutIds.includes(ref.layout))
    .map((ref) => {
      const hint = didYouMean(ref.layout, layoutIds) || (layoutIds.length > 0 ? ` (layouts: ${layoutIds.join(', ')})` : ' (no layout files were given)');
      return diagnosticAt(yaml, ref.path, 'unknown-layout', `unknown layout "${ref.layout}"${hint}`);
    });
}

/** The local dates an entry may run, as an inclusive range (open ends: undefined). */
function range(e: ScheduleEntry): { from?: string; until?: string } {
  if (e.on !== undefined) return { from: e.on, until: e.on };
  return { ...(e.from !== undefined ? { from: e.from } : {}), ...(e.until !== undefined ? { until: e.until } : {}) };
}

function firesOnDate(e: ScheduleEntry, date: string): boolean {
  if (e.on !== undefined) return e.on === date;
  return e.days === undefined || e.days.includes(weekdayOf(date));
}

/** Whether two entries at the same time both fire on some local date. */
export function shareADay(a: ScheduleEntry, b: ScheduleEntry): boolean {
  const ra = range(a);
  const rb = range(b);
  const from = [ra.from, rb.from].filter((d): d is string => d !== undefined).sort().pop();
  const until = [ra.until, rb.until].filter((d): d is string => d !== undefined).sort()[0];
  if (from !== undefined && until !== undefined && from > until) return false;
  // A common range of a week or more holds every weekday: then the days decide.
  const short = from !== undefined && until !== undefined && addDays(from, 6) > until;
  if (!short) {
    const daysA = a.on !== undefined ? [weekdayOf(a.on)] : (a.days ?? WEEKDAYS);
    const daysB = b.on !== undefined ? [weekdayOf(b.on)] : (b.days ?? WEEKDAYS);
    return daysA.some((d) => daysB.includes(d));
  }
  for (let date = from; date <= until; date = addDays(date, 1)) if (firesOnDate(a, date) && firesOnDate(b, date)) return true;
  return false;
}

/** Each entry at the same local time as an earlier one, on a common day: an error at its `at`. */
export function checkOverlappingEntries(entries: readonly PlacedEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  entries.forEach((later, i) => {
    const earlier = entries.slice(0, i).find((e) => e.entry.at === later.entry.at && shareADay(e.entry, later.entry));
    if (!earlier) return;
    const pos = positionOf(earlier.yaml.doc, earlier.yaml.lineCounter, earlier.path);
    const message = `${later.name} switches at ${later.entry.at} on a day when ${earlier.name} (${earlier.yaml.file}:${pos.line}:${pos.column}) does too: give them different times or days`;
    out.push(diagnosticAt(later.yaml, later.path, 'schedule-overlap', message));
  });
  return out;
}
