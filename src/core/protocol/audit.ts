/**
 * The audit trail as `GET /api/audit` answers it (docs/protocol.md, "Audit trail"): one row per
 * recorded change or refused attempt, written by the hub's store and read by the operator console.
 */
import type { JsonValue } from './limits.js';

/**
 * What was done. Changes: `raise`, `update`, `ack`, `clear`, `layout` (a switch committed),
 * `preset:save`, `preset:delete`. Attempts that did not happen: `layout:failed` (a layout switch or
 * preset activation refused, aborted or replaced in the queue) and `ack:refused` (an
 * acknowledgement the hub refused); their `detail` names the `code` and the `reason`.
 * The automation (docs/automation.md): `takeover` (a rule took the wall for an alert),
 * `takeover:return` (its alerts are done: the wall returns, or stays where an operator put it),
 * `prompt` (a confirm rule asks an operator), `prompt:expired` (nobody confirmed in time: nothing
 * switched), `prompt:dismissed` (an operator said no), `hold:release` (an operator ended a hold),
 * `cap:refused` (a CAP message refused, POST /api/cap or a feed; detail `{ code, reason, via, sender?, identifier? }`).
 */
export const AUDIT_ACTIONS = [
  'raise', 'update', 'ack', 'clear', 'layout', 'preset:save', 'preset:delete', 'layout:failed', 'ack:refused',
  'takeover', 'takeover:return', 'prompt', 'prompt:expired', 'prompt:dismissed', 'hold:release', 'cap:refused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actions that record an attempt that did not happen. */
export const AUDIT_FAILURES: readonly AuditAction[] = ['layout:failed', 'ack:refused', 'prompt:expired', 'cap:refused'];

/**
 * Where it came from: `console` (the operator console page, which says so with the request header
 * `X-Wallrun-Client: console`), `rest` (any other REST caller: an integration, a script), `wall` (a
 * wall screen: an ack made on it, its switch hotkey), `schedule` (the hub's schedule and rotation
 * switches: actor `lịch`, via the entry's or rotation's id), `rule` (a takeover rule's switch and
 * return: via the rule's id), `hub` (the hub itself, e.g. its demo). Informational: the token and its
 * role decide what is allowed, never the channel.
 */
export const AUDIT_CHANNELS = ['console', 'rest', 'wall', 'schedule', 'rule', 'hub'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** The request header by which the console names itself (value `console`); any other value or none is `rest`. */
export const CLIENT_HEADER = 'X-Wallrun-Client';

export interface AuditEntry {
  seq: number;
  at: number;
  action: AuditAction;
  alertId: string | null;
  /** Who: the operator (a wall ack: the operator who entered the PIN) or the token's name. */
  actor: string;
  role: string;
  /** The token the request or wall connection came with (its name). */
  via: string;
  /** Where it came from (see AuditChannel). */
  channel: AuditChannel;
  node: string | null;
  window: string | null;
  screen: string | null;
  detail: JsonValue;
}
