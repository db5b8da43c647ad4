/**
 * The page's hub settings (`WallPageConfig.hub`): where the hub is, the node's wall token, which
 * window this page is on the wire, and how the wall treats alerts. Absent: the page runs without a
 * hub (host commands, and the local demo feed when asked for). Checked by the page's own config
 * check; the token is a secret and is never logged or shown.
 */
import type { Rect } from '../wall/model.js';
import { LIMITS } from '../protocol/limits.js';
import type { WallIdentity } from '../protocol/protocol.js';
import type { PlannedWindow } from '../displays/window-plan.js';

export interface WallHubConfig {
  /**
   * The hub's base URL, `http(s)://host:port` (socket.io path and namespace are appended): the one
   * tried first, and the one camera streams come from.
   */
  url: string;
  /**
   * The hubs of an active/standby group (docs/scaling.md), tried in this order after `url` when it
   * is not among them: the wall follows a standby's `not-leader` only to one of these. At most
   * MAX_HUB_URLS. Absent: `url` alone.
   */
  urls?: string[];
  /** This node's wall token (role `wall` in the hub's tokens.json). */
  token: string;
  /** The handshake identity; default `wallIdentity(window)`. Its screens must be the window's. */
  identity?: WallIdentity;
  /** An unacknowledged critical alert escalates (flashes, beeps) this long after it was raised. Default 60; 0: never. */
  escalateAfterS?: number;
  /** Beep on escalation (WebAudio, made in the page). Default true; tests turn it off and read the debug state. */
  sound?: boolean;
  /** Seconds between health reports. Default 5. */
  healthEveryS?: number;
  /** Seconds between thumbnails for the operator console (docs/console.md). Default 10; 0: none. */
  thumbnailEveryS?: number;
  /** Largest delay between reconnect attempts (ms). Default 10 000 (docs/protocol.md). */
  reconnectMaxMs?: number;
}

export const HUB_DEFAULTS = { escalateAfterS: 60, sound: true, healthEveryS: 5 } as const;

/** Most hubs one wall lists (`hub.urls`). */
export const MAX_HUB_URLS = 8;

/** A hub base URL as compared and connected to: trimmed, no trailing slash. */
export function hubBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** `urls` in order as base URLs, each once. */
export function distinctHubUrls(urls: readonly string[]): string[] {
  const all = urls.map(hubBaseUrl);
  return all.filter((u, i) => all.indexOf(u) === i);
}

/** The hubs the wall tries, in order: `url`, then those of `urls` not already named (trailing slashes aside). */
export function hubUrls(hub: Pick<WallHubConfig, 'url' | 'urls'>): string[] {
  return distinctHubUrls([hub.url, ...(hub.urls ?? [])]);
}

/** `a,b , c` → ['a', 'b', 'c']: the hub URLs of a setting that takes several (WALLRUN_HUB_URL, `--hub`). */
export function splitHubUrls(text: string): string[] {
  return text.split(',').map((u) => u.trim()).filter((u) => u.length > 0);
}

function checkHubUrls(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_HUB_URLS) return [`hub.urls must be a list of 1 to ${MAX_HUB_URLS} http(s) URLs`];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  raw.forEach((u: unknown, i) => {
    const origin = typeof u === 'string' && u.length <= 2048 ? httpOrigin(u) : null;
    if (!origin) return void problems.push(`hub.urls[${i}] must be an http(s) URL without credentials`);
    const key = hubBaseUrl(u as string).toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) problems.push(`hub.urls[${i}] repeats hub.urls[${first}]`);
    else seen.set(key, i);
  });
  return problems;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The identity of a planned window: its node, its window id without the node prefix, its screens. */
export function wallIdentity(window: PlannedWindow): WallIdentity {
  const prefix = `${window.node}/`;
  const raw = window.id.startsWith(prefix) ? window.id.slice(prefix.length) : window.id;
  const id = raw.replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, LIMITS.id) || 'w0';
  return { node: window.node, window: id, screens: window.screens.map((s) => s.screenId) };
}

/**
 * The origin of an http(s) URL as CSP source expressions: `http://10.0.0.5:7400` and the matching
 * `ws://10.0.0.5:7400` (socket.io's WebSocket). Null for anything else (other schemes, user info,
 * white space). Pure string work: core has no URL class.
 */
