/**
 * The timeline (docs/timeline.md): what happened, in one time-ordered record the hub keeps for a
 * bounded time (default 30 days), for replay and the shift handover report. Each event has a kind:
 *
 * - from the audit trail, as it is written: `alert` (raised, updated, cleared; with sector and
 *   severity), `ack` (who, on which screen), `switch` (a layout switch and its outcome), `automation`
 *   (takeovers and their return, prompts, holds released), `cap` (CAP messages refused);
 * - recorded by the timeline itself: `camera` (a camera's state changed: live, stalled, no-signal…),
 *   `late` (a topic's daily deadline passed without data, and when it came), `wall` (a window
 *   connected or disconnected, dead screens changed), `values` (every project topic's value at a
 *   reduced resolution), `thumbnail` (a window's picture, kept as a file at an interval).
 */
import type { JsonValue } from './limits.js';
import type { Severity } from '../wall/model.js';

export const TIMELINE_KINDS = ['alert', 'ack', 'switch', 'automation', 'cap', 'camera', 'late', 'wall', 'values', 'thumbnail'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  /** Order of recording (one hub). */
  seq: number;
  /** Hub time of what happened. */
  at: number;
  kind: TimelineKind;
  /** What it is about: an alert id, a camera id, a topic, `node/window`, a layout id. */
  subject: string;
  /** What happened to it, in a word: `raised`, `acknowledged`, `stalled`, `late`, `connected`, `layout` … */
  what: string;
  sector: string | null;
  severity: Severity | null;
  /** Who did it (operator, token name, rule id), where known. */
  actor: string | null;
  /** The rest: an alert's title, a switch's layout and outcome, a camera's error, values by topic, a thumbnail's file. */
  detail: JsonValue;
}

/** An event before the store numbers it. */
export type NewTimelineEvent = Omit<TimelineEvent, 'seq'>;

/** `GET /api/timeline` filters. */
export interface TimelineFilter {
  from: number;
  to: number;
  kinds?: readonly TimelineKind[];
  sectors?: readonly string[];
  severities?: readonly Severity[];
  /** Most events returned (default 1000, at most 5000), oldest first. */
  limit?: number;
}

/** How long the timeline keeps events and pictures, and how finely (HubOptions.timeline). */
export interface TimelineSettings {
  /** Days kept; older events and thumbnails are pruned hourly. Default 30. */
  keepDays: number;
  /** Every project topic's value is recorded this often (seconds). Default 300. */
  valuesEveryS: number;
  /** A window's thumbnail is archived at most this often (seconds). Default 60. */
  thumbnailsEveryS: number;
  /** The thumbnail archive's size budget (MiB): the oldest files go first. Default 2048. */
  thumbnailBudgetMiB: number;
}

export const TIMELINE_DEFAULTS: TimelineSettings = { keepDays: 30, valuesEveryS: 300, thumbnailsEveryS: 60, thumbnailBudgetMiB: 2048 };
