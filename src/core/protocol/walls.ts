/**
 * What the hub knows of the wall, as `GET /api/walls` answers it (docs/protocol.md): each wall
 * window with its connection state, last health report and last layout switch, and the record of
 * the last two-phase switch. The hub builds these (src/hub/walls.ts, src/hub/switch-coordinator.ts)
 * and keeps them across restarts (src/hub/storage/wall-store.ts); the console reads them. They live
 * here so that the console never imports the hub, and the hub's storage never imports its services.
 */
import type { HealthReport } from './wall-health.js';
import type { LayoutSwitched } from './layout-commands.js';

/** One wall window (node + window id) as the hub last saw it. */
export interface WallInfo {
  node: string;
  window: string;
  screens: string[];
  /** Name of the token it connected with. */
  token: string;
  connected: boolean;
  /** Connections open for this window now (normally 0 or 1). */
  connections: number;
  address: string | null;
  connectedAt: number | null;
  disconnectedAt: number | null;
  disconnectReason: string | null;
  health: (HealthReport & { receivedAt: number }) | null;
  lastSwitch: (LayoutSwitched & { receivedAt: number }) | null;
}

/** A window's part in a two-phase switch: `one-phase` windows get only the commit. */
export type PrepareState = 'pending' | 'ok' | 'failed' | 'timeout' | 'disconnected' | 'one-phase';

export interface SwitchWindow {
  node: string;
  window: string;
  prepare: PrepareState;
  error?: string;
  /** Hub ms from the prepare to the window's answer. */
  prepareMs?: number;
  /** Hub time of the window's first frame showing the layout (its `layout:switched`). */
  switchedAt?: number;
}

/** The record of a two-phase layout switch (docs/protocol.md, "5. Layout switch"). */
export interface SwitchRecord {
  switchId: string;
  layout: string;
  /** The preset the switch activates, if it came through one. */
  preset?: { id: string; version: number };
  by: string;
  state: 'preparing' | 'committed' | 'aborted';
  requestedAt: number;
  /** When the commit was sent, and the hub time every window swaps at. */
  committedAt?: number;
  at?: number;
  abortedAt?: number;
  reason?: string;
  /** Windows that made the switch abort. */
  failed: { node: string; window: string; error: string }[];
  windows: SwitchWindow[];
  /** max − min of the reported swap times (null before two reports). */
  skewMs: number | null;
  /** Last reported swap − request (command → all windows applied), once every window reported. */
  latencyMs: number | null;
}

/** The answer of `GET /api/walls`. */
export interface WallsAnswer {
  /** The hub's clock when it answered (ms since the epoch), for the reader's offset. */
  hubTime: number;
  walls: WallInfo[];
  /** The last two-phase switch; null before the first (or on a hub without two-phase switches). */
  lastSwitch: SwitchRecord | null;
  /** Degraded mode: the screens the hub counts as dead. */
  deadScreens: string[];
}
