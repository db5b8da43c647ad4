/**
 * The operator console's side of the protocol (docs/console.md, docs/protocol.md "Thumbnails and
 * the console namespace"): namespace `/console`, where the hub pushes what changed to operator
 * consoles, and what it tells them of a wall's thumbnail (the thumbnail itself, which walls send on
 * `/wall`, is thumbnail.ts's). Pure like protocol.ts: no DOM, no Node.
 */
import type { Alert } from './alerts.js';
import type { ThumbnailMime } from './thumbnail.js';

/** The socket.io namespace operator consoles connect to (operator token in `auth.token`). */
export const CONSOLE_NAMESPACE = '/console';

/** What the hub keeps and tells consoles about a thumbnail (not the bytes: GET them). */
export interface ThumbnailInfo {
  node: string;
  window: string;
  screens: string[];
  mime: ThumbnailMime;
  bytes: number;
  width: number;
  height: number;
  /** When the wall drew it (hub time). */
  at: number;
  receivedAt: number;
}

/** Hub → console on `/console`. Consoles re-read the REST resource an event names. */
export interface ConsoleServerToClientEvents {
  /** Sent first on every connection: who the console is logged in as. */
  hello: (hello: { name: string; role: string; hubTime: number }) => void;
  /** A wall window sent a new thumbnail: GET /api/walls/:window/thumbnail?node=… */
  thumbnail: (info: ThumbnailInfo) => void;
  /** An alert was raised, updated, acknowledged or cleared (the alert after the change). */
  alert: (event: { kind: 'raised' | 'updated' | 'acknowledged' | 'cleared'; alert: Alert }) => void;
  /** The hub sent walls a layout event (`layout:switch`, …): GET /api/layout and /api/walls. */
  'layout:changed': (event: { event: string; hubTime: number }) => void;
  /** An editor saved (`version`) or deleted (`version` null) a preset: GET /api/presets. */
  'presets:changed': (event: { id: string; version: number | null; hubTime: number }) => void;
  /** A wall window connected, disconnected or reported: GET /api/walls. */
  'walls:changed': (event: { hubTime: number }) => void;
  /** The automation changed (a hold, a takeover, a prompt, a scheduled switch): GET /api/schedule. */
  'automation:changed': (event: { hubTime: number }) => void;
}

/** Consoles send nothing on the socket; every change goes through the REST API. */
export type ConsoleClientToServerEvents = Record<string, never>;
