/**
 * The walls the hub knows: each wall window (node + window id) with its connection state, its last
 * health report and its last layout switch, for `GET /api/walls` and degraded mode. Windows that
 * went away stay listed (connected: false) so operators see which screen dropped off, and so their
 * screens count as dead (src/hub/dead-screens.ts).
 *
 * The windows are kept in the store (src/hub/storage/wall-store.ts) and restored when the hub starts: a
 * restarted hub knows the wall as it was, and a window that does not come back within the grace
 * period after the start is counted dead like one that disconnected. A window that was already gone
 * before the restart stays gone since then (no 10-second revival of its screens at every restart).
 *
 * A gone window is forgotten when its node's connected windows show all its screens (the node
 * re-planned: screens moved between windows, or windows were merged), or after FORGET_MS.
 */
import type { WallFeature, WallIdentity } from '../core/protocol/protocol.js';
import type { HealthReport } from '../core/protocol/wall-health.js';
import type { LayoutSwitched } from '../core/protocol/layout-commands.js';
import type { WallInfo } from '../core/protocol/walls.js';
import type { Principal } from './auth.js';
import type { StoredWindow } from './storage/store-types.js';
import { WriteBehind } from './write-behind.js';

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
  features?: readonly WallFeature[];
}

function sameScreens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Where the registry keeps its windows across restarts (HubStore.walls); unit tests go without. */
export interface WindowPersistence {
  saveWindow(w: WallInfo): Promise<void> | void;
  deleteWindow(node: string, window: string): Promise<void> | void;
}

/**
 * Forget a gone window after a week. Long, because forgetting revives its screens in degraded mode:
 * a node dead over a long weekend must stay dead. A window of a node that re-planned goes sooner
 * (superseded); this is for screens that no window shows any more (taken off the wall).
 */
export const FORGET_MS = 7 * 24 * 3600_000;
const MAX_WALLS = 1000;

export class WallRegistry {
  private readonly walls = new Map<string, WallInfo>();
  private readonly writes: WriteBehind;

  public constructor(
    private readonly now: () => number,
    private persist: WindowPersistence | null = null,
    log: (message: string) => void = () => undefined,
  ) {
    this.writes = new WriteBehind(log);
  }

  /**
   * The windows of the store, at the hub's start: all disconnected. One that was connected when the
   * hub stopped or crashed counts as gone since `startedAt` (its grace period starts now, while the
   * walls reconnect), and is stored so, so that a hub restarting again does not give it another.
   */
  public restore(rows: readonly StoredWindow[], startedAt: number): void {
    for (const r of rows) {
      const w: WallInfo = {
        node: r.node,
        window: r.window,
        screens: [...r.screens],
        token: r.token,
        connected: false,
        connections: 0,
        address: r.address,
        connectedAt: r.connectedAt,
        disconnectedAt: r.goneAt ?? startedAt,
        disconnectReason: r.goneAt === null ? 'hub restarted' : r.disconnectReason,
        health: r.health,
        lastSwitch: r.lastSwitch,
      };
      this.walls.set(this.key(w), w);
      if (r.goneAt === null) this.save(w);
    }
    this.prune();
  }

  /**
   * Stops writing to the store: called when the hub closes, before its sockets are, so the windows
   * that were connected are stored as connected (the hub went away, not they).
   */
  public detach(): void {
    this.persist = null;
  }

  /** Resolves once the windows' writes asked so far have ended (the hub's stop waits for it). */
  public settled(): Promise<void> {
    return this.writes.settled();
  }

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
    this.save(this.walls.get(key)!);
    this.dropSuperseded(identity.node);
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
      this.save(w);
    }
  }

  public onHealth(identity: WallIdentity, report: HealthReport): void {
    const w = this.walls.get(this.key(identity));
    if (!w) return;
    const darkChanged = !sameScreens(w.health?.deadScreens ?? [], report.deadScreens ?? []);
    w.health = { ...report, receivedAt: this.now() };
    // Only the dark screens matter after a restart; the rest of a report is stale by then anyway.
    if (darkChanged) this.save(w);
  }

  public onSwitched(identity: WallIdentity, report: LayoutSwitched): void {
    const w = this.walls.get(this.key(identity));
    if (!w) return;
    w.lastSwitch = { ...report, receivedAt: this.now() };
    this.save(w);
  }

  public list(): WallInfo[] {
    return [...this.walls.values()].sort((a, b) => a.node.localeCompare(b.node) || a.window.localeCompare(b.window));
  }

  public connectedCount(): number {
    let n = 0;
    for (const w of this.walls.values()) n += w.connections;
    return n;
  }

  private key(identity: { node: string; window: string }): string {
    return `${identity.node}\u0000${identity.window}`;
  }

  private forget(key: string, w: WallInfo): void {
    this.walls.delete(key);
    this.write(w, (p) => p.deleteWindow(w.node, w.window));
  }

  private save(w: WallInfo): void {
    this.write(w, (p) => p.saveWindow(w));
  }

  /** The store is for the next start; a failed write (disk full) must not stop the hub serving the walls. */
  private write(w: WallInfo, op: (p: WindowPersistence) => Promise<void> | void): void {
    const persist = this.persist;
    if (!persist) return;
    this.writes.run(`wall ${w.node}/${w.window}: could not store it`, () => op(persist));
  }

  /**
   * Forgets the gone windows of `node` whose screens its connected windows all show: the node
   * re-planned (a display came back and two windows became one, or a window's screens moved), so
   * the old window will never come back and must not keep a listing. Only the same node's windows
   * count: a node speaks for its own screens.
   */
  private dropSuperseded(node: string): void {
    const shown = new Set<string>();
    for (const w of this.walls.values()) if (w.node === node && w.connected) for (const s of w.screens) shown.add(s);
    for (const [k, w] of this.walls) {
      if (w.node === node && !w.connected && w.screens.every((s) => shown.has(s))) this.forget(k, w);
    }
  }

  private prune(): void {
    const cutoff = this.now() - FORGET_MS;
    for (const [k, w] of this.walls) {
      if (!w.connected && (w.disconnectedAt ?? 0) < cutoff) this.forget(k, w);
    }
    while (this.walls.size > MAX_WALLS) {
      const oldest = [...this.walls].find(([, w]) => !w.connected);
      if (!oldest) break;
      this.forget(oldest[0], oldest[1]);
    }
  }
}
