/**
 * Which screens of the wall are dead, from what the hub sees of its windows:
 * - a window gone (no connection) for more than the grace period takes its screens with it;
 * - a window's health report names its node's dark screens (displays its shell's check did not
 *   find). Those are usually screens no window shows at all (the window plan skips a missing
 *   display), so the hub takes them whichever window of the node reports them. A window's report
 *   holds after it disconnects (a node that goes down does not bring its dark screens back).
 * A screen that a connected window shows (and does not report dark itself) is alive whatever a
 * gone window or another window's report says: a report may be stale (the display came back and a
 * new window shows it before the old window's next report). A screen a connected window reports
 * dark among its own screens is dead whatever else shows it. A report naming a screen that a
 * window of another node shows is not that node's to make: it is ignored. The set goes to every
 * wall as `degraded` whenever it changes and after every snapshot; walls re-plan their layout
 * around it (src/core/wall/degraded.ts).
 *
 * The hub knows the windows it has seen, also before a restart (the registry restores them from the
 * store, gone since the start: one that does not reconnect within the grace period is dead). A node
 * this hub's data directory has never seen is not counted dead: the hub does not read wall.yaml
 * (docs/protocol.md, "7. Degraded mode", says why). Which node a window speaks for is its handshake
 * identity; a wall token pinned to a node (docs/security.md) makes that the token's node.
 */
import type { DegradedState } from '../core/protocol/wall-health.js';
import type { WallNamespace, WallSocket } from './fanout.js';
import type { WallInfo } from '../core/protocol/walls.js';
import type { WallRegistry } from './walls.js';

export interface DeadScreenOptions {
  /** How long a window may be away before its screens count as dead (default 10 000 ms: a reload or a reconnect rides it out). */
  graceMs?: number;
  /** How often the set is recomputed besides on connects, disconnects and health reports (default 1000 ms). */
  checkMs?: number;
}

export const DEFAULT_DEAD_GRACE_MS = 10_000;

/** The dead screens among `walls` at `now`, sorted. Pure: the monitor and the tests share it. */
export function computeDeadScreens(walls: readonly WallInfo[], now: number, graceMs: number): string[] {
  const nodeOf = new Map<string, string>();
  for (const w of walls) for (const s of w.screens) nodeOf.set(s, w.node);
  /** Dead whatever else shows them: connected windows' own screens they report dark. */
  const dark = new Set<string>();
  /** Dead unless a connected window shows them: gone windows' screens, other reported screens. */
  const doubtful = new Set<string>();
  const shown = new Set<string>();
  for (const w of walls) {
    const own = new Set(w.screens);
    const reported = new Set(w.health?.deadScreens ?? []);
    for (const s of reported) {
      if (w.connected && own.has(s)) dark.add(s);
      else if ((nodeOf.get(s) ?? w.node) === w.node) doubtful.add(s);
    }
    if (w.connected) {
      for (const s of w.screens) if (!reported.has(s)) shown.add(s);
    } else if (w.disconnectedAt !== null && now - w.disconnectedAt > graceMs) {
      for (const s of w.screens) doubtful.add(s);
    }
  }
  for (const s of doubtful) if (!shown.has(s)) dark.add(s);
  return [...dark].sort();
}

export class DeadScreenMonitor {
  private state: DegradedState;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly graceMs: number;

  public constructor(
    private readonly walls: WallRegistry,
    private readonly ns: WallNamespace,
    private readonly now: () => number,
    private readonly options: DeadScreenOptions = {},
  ) {
    this.graceMs = options.graceMs ?? DEFAULT_DEAD_GRACE_MS;
    this.state = { at: now(), deadScreens: [] };
  }

  /** Starts the periodic recheck. */
  public init(): void {
    this.timer ??= setInterval(() => this.check(), this.options.checkMs ?? 1000);
    this.timer.unref?.();
  }

  public current(): DegradedState {
    return { at: this.state.at, deadScreens: [...this.state.deadScreens] };
  }

  /** Recomputes; tells every wall when the set changed. */
  public check(): void {
    const dead = computeDeadScreens(this.walls.list(), this.now(), this.graceMs);
    const before = this.state.deadScreens;
    if (dead.length === before.length && dead.every((s, i) => s === before[i])) return;
    this.state = { at: this.now(), deadScreens: dead };
    this.ns.emit('degraded', this.current());
  }

  /** The current set to one wall (after its snapshot). */
  public sendTo(socket: WallSocket): void {
    socket.emit('degraded', this.current());
  }

  /** Stops the recheck; safe to call twice. */
  public destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
