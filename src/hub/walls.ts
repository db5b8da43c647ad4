/**
 * The walls the hub knows: each wall window (node + window id) with its connection state, its last
 * health report and its last layout switch, for `GET /api/walls`. Windows that went away stay
 * listed (connected: false) so operators see which screen dropped off.
 */
import type { HealthReport, LayoutSwitched, WallIdentity } from '../core/protocol.js';
import type { Principal } from './auth.js';

/** Per-connection state kept on the socket (socket.data). */
export interface WallSocketData {
  principal: Principal;
  identity: WallIdentity;
  /** Seq of the last update batch sent (or skipped) on this connection. */
  seq: number;
  /** Index of the last update the last snapshot included (see UpdateFanout). */
  snapshotIndex: number;
  connectedAt: number;
  /** Abilities announced in the handshake (e.g. `two-phase-switch`). */
  features?: readonly string[];
}

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

function sameScreens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Forget a disconnected window after a day. */
const FORGET_MS = 24 * 3600_000;
const MAX_WALLS = 1000;

export class WallRegistry {
  private readonly walls = new Map<string, WallInfo>();

  public constructor(private readonly now: () => number) {}

  public onConnect(identity: WallIdentity, token: string, address: string | null): void {
    const key = this.key(identity);
    const prev = this.walls.get(key);
    this.walls.set(key, {
      node: identity.node,
      window: identity.window,
      screens: [...identity.screens],
      token,
      connected: true,
      connections: (prev?.connected ? prev.connections : 0) + 1,
      address,
      connectedAt: this.now(),
      disconnectedAt: null,
      disconnectReason: null,
      // A report made while the window showed other screens (its node re-planned) may name a screen
      // dark that it shows now: it says nothing about these screens.
      health: prev && sameScreens(prev.screens, identity.screens) ? prev.health : null,
      lastSwitch: prev?.lastSwitch ?? null,
    });
    this.prune();
  }

  public onDisconnect(identity: WallIdentity, reason: string): void {
    const w = this.walls.get(this.key(identity));
    if (!w) return;
    w.connections = Math.max(0, w.connections - 1);
    if (w.connections === 0) {
      w.connected = false;
      w.disconnectedAt = this.now();
      w.disconnectReason = reason;
    }
  }

  public onHealth(identity: WallIdentity, report: HealthReport): void {
    const w = this.walls.get(this.key(identity));
    if (w) w.health = { ...report, receivedAt: this.now() };
  }

  public onSwitched(identity: WallIdentity, report: LayoutSwitched): void {
    const w = this.walls.get(this.key(identity));
    if (w) w.lastSwitch = { ...report, receivedAt: this.now() };
  }

  public list(): WallInfo[] {
    return [...this.walls.values()].sort((a, b) => a.node.localeCompare(b.node) || a.window.localeCompare(b.window));
  }

  public connectedCount(): number {
    let n = 0;
    for (const w of this.walls.values()) n += w.connections;
    return n;
  }

  private key(identity: WallIdentity): string {
    return `${identity.node}\u0000${identity.window}`;
  }

  private prune(): void {
    const cutoff = this.now() - FORGET_MS;
    for (const [k, w] of this.walls) {
      if (!w.connected && (w.disconnectedAt ?? 0) < cutoff) this.walls.delete(k);
    }
    while (this.walls.size > MAX_WALLS) {
      const oldest = [...this.walls].find(([, w]) => !w.connected);
      if (!oldest) break;
      this.walls.delete(oldest[0]);
    }
  }
}
