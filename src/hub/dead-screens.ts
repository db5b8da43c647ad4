/**
 * Which screens of the wall are dead, from what the hub sees of its windows: a window gone (no
 * connection) for more than the grace period takes its screens with it, and a connected window's
 * health report may name screens its shell found dark. A screen that another connected window
 * still shows (and does not report dark) is alive. The set goes to every wall as `degraded`
 * whenever it changes and after every snapshot; walls re-plan their layout around it
 * (src/core/degraded.ts).
 *
 * The hub only knows windows that connected since it started: a node that never came up is not
 * counted dead (the hub does not read wall.yaml).
 */
import type { DegradedState } from '../core/protocol.js';
import type { WallNamespace, WallSocket } from './fanout.js';
import type { WallInfo, WallRegistry } from './walls.js';

export interface DeadScreenOptions {
  /** How long a window may be away before its screens count as dead (default 10 000 ms: a reload or a reconnect rides it out). */
  graceMs?: number;
  /** How often the set is recomputed besides on connects, disconnects and health reports (default 1000 ms). */
  checkMs?: number;
}

export const DEFAULT_DEAD_GRACE_MS = 10_000;

/** The dead screens among `walls` at `now`, sorted. Pure: the monitor and the tests share it. */
export function computeDeadScreens(walls: readonly WallInfo[], now: number, graceMs: number): string[] {
  const dark = new Set<string>();
  const gone = new Set<string>();
  const shown = new Set<string>();
  for (const w of walls) {
    if (w.connected) {
      const reported = new Set(w.health?.deadScreens ?? []);
      for (const s of w.screens) (reported.has(s) ? dark : shown).add(s);
    } else if (w.disconnectedAt !== null && now - w.disconnectedAt > graceMs) {
      for (const s of w.screens) gone.add(s);
    }
  }
  // A gone window's screen that a live window shows now (a new window plan) is alive; a screen its
  // own window reports dark is dead whatever else shows it.
  for (const s of gone) if (!shown.has(s)) dark.add(s);
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

  public start(): void {
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

  public close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
