/**
 * Alerts on the wire (docs/protocol.md "Events" and "3. Acknowledgement"): the alert as hub and
 * walls share it, the events that carry it, and an acknowledgement with the hub's reply. Apart
 * from protocol.ts so the console protocol and the wall page take the alert without the wall's
 * events.
 */
import type { Severity } from '../wall/model.js';

export const ALERT_STATES = ['active', 'acknowledged', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * Where a CAP warning applies (docs/automation.md "CAP"), as CAP gives it: WGS 84 `[lat, lon]`
 * (GeoJSON is `[lon, lat]`), polygons closed (first point repeated last), circles in km.
 */
export interface AlertAreas {
  polygons: [number, number][][];
  circles: { lat: number; lon: number; radiusKm: number }[];
}

export interface Alert {
  id: string;
  severity: Severity;
  /** Lowercase id of the IOC sector, e.g. `flood`, `traffic`, `health`. */
  sector: string;
  /** Where, as people say it: "TP. Cà Mau", "Sông Gành Hào". */
  area: string;
  /** The integration (or operator) that raised it. */
  source: string;
  title: string;
  message: string;
  state: AlertState;
  raisedAt: number;
  updatedAt: number;
  acknowledgedBy?: string;
  ackedAt?: number;
  clearedAt?: number;
  /** The shapes of a CAP warning (POST /api/cap, CAP feeds); absent for other alerts. */
  areas?: AlertAreas;
  /**
   * The sub-centre that owns it (docs/federation.md): present only on a province hub, on alerts a
   * sub-centre forwarded; such an alert is read-only there (ack and clear answer 409 owned-by-sub-centre).
   */
  origin?: string;
}

/** Alert events, hub → walls; each carries the whole alert after the change. */
export const ALERT_EVENTS = ['alert:raised', 'alert:updated', 'alert:acknowledged', 'alert:cleared'] as const;
export type AlertEventName = (typeof ALERT_EVENTS)[number];

/** An acknowledgement made on the wall. `ackId` is a UUID made there once and kept across retries. */
export interface AckRequest {
  ackId: string;
  alertId: string;
  operator: string;
  screen: string;
  /** When the operator acknowledged, on the wall's clock converted to hub time when known. */
  at: number;
}

export type AckRefusal = 'invalid' | 'unknown-alert' | 'forbidden' | 'internal';

/**
 * The hub's reply to `ack`, sent only after the record is committed. `duplicate`: the alert had
 * been acknowledged already (by this ack or another); it is still one record. A refusal with
 * `permanent: true` will never succeed (the wall drops it); otherwise the wall retries.
 */
export type AckResult =
  | { ok: true; committed: true; duplicate: boolean; alert: Alert }
  | { ok: false; reason: AckRefusal; permanent: boolean; detail?: string };
