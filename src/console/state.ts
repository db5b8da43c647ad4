/**
 * What the console page holds while it runs (the hub's layouts, walls, alerts and thumbnails as
 * last read), and the small helpers every part of the page shares: the status line and a guard
 * that turns a failed read into a status message instead of an unhandled rejection.
 */
import type { ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { Alert } from '../core/protocol/alerts.js';
import type { LayoutCommand, WireLabel } from '../core/protocol/layout-commands.js';
import type { SwitchRecord, WallInfo } from '../core/protocol/walls.js';
import { errorText, type Api } from './api.js';
import { byId } from './dom.js';

export interface State {
  api: Api;
  name: string;
  layouts: string[] | null;
  /** The layouts' titles (GET /api/presets `layouts`), so buttons and messages name them as the wall does. */
  layoutTitles: Map<string, WireLabel>;
  current: LayoutCommand | null;
  walls: WallInfo[];
  /** The hub's record of the last two-phase switch (GET /api/walls `lastSwitch`), where it has one. */
  lastSwitch: SwitchRecord | null;
  hubOffsetMs: number;
  alerts: Map<string, Alert>;
  /** Object URLs of the thumbnails shown, by node/window. */
  thumbs: Map<string, { url: string; info: ThumbnailInfo }>;
  busy: string | null;
  /** Re-reads GET /api/walls and redraws (refresh.ts; set by main.ts, so that views need not import it). */
  rereadWalls: () => Promise<void>;
}

export function newState(api: Api, name: string): State {
  return { api, name, layouts: null, layoutTitles: new Map(), current: null, walls: [], lastSwitch: null, hubOffsetMs: 0, alerts: new Map(), thumbs: new Map(), busy: null, rereadWalls: () => Promise.resolve() };
}

export const keyOf = (node: string, window: string): string => `${node}/${window}`;

export function status(text: string): void {
  byId('status').textContent = text;
}

/** Runs `fn`; a failure shows in the status line, prefixed with `what`. */
export async function guarded(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    status(`${what}: ${errorText(e)}`); // `what` is already in the page's language
  }
}
