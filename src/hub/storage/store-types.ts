/**
 * The records the hub's store reads and writes, in the storage room so that the store needs no
 * service above it: the services (src/hub/*.ts) import these types from here, never the reverse.
 */
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { Alert, AlertState } from '../../core/protocol/alerts.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { AuditAction, AuditChannel } from '../../core/protocol/audit.js';
import type { Severity } from '../../core/wall/model.js';
import type { SwitchTarget, TakeoverRule } from '../../core/automation/model.js';
import type { TakeoverPrompt } from '../../core/protocol/automation.js';
import type { Preset } from '../../core/protocol/presets.js';
import type { WallInfo } from '../../core/protocol/walls.js';

/** Who did something, for the audit trail. */
export interface Actor {
  /** Operator or integration name. */
  name: string;
  role: string;
  /** The token's name the request came with. */
  via: string;
  /** Where it came from: console, REST, a wall screen, the schedule, the hub itself (core/protocol/audit.ts). */
  channel: AuditChannel;
  node?: string | null;
  window?: string | null;
  screen?: string | null;
}

/** A topic's latest value and when the hub received it. */
export interface StoredValue extends TopicUpdate {
  receivedAt: number;
}

/** One point of a chart topic's history: the update's time and the number the chart draws. */
export interface HistoryPoint {
  t: number;
  v: number;
}

/**
 * A topic's history changes since the last write (src/hub/topic-history.ts): rows before `keepFrom`
 * were pruned, rows from `rewriteFrom` on are replaced by `points` (Infinity: none).
 */
export interface HistoryChange {
  topic: string;
  keepFrom: number;
  rewriteFrom: number;
  points: HistoryPoint[];
}

export type { AuditAction, AuditChannel, AuditEntry } from '../../core/protocol/audit.js';

/** Which audit rows to read (GET /api/audit): every given filter must match; newest first. */
export interface AuditFilter {
  alertId?: string;
  channel?: readonly AuditChannel[];
  action?: readonly AuditAction[];
  since?: number;
  limit?: number;
}

export interface AckRecord {
  ackId: string;
  alertId: string;
  operator: string;
  screen: string | null;
  node: string | null;
  window: string | null;
  via: string;
  ackedAt: number;
  committedAt: number;
  /** The operator's comment (REST acks only), trimmed; null when none was given. */
  comment: string | null;
}

/**
 * A layout switch or preset activation that did not happen (audit action `layout:failed`): the
 * hub's error `code` (`unknown-layout`, `switch-busy`, `switch-aborted`, `unknown-preset`,
 * `preset-stale`), the `reason` in the hub's words, and what is known of the attempt.
 */
export interface LayoutFailure {
  code: string;
  reason: string;
  layout?: string;
  preset?: string;
  presetVersion?: number;
  switchId?: string;
  /** Aborted two-phase switches: the windows that failed, and why. */
  failed?: { node: string; window: string; error: string }[];
}

/** An acknowledgement to record: from a wall (`ack` event) or an operator (REST, possibly with a comment). */
export interface AckCommand {
  ackId: string;
  alertId: string;
  /** When the operator acknowledged (ms). */
  at: number;
  /** Trimmed, not empty; absent when none was given. */
  comment?: string;
}

export type AckOutcome =
  | { kind: 'committed'; alert: Alert; record: AckRecord }
  | { kind: 'duplicate'; alert: Alert; record: AckRecord }
  | { kind: 'unknown-alert' }
  | { kind: 'ack-id-reused' };

export interface AlertFilter {
  severity?: Severity[];
  sector?: string[];
  state?: (AlertState | 'open')[];
  since?: number;
  limit?: number;
}

// The automation's durable state (automation_state, takeover_state; docs/automation.md "Restart").

/** An applied occurrence: `key` names it (entry id and instant, or rotation, item and start). */
export interface AppliedOccurrence {
  key: string;
  /** The schedule entry's or rotation's id. */
  id: string;
  at: number;
  /** Its switch was asked and has not committed yet (it aborted; retries.ts): a restarted hub asks it again. */
  unfinished?: true;
}

/** The takeover in force as stored: its rule as it was (a changed automation.yaml may have dropped it). */
export interface StoredTakeover {
  rule: TakeoverRule;
  alerts: string[];
  first: string;
  since: number;
  switchAt: number;
  switched: boolean;
  operatorSwitched: boolean;
  before: SwitchTarget | null;
  confirmedBy: string | null;
}

/** An open prompt as stored: the wire prompt with its alerts, and its rule as it was. */
export interface StoredPrompt extends TakeoverPrompt {
  alerts: string[];
  ruleSnapshot: TakeoverRule;
}

export interface TakeoverState {
  inForce: StoredTakeover | null;
  prompts: StoredPrompt[];
  /** The last takeover switch (the rate limit, minIntervalS); null: none yet. */
  lastSwitchAt: number | null;
}

// The wall windows the hub has seen (wall_windows).

/** A window as stored: `goneAt` null means it was connected when the hub last stopped (or crashed). */
export interface StoredWindow {
  node: string;
  window: string;
  screens: string[];
  token: string;
  address: string | null;
  connectedAt: number | null;
  goneAt: number | null;
  disconnectReason: string | null;
  health: WallInfo['health'];
  lastSwitch: WallInfo['lastSwitch'];
}

// Presets with versions (presets).

export type PresetWrite =
  | { ok: true; preset: Preset; created: boolean }
  | { ok: false; code: 'version-conflict'; current: Preset | null }
  | { ok: false; code: 'not-found' }
  | { ok: false; code: 'preset-limit' };

export type PresetDelete = { ok: true; preset: Preset } | { ok: false; code: 'version-conflict'; current: Preset } | { ok: false; code: 'not-found' };

