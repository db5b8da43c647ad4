/**
 * What the console page holds while it runs (the hub's layouts, walls, alerts and thumbnails as
 * last read), and the small helpers every part of the page shares: the status line and a guard
 * that turns a failed read into a status message instead of an unhandled rejection.
 */
import type { ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { Alert } from '../core/protocol/alerts.js';
import type { LayoutCommand, WireLabel } from '../core/protocol/layout-commands.js';
import type { SwitchRecord, WallInfo } from '../core/protocol/walls.js';
import type { WallPlanAnswer } from '../core/protocol/wall-plan.js';
import type { ScheduleAnswer } from '../core/protocol/automation.js';
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
  /** The wall as mounted (GET /api/wall; its `wall` null from a hub without the wall model); null before the first read. */
  plan: WallPlanAnswer | null;
  /** The source chosen to preview on the wall canvas before it is applied. */
  preview: Preview | null;
  /** Redraws what shows the preview (the wall canvas); main.ts sets it. */
  previewChanged: () => void;
  /** Preset titles by id, in the page's language (for the live line). */
  presetTitles: Map<string, string>;
  /** GET /api/schedule as last read (the "Tự động" panel); null before the first read. */
  schedule: ScheduleAnswer | null;
  /** An automation action (release, confirm, dismiss) is under way: its buttons wait. */
  automationBusy: boolean;
  /** Opens the replay at hub time `ms` (an alert's "Xem lại"); main.ts sets it. */
  replayAt: (ms: number) => void;
}

/** A layout or preset chosen as a source: drawn on the wall canvas until applied or dropped. */
export interface Preview {
  kind: 'layout' | 'preset';
  id: string;
  /** Its title in the page's language. */
  title: string;
  /** The layout it shows. */
  layout: string;
  /** Runs the switch (the layout switch or the preset activation). */
  apply(): void;
}

export function newState(api: Api, name: string): State {
  return { api, name, layouts: null, layoutTitles: new Map(), current: null, walls: [], lastSwitch: null, hubOffsetMs: 0, alerts: new Map(), thumbs: new Map(), busy: null, plan: null, preview: null, previewChanged: () => undefined, presetTitles: new Map(), rereadWalls: () => Promise.resolve(), schedule: null, automationBusy: false, replayAt: () => undefined };
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
