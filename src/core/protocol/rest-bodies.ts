/**
 * The JSON bodies of the hub's REST API (docs/protocol.md "REST API", docs/console.md): what
 * integrations, operators and editors send, the roles a token may have, and the error body of every
 * failure. Their runtime checks are in rest-validate.ts. Pure types.
 */
import type { Severity } from '../wall/model.js';
import type { AuditAction, AuditChannel } from './audit.js';
import type { JsonValue } from './limits.js';
import type { TimelineKind } from './timeline.js';
import type { WireLabel } from './layout-commands.js';

/**
 * `editor`: an operator who may also change presets (docs/console.md "Presets"); every route and
 * console action open to operators is open to editors.
 */
export const ROLES = ['wall', 'operator', 'editor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** POST /api/data */
export interface PublishRequest {
  updates: { topic: string; value: JsonValue; t?: number }[];
}

/** POST /api/alerts. Raising an id that is active again updates it. */
export interface RaiseAlertRequest {
  id?: string;
  severity: Severity;
  sector: string;
  area: string;
  source?: string;
  title: string;
  message?: string;
}

/** PATCH /api/alerts/:id */
export interface UpdateAlertRequest {
  severity?: Severity;
  area?: string;
  title?: string;
  message?: string;
}

/** POST /api/alerts/:id/ack (operator token; the operator is the token's name). */
export interface OperatorAckRequest {
  ackId?: string;
  screen?: string;
  /** Why or how it was handled, in the operator's words (≤ 500 characters after trimming); kept in the audit. */
  comment?: string;
}

/** POST /api/alerts/:id/clear */
export interface ClearAlertRequest {
  reason?: string;
}

/** PUT /api/presets/:id: create (version 0) or replace (the version the edit started from). */
export interface PresetSaveRequest {
  title: WireLabel;
  layout: string;
  /** Tile and source only: the hub fills in each camera's caption from the catalogue. */
  cameras: { tile: string; source: string }[];
  version: number;
}

/** POST /api/presets/:id/activate */
export interface PresetActivateRequest {
  leadMs?: number;
}

/** POST /api/layout */
export interface LayoutSwitchRequest {
  layout: string;
  /** How far ahead of now the walls switch together (default 1500 ms, 200 to 60000). */
  leadMs?: number;
}

/** Error body of every REST failure. */
export interface ApiError {
  error: { code: string; message: string; details?: string[] };
}

/** GET /api/alerts: each filter a list (`a,b` or the parameter repeated); `since` ms or ISO 8601. */
export interface AlertsQuery {
  severity?: Severity[];
  sector?: string[];
  state?: ('active' | 'acknowledged' | 'cleared' | 'open')[];
  since?: string;
  limit?: string;
}

/** GET /api/audit: `channel` and `action` each a list (`a,b` or the parameter repeated). */
export interface AuditQuery {
  alertId?: string;
  channel?: AuditChannel[];
  action?: AuditAction[];
  since?: string;
  limit?: string;
}

/** GET /api/timeline */
export interface TimelineQuery {
  from: string;
  to: string;
  kind?: TimelineKind[];
  sector?: string[];
  severity?: Severity[];
  limit?: string;
}

/** GET /api/report */
export interface ReportQuery {
  from: string;
  to: string;
  lang?: 'vi' | 'en';
  format?: 'html' | 'json';
}

/** GET /api/replay */
export interface ReplayQuery {
  t: string;
  sector?: string[];
  severity?: Severity[];
}

/** GET /api/timeline/thumbnail */
export interface TimelineThumbnailQuery {
  file: string;
}

/** GET /api/topics */
export interface TopicsQuery {
  values?: 'true' | 'false';
}

/** GET /api/walls/:window/thumbnail */
export interface ThumbnailQuery {
  node?: string;
}

/** DELETE /api/presets/:id */
export interface PresetDeleteQuery {
  version: string;
}