export function httpOrigin(url: string): { http: string; ws: string } | null {
  const m = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(?:[/?#][^\s]*)?$/i.exec(url.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const hostPort = `${m[2]!.toLowerCase()}${m[3] ?? ''}`;
  return { http: `${scheme}://${hostPort}`, ws: `${scheme === 'https' ? 'wss' : 'ws'}://${hostPort}` };
}

/** Problems of a hub config (empty when usable); never quotes the token. */
export function checkHubConfig(raw: unknown, window: PlannedWindow | undefined): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['hub must be an object'];
  const h = raw as Record<string, unknown>;
  const problems: string[] = [];
  const known = ['url', 'urls', 'token', 'identity', 'escalateAfterS', 'sound', 'healthEveryS', 'reconnectMaxMs', 'thumbnailEveryS'];
  for (const k of Object.keys(h)) if (!known.includes(k)) problems.push(`hub.${k} is not a known setting`);
  if (typeof h.url !== 'string' || h.url.length > 2048 || !httpOrigin(h.url)) {
    problems.push(h.url === undefined && h.urls !== undefined ? 'hub.url is missing: name the hub tried first (hub.urls lists the others of its group)' : 'hub.url must be an http(s) URL without credentials');
  }
  if (h.urls !== undefined) problems.push(...checkHubUrls(h.urls));
  if (typeof h.token !== 'string' || h.token.length < 1 || h.token.length > 512) problems.push('hub.token must be a string of 1 to 512 characters');
  if (h.identity !== undefined) {
    const id = h.identity as Partial<WallIdentity> | null;
    const ok = (v: unknown): boolean => typeof v === 'string' && v.length <= LIMITS.id && ID.test(v);
    if (typeof id !== 'object' || id === null || !ok(id.node) || !ok(id.window) || !Array.isArray(id.screens) || !id.screens.every(ok) || id.screens.length > LIMITS.screens) {
      problems.push('hub.identity must be { node, window, screens } of ids');
    } else if (window && Array.isArray(window.screens)) {
      const mine = new Set(window.screens.map((s) => s.screenId));
      const foreign = id.screens.filter((s) => !mine.has(s));
      if (foreign.length) problems.push(`hub.identity.screens ${foreign.join(', ')} are not this window's`);
      if (id.node !== window.node) problems.push(`hub.identity.node "${id.node}" is not this window's node "${window.node}"`);
    }
  }
  const number = (k: string, min: number, max: number): void => {
    const v = h[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)) problems.push(`hub.${k} must be a number in [${min}, ${max}]`);
  };
  number('escalateAfterS', 0, 86_400);
  number('healthEveryS', 1, 3600);
  number('reconnectMaxMs', 500, 600_000);
  number('thumbnailEveryS', 0, 3600);
  if (h.sound !== undefined && typeof h.sound !== 'boolean') problems.push('hub.sound must be true or false');
  return problems;
}

/** How the connection badge reads. */
export type ConnectionBadgeKind = 'connecting' | 'connected' | 'disconnected' | 'reconnecting' | 'refused';

/** The hub side of the debug state (`wallrunDebug.state().hub`), for tests and diagnostics. */
export interface HubDebugState {
  /** The wall client's connection state. */
  connection: 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'closed';
  badge: { kind: ConnectionBadgeKind; text: string; since: number | null };
  /** Snapshots applied since the page loaded. */
  snapshots: number;
  /** Where the link's socket runs: its worker, or the page's thread (`linkWorkerFailure` says why). */
  linkThread: 'worker' | 'page';
  linkWorkerFailure: string | null;
  seq: number | null;
  clockOffsetMs: number | null;
  /** The alerts the wall shows, as the wall sees them. */
  alerts: { id: string; severity: string; state: string; acknowledgedBy: string | null; pending: boolean; escalated: boolean }[];
  /** Acknowledgements waiting for the hub (stored in localStorage). */
  pendingAcks: { ackId: string; alertId: string; operator: string; screen: string; attempts: number }[];
  /** Acks the hub refused for good since load, with the reason. */
  rejectedAcks: { alertId: string; reason: string }[];
  /** Operators in the directory the wall holds (from the last snapshot or local storage). */
  operators: number;
  /** The alert chosen with the arrow keys (or the last touched), if any. */
  selectedAlert: string | null;
  dialog: { alertId: string; screen: string; error: string | null; locked: boolean; entered: number } | null;
  /** Touch targets of the acknowledgement UI now on screen, in wall px. */
  targets: { name: string; rect: Rect }[];
  /** Escalation beeps (counted whether or not sound is on). */
  beeps: number;
  healthSent: number;
  /** The last layout command applied and when its first frame showed (hub time). */
  lastSwitch: { commandId: string | null; layout: string; at: number } | null;
  lateTopics: string[];
  /** The takeover prompt banner's text ('' when none is shown: docs/automation.md "Takeover"). */
  takeoverBanner: string;
}
