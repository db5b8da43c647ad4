/**
 * The timeline's events from the audit trail (docs/timeline.md): each audit entry as the event it
 * records, with the alert's sector and severity where it names one. Presets' edits are left out:
 * they change the project, not what the wall showed.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { AuditAction, AuditEntry } from '../../core/protocol/audit.js';
import type { NewTimelineEvent, TimelineKind } from '../../core/protocol/timeline.js';
import type { JsonValue } from '../../core/protocol/limits.js';

const KIND_OF: Partial<Record<AuditAction, [TimelineKind, string]>> = {
  raise: ['alert', 'raised'],
  update: ['alert', 'updated'],
  clear: ['alert', 'cleared'],
  ack: ['ack', 'acknowledged'],
  'ack:refused': ['ack', 'refused'],
  layout: ['switch', 'switched'],
  'layout:failed': ['switch', 'failed'],
  takeover: ['automation', 'takeover'],
  'takeover:return': ['automation', 'takeover-return'],
  prompt: ['automation', 'prompt'],
  'prompt:expired': ['automation', 'prompt-expired'],
  'prompt:dismissed': ['automation', 'prompt-dismissed'],
  'hold:release': ['automation', 'hold-release'],
  'cap:refused': ['cap', 'refused'],
};

/** The event an audit entry records, or null for one the timeline leaves out. `alert`: the alert it names, if known. */
export function auditEvent(e: AuditEntry, alert: Pick<Alert, 'sector' | 'severity' | 'title'> | undefined): NewTimelineEvent | null {
  const kind = KIND_OF[e.action];
  if (!kind) return null;
  const place: Record<string, JsonValue> = e.node ? { node: e.node, window: e.window, screen: e.screen } : {};
  return {
    at: e.at,
    kind: kind[0],
    what: kind[1],
    subject: e.alertId ?? (typeof e.detail === 'object' && e.detail && !Array.isArray(e.detail) && typeof e.detail.layout === 'string' ? e.detail.layout : e.action),
    sector: alert?.sector ?? null,
    severity: alert?.severity ?? null,
    actor: e.actor,
    detail: { channel: e.channel, via: e.via, ...place, ...(alert ? { title: alert.title } : {}), audit: e.detail, auditSeq: e.seq },
  };
}
