/**
 * What the schedule and the rotation say the wall shows at an instant, and which takeover rule an
 * alert calls for (docs/automation.md "Precedence"). Pure: the director (director.ts) passes its
 * clock and a schedule source; the source is the core's schedule functions
 * (src/core/automation/schedule.ts) or, in tests, a stand-in.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { Automation, SwitchTarget, TakeoverRule } from '../../core/automation/model.js';
import type { Hold, ScheduleAnswer } from '../../core/protocol/automation.js';
import type { Layout } from '../../core/wall/model.js';
import { allEntries, currentEntry, nextOccurrences, rotationAt, type ScheduledSwitch } from '../../core/automation/schedule.js';

export type RotationNow = NonNullable<ReturnType<typeof rotationAt>>;

/** The schedule as the director asks it: the next occurrences, the one in force, the rotation in force. */
export interface ScheduleSource {
  /** The first `limit` occurrences after `after` (exclusive), soonest first. */
  next(after: number, limit: number): ScheduledSwitch[];
  current(now: number): ScheduledSwitch | null;
  rotation(now: number): RotationNow | null;
  /** Whether any rotation exists (its hours begin and end on minute boundaries: the director wakes at each). */
  readonly hasRotations: boolean;
}

/** The project's schedule in the wall's zone, through the core's schedule functions. */
export function scheduleSource(automation: Automation, layouts: readonly Layout[], timezone: string): ScheduleSource {
  let entries: ReturnType<typeof allEntries> | null = null;
  const all = (): ReturnType<typeof allEntries> => (entries ??= allEntries(automation, layouts));
  return {
    next: (after, limit) => nextOccurrences(all(), after, timezone, limit),
    current: (now) => currentEntry(all(), now, timezone),
    rotation: (now) => rotationAt(automation, now, timezone),
    hasRotations: automation.rotations.length > 0,
  };
}

/** What schedule or rotation says now; `key` names the occurrence (a new key is a new switch). */
export interface Automatic {
  source: 'schedule' | 'rotation';
  target: SwitchTarget;
  /** The entry's or rotation's id. */
  id: string;
  since: number;
  key: string;
}

/**
 * Schedule against rotation: when both are in force, the one that began later wins (the entry's
 * instant against the rotation window's start); a tie goes to the schedule.
 */
export function automaticNow(src: ScheduleSource, now: number): Automatic | null {
  const entry = src.current(now);
  const rotation = src.rotation(now);
  const fromEntry = (e: ScheduledSwitch): Automatic => ({ source: 'schedule', target: e.target, id: e.entry, since: e.at, key: `entry:${e.entry}@${e.at}` });
  if (!rotation) return entry ? fromEntry(entry) : null;
  const fromRotation: Automatic = {
    source: 'rotation',
    target: rotation.target,
    id: rotation.rotation,
    since: rotation.since,
    key: `rotation:${rotation.rotation}#${rotation.item}@${rotation.since}`,
  };
  return entry && entry.at >= rotation.windowStart ? fromEntry(entry) : fromRotation;
}

/** What the precedence says now and why (GET /api/schedule `now`): takeover > hold > schedule or rotation > none. */
export function whyNow(take: { rule: string; target: SwitchTarget; since: number } | null, hold: Hold | null, auto: Automatic | null): ScheduleAnswer['now'] {
  if (take) return { source: 'takeover', target: take.target, reason: take.rule, since: take.since };
  if (hold) return { source: 'hold', target: hold.target, reason: hold.by, since: hold.since };
  if (auto) return { source: auto.source, target: auto.target, reason: auto.id, since: auto.since };
  return { source: 'none', target: null, reason: '', since: null };
}

/** The rule an alert calls for: every listed field matches; higher priority first, then file order. */
export function ruleFor(rules: readonly TakeoverRule[], alert: Pick<Alert, 'severity' | 'sector' | 'area' | 'source'>): TakeoverRule | null {
  const fits = (values: readonly string[] | undefined, value: string): boolean => !values || values.length === 0 || values.includes(value);
  let best: TakeoverRule | null = null;
  for (const rule of rules) {
    const m = rule.match;
    if (!fits(m.severity, alert.severity) || !fits(m.sector, alert.sector) || !fits(m.area, alert.area) || !fits(m.source, alert.source)) continue;
    if (!best || rule.priority > best.priority) best = rule;
  }
  return best;
}

export const sameTarget = (a: SwitchTarget | null, b: SwitchTarget | null): boolean =>
  !!a && !!b && ('layout' in a ? 'layout' in b && a.layout === b.layout : 'preset' in b && a.preset === b.preset);

export const targetName = (t: SwitchTarget): string => ('layout' in t ? `layout "${t.layout}"` : `preset "${t.preset}"`);
