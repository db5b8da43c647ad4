/**
 * The project's automation (automation.yaml, docs/automation.md): schedule entries beyond the
 * layouts' own `schedule:`, rotation playlists for idle hours, the operator hold, alert takeover
 * rules and CAP 1.2 feeds. Pure data: the file's loader (src/core/files) builds it, the hub
 * (src/hub/automation) runs it.
 */
import type { Severity } from '../wall/model.js';

/** What a schedule entry, a rotation item or a takeover rule switches the wall to. */
export type SwitchTarget = { layout: string } | { preset: string };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Switch to `target` at `at` (wall-zone "HH:MM") on `days` (default every day), within [from, until] dates, or once `on` a date. */
export interface ScheduleEntry {
  id: string;
  target: SwitchTarget;
  at: string;
  days?: Weekday[];
  /** Inclusive local dates "YYYY-MM-DD". */
  from?: string;
  until?: string;
  /** A one-off entry: this local date only (then `days`, `from`, `until` are absent). */
  on?: string;
}

/** Cycles through `items` between local times `from` and `to` (may cross midnight) on `days`. */
export interface Rotation {
  id: string;
  days?: Weekday[];
  from: string;
  to: string;
  items: { target: SwitchTarget; durationS: number }[];
}

export interface TakeoverRule {
  id: string;
  /** Higher wins between rules that match at once (default 0; ties: earlier in the file). */
  priority: number;
  /** Every listed field must match (a list: any of its values); an absent field matches all. */
  match: { severity?: Severity[]; sector?: string[]; area?: string[]; source?: string[] };
  target: SwitchTarget;
  mode: 'auto' | 'confirm';
  /** confirm mode: the prompt is dropped after this long with nobody confirming (default 120). */
  confirmTimeoutS: number;
  /** What returns the wall (default `ack`). */
  returnOn: 'ack' | 'clear';
}

export interface CapFeed {
  id: string;
  /** An Atom or RSS feed whose entries link CAP 1.2 messages (or carry them inline). */
  url: string;
  /** Poll interval (default 60 s); failures back off up to 10 × the interval. */
  intervalS: number;
  /** Only messages whose CAP `sender` is listed are taken. */
  senders: string[];
}

export interface Automation {
  schedule: ScheduleEntry[];
  rotations: Rotation[];
  /** An operator's manual switch holds this long (minutes) before schedules resume; null: until released. Default 30. */
  holdMinutes: number | null;
  takeover: {
    rules: TakeoverRule[];
    /** At most one takeover switch per this many seconds (an alert storm causes one switch). Default 60. */
    minIntervalS: number;
  };
  cap: {
    /** POST /api/cap bodies over this are refused with 413 (default 262 144). */
    maxBodyBytes: number;
    /** Senders POST /api/cap accepts (empty: any sender, the integration token being the trust). */
    senders: string[];
    feeds: CapFeed[];
  };
}

/** The automation of a project without automation.yaml. */
export const NO_AUTOMATION: Automation = {
  schedule: [],
  rotations: [],
  holdMinutes: 30,
  takeover: { rules: [], minIntervalS: 60 },
  cap: { maxBodyBytes: 262_144, senders: [], feeds: [] },
};
