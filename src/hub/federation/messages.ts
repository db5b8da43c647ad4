/**
 * What a sub-centre forwards to the province, one JSON message per accepted change: a REST publish's
 * topic updates, or one alert change (the whole alert after it, and who made it). `seq` counts up per
 * sub-centre (names.ts messageId); `at` is when the sub-centre accepted it (its clock).
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { AlertChangeKind } from '../alerts.js';

interface Envelope {
  v: 1;
  sub: string;
  seq: number;
  at: number;
}

export type ForwardMessage =
  | (Envelope & { kind: 'updates'; updates: TopicUpdate[] })
  | (Envelope & { kind: 'alert'; change: AlertChangeKind; alert: Alert; by: { name: string; role: string } });

const CHANGES: readonly string[] = ['raised', 'updated', 'acknowledged', 'cleared'];

/** Parses a message; null when it is not one (a province skips and logs it, never stops on it). */
export function parseForward(bytes: Uint8Array): ForwardMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (typeof m !== 'object' || m === null) return null;
  const r = m as Record<string, unknown>;
  if (r.v !== 1 || typeof r.sub !== 'string' || !Number.isSafeInteger(r.seq) || typeof r.at !== 'number') return null;
  if (r.kind === 'updates' && Array.isArray(r.updates)) return m as ForwardMessage;
  if (r.kind === 'alert' && typeof r.alert === 'object' && r.alert !== null && CHANGES.includes(r.change as string)) return m as ForwardMessage;
  return null;
}

export function encodeForward(m: ForwardMessage): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(m));
}
