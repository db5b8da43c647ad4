/**
 * The audit trail as `GET /api/audit` answers it (docs/protocol.md): one row per recorded change,
 * written by the hub's store and read by the operator console.
 */
import type { JsonValue } from './limits.js';

export type AuditAction = 'raise' | 'update' | 'ack' | 'clear' | 'layout' | 'preset:save' | 'preset:delete';

export interface AuditEntry {
  seq: number;
  at: number;
  action: AuditAction;
  alertId: string | null;
  actor: string;
  role: string;
  via: string;
  node: string | null;
  window: string | null;
  screen: string | null;
  detail: JsonValue;
}
