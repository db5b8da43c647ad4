/**
 * The hub's automation on the wire (docs/automation.md, docs/protocol.md "Automation"): what the
 * wall shows now and why, the next scheduled entries, an operator's hold, takeover prompts and
 * the switch queue. `GET /api/schedule` answers ScheduleAnswer; consoles hear `automation:changed`
 * and re-read it. Pure like protocol.ts: no DOM, no Node.
 */

import type { SwitchTarget } from '../automation/model.js';

export type { SwitchTarget } from '../automation/model.js';

/**
 * Why the wall shows what it shows, in precedence order (highest first):
 * takeover > hold > schedule > rotation; `none`: nothing automatic applies (the last switch stays).
 */
export const AUTOMATION_SOURCES = ['takeover', 'hold', 'schedule', 'rotation', 'none'] as const;
export type AutomationSource = (typeof AUTOMATION_SOURCES)[number];

/** One occurrence of a schedule entry, resolved to an instant in the wall's zone (`local`: `YYYY-MM-DD HH:MM` there). */
export type { ScheduledSwitch } from '../automation/schedule.js';
import type { ScheduledSwitch } from '../automation/schedule.js';

/** An operator's manual switch holds the wall against schedule and rotation (not against a takeover). */
export interface Hold {
  /** The operator (actor name) who switched. */
  by: string;
  target: SwitchTarget;
  since: number;
  /** When schedules resume; null: until released. */
  until: number | null;
}

/** A takeover in force: a rule matched an alert and the wall was switched for it. */
export interface Takeover {
  rule: string;
  alertId: string;
  target: SwitchTarget;
  since: number;
  /** What ends it: the alert acknowledged or cleared (automation.yaml `returnOn`). */
  returnOn: 'ack' | 'clear';
  /** Every alert the takeover waits for (an alert storm joins the takeover in force); `alertId` is the first. */
  alerts?: string[];
  /** false while the rate limit (minIntervalS) delays its switch. */
  switched?: boolean;
}

/** A `confirm` rule matched: the wall and the console ask an operator before switching. */
export interface TakeoverPrompt {
  id: string;
  rule: string;
  alertId: string;
  /** The alert's title and severity, for the prompt's text. */
  title: string;
  severity: string;
  target: SwitchTarget;
  createdAt: number;
  /** Nobody confirmed by then: the prompt is dropped (audited), nothing switches. */
  expiresAt: number;
  /** Every alert the prompt is for (alerts matching the same rule join an open prompt); `alertId` is the first. */
  alerts?: string[];
}

/** A switch waiting for the one being prepared; the latest request of a kind replaces an earlier one. */
export interface QueuedSwitch {
  target: SwitchTarget;
  source: Exclude<AutomationSource, 'none'> | 'operator';
  /** The rule's or entry's id, or the operator's name. */
  reason: string;
  queuedAt: number;
}

/** GET /api/schedule. */
export interface ScheduleAnswer {
  hubTime: number;
  timezone: string;
  /** What the precedence says the wall should show now, and why. */
  now: { source: AutomationSource; target: SwitchTarget | null; reason: string; since: number | null };
  hold: Hold | null;
  takeovers: Takeover[];
  prompts: TakeoverPrompt[];
  /** The next scheduled switches, soonest first (at most 10). */
  next: ScheduledSwitch[];
  /** The rotation in force now, if any: its item and when it moves on. */
  rotation: { item: number; target: SwitchTarget; nextAt: number } | null;
  queue: QueuedSwitch[];
  /** Automation entries the hub cannot run (a preset that does not exist, …), each a sentence. */
  problems: string[];
}
