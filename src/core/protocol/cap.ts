/**
 * CAP 1.2 warnings on the wire (docs/protocol.md "CAP 1.2"): the answer of `POST /api/cap` and the
 * messages `GET /api/cap/messages` lists for the console (every CAP message taken, Actual or not).
 */

/** What the hub did with a CAP message. */
export const CAP_ACTIONS = ['created', 'updated', 'cleared', 'stored', 'duplicate'] as const;
export type CapAction = (typeof CAP_ACTIONS)[number];

/**
 * Why a message was only stored: `not-actual` (status Exercise, Test, System or Draft),
 * `not-alert` (msgType Ack or Error), `expired` (all its infos had ended), `nothing-to-cancel`
 * (a Cancel of nothing open), `alert-cleared` (the alert it changes was cleared already),
 * `superseded` (older than the message its alert shows: an Alert arriving after its Update).
 */
export const CAP_NOTES = ['not-actual', 'not-alert', 'expired', 'nothing-to-cancel', 'alert-cleared', 'superseded'] as const;
export type CapNote = (typeof CAP_NOTES)[number];

/** `POST /api/cap` → 202. `alertId`: the wallrun alert it created, updated or cleared (null when stored only). */
export interface CapAnswer {
  alertId: string | null;
  /** The message's CAP `status` (Actual, Exercise, System, Test, Draft). */
  status: string;
  action: CapAction;
}

/** One CAP message as the hub stored it, with the info block shown (Vietnamese first, then English). */
export interface CapMessageRecord {
  sender: string;
  identifier: string;
  /** ms since the epoch. */
  sent: number;
  status: string;
  msgType: string;
  action: CapAction;
  alertId: string | null;
  receivedAt: number;
  /** The token name (POST /api/cap) or `feed:<id>` it came through. */
  via: string;
  /** Why it was only stored (CAP_NOTES), or null. */
  note: CapNote | null;
  event: string | null;
  headline: string | null;
  severity: string | null;
  urgency: string | null;
  certainty: string | null;
  areaDesc: string | null;
  language: string | null;
  expires: number | null;
}

/** `GET /api/cap/messages` → 200, newest first. */
export interface CapMessagesAnswer {
  hubTime: number;
  messages: CapMessageRecord[];
}
