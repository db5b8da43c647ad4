/**
 * Two-phase, frame-synchronous layout switches across every window of every node
 * (docs/protocol.md, "5. Layout switch").
 *
 *   1. prepare: `layout:prepare { switchId, layout, deadline }` to every window that announced
 *      `two-phase-switch`; each builds the scene hidden (streams started) and answers
 *      `layout:prepared { switchId, ok, error? }`.
 *   2. commit: when all answered ok before the deadline (default 10 s), `layout:switch` (the
 *      commit: `commandId` = switchId, `at` = hub now + lead) to every window; each swaps on its
 *      first frame at or after `at` (its clock offset applied) and reports `layout:switched`.
 *      abort: when one answered `ok: false`, disconnected or did not answer in time,
 *      `layout:abort { switchId, reason }` to every window: the old layout stays everywhere, and
 *      the switch's record names the windows that failed.
 *
 * The commit lead (default 400 ms) only has to cover the commit message's trip and a frame: the
 * scenes are built already. Windows that do not speak two-phase (a raw client, an older wall) get
 * only the commit; when any is connected the lead is the one-phase default (1500 ms) so they can
 * build in time. One switch at a time: a request while one prepares is queued, never refused
 * (docs/automation.md "Switch queue"): it starts when the one preparing commits or aborts. The
 * queue holds one request, the latest: a newer one replaces it, and the replaced requester is
 * answered `switch-superseded` (and audited as a switch that did not happen).
 *
 * The record of the last switch (per-window prepare answers and swap times, skew = max − min of
 * the reported swap times, latency = last swap − request) is served by `GET /api/walls` and
 * `/metrics`, and kept in the store at every change, so operators still see it after a restart.
 * A committed switch is audited as `layout` (layouts.ts commit); every request that did not lead to
 * one (refused, aborted) as `layout:failed`, with who asked and from where.
 */
import { randomUUID } from 'node:crypto';
import type { LayoutCommand, PresetRef, LayoutPrepared, LayoutSwitched } from '../core/protocol/layout-commands.js';
import type { WallIdentity } from '../core/protocol/protocol.js';
import type { WallNamespace, WallSocket } from './fanout.js';
import { DEFAULT_LEAD_MS, type LayoutService } from './layouts.js';
import type { SwitchRecord, SwitchWindow } from '../core/protocol/walls.js';
import type { Actor } from './storage/store-types.js';
import { WriteBehind } from './write-behind.js';
import { failedSwitch, type SwitchOutcome } from './switch-outcome.js';
import type { QueuedSwitch } from '../core/protocol/automation.js';
import { SwitchQueue, type SwitchReason } from './switch-queue.js';

export type { SwitchReason } from './switch-queue.js';

export const PREPARE_TIMEOUT_MS = 10_000;
export const COMMIT_LEAD_MS = 400;

export type { SwitchOutcome } from './switch-outcome.js';

export interface SwitchCoordinatorDeps {
  ns: WallNamespace;
  layouts: LayoutService;
  now: () => number;
  log: (message: string) => void;
  prepareTimeoutMs?: number;
  commitLeadMs?: number;
  /** Keeps the last switch's record across restarts (HubStore.walls); without it, it lives in memory. */
  store?: SwitchRecordStore;
  /** The record stored before this start (HubStore.walls.loadSwitch), if any. */
  saved?: SwitchRecord | null;
}

/** Where the last switch's record is kept. */
export interface SwitchRecordStore {
  saveSwitch(record: SwitchRecord): Promise<void> | void;
}

interface Active {
  record: SwitchRecord;
  /** Participants by socket id. */
  participants: Map<string, SwitchWindow>;
  timer: ReturnType<typeof setTimeout>;
  actor: Actor;
  preset: PresetRef | undefined;
  leadMs: number | undefined;
  oneKind: boolean;
  resolve: (o: SwitchOutcome) => void;
}

/** Told of every switch that ended (committed, aborted, refused, superseded), with who asked. */
export type SwitchListener = (outcome: SwitchOutcome, actor: Actor) => void;

const who = (w: { node: string; window: string }): string => `${w.node}/${w.window}`;

export class SwitchCoordinator {
  private active: Active | null = null;
  private lastRecord: SwitchRecord | null = null;
  private readonly waiting = new SwitchQueue();
  private readonly listeners: SwitchListener[] = [];
  /** Switches by outcome since start, for /metrics. */
  public readonly counts = { committed: 0, aborted: 0 };
  private readonly writes: WriteBehind;

  public constructor(private readonly d: SwitchCoordinatorDeps) {
    this.writes = new WriteBehind(d.log);
    const saved = d.saved ?? null;
    if (saved?.state === 'preparing') {
      // The hub stopped (crashed: a clean stop aborts) while the switch prepared: it never committed.
      saved.state = 'aborted';
      saved.abortedAt = d.now();
      saved.reason = 'the hub restarted while the switch was being prepared';
      this.save(saved);
    }
    this.lastRecord = saved;
  }

  public get last(): SwitchRecord | null {
    return this.lastRecord;
  }

  public get preparing(): boolean {
    return this.active !== null;
  }

  /** The switch waiting for the one being prepared (at most one: the latest request). */
  public queue(): QueuedSwitch[] {
    return this.waiting.list();
  }

  /** `listener` hears every switch's end (the automation's director: manual switches start a hold). */
  public onOutcome(listener: SwitchListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs a switch to `layout`; resolves when it is committed (every window will swap at
   * `command.at`) or aborted. `leadMs`: the commit lead (default COMMIT_LEAD_MS). With `preset`,
   * every window builds the layout with the preset's cameras (src/core/protocol/presets.ts).
   */
  public request(layout: string, actor: Actor, leadMs?: number, preset?: PresetRef, why?: SwitchReason): Promise<SwitchOutcome> {
    const refused = this.d.layouts.refusal(layout);
    if (refused) return Promise.resolve(this.tell(failedSwitch(this.d, { ok: false, code: 'unknown-layout', message: refused }, { layout, actor, preset }), actor));
    if (!this.active) return this.start(layout, actor, leadMs, preset);
    return new Promise<SwitchOutcome>((resolve) => {
      const replaced = this.waiting.put({ layout, actor, leadMs, preset, why: why ?? { source: 'operator', reason: actor.name }, queuedAt: this.d.now(), resolve });
      if (replaced) {
        const message = `a later request (${actor.name}: "${layout}") replaced this one while switch ${this.active!.record.switchId} was being prepared`;
        replaced.resolve(this.tell(failedSwitch(this.d, { ok: false, code: 'switch-superseded', message }, replaced), replaced.actor));
      }
      this.d.log(`switch to "${layout}" queued behind ${this.active!.record.switchId}`);
    });
  }

  private start(layout: string, actor: Actor, leadMs: number | undefined, preset: PresetRef | undefined): Promise<SwitchOutcome> {
    const now = this.d.now();
    const timeout = this.d.prepareTimeoutMs ?? PREPARE_TIMEOUT_MS;
    const record: SwitchRecord = {
      switchId: randomUUID(),
      layout,
      ...(preset ? { preset: { id: preset.id, version: preset.version } } : {}),
      by: actor.name,
      state: 'preparing',
      requestedAt: now,
      failed: [],
      windows: [],
      skewMs: null,
      latencyMs: null,
    };
    const participants = new Map<string, SwitchWindow>();
    let oneKind = true;
    for (const socket of this.d.ns.sockets.values()) {
      const { identity, features } = socket.data;
      // The feature name is core's (WALL_FEATURES): the handshake validator let only those through.
      const twoPhase = features?.includes('two-phase-switch') ?? false;
      const w: SwitchWindow = { node: identity.node, window: identity.window, prepare: twoPhase ? 'pending' : 'one-phase' };
      record.windows.push(w);
      if (twoPhase) participants.set(socket.id, w);
      else oneKind = false;
    }
    record.windows.sort((a, b) => a.node.localeCompare(b.node) || a.window.localeCompare(b.window));
    this.lastRecord = record;
    this.save(record);
    return new Promise<SwitchOutcome>((resolve) => {
      const active: Active = {
        record,
        participants,
        actor,
        preset,
        leadMs,
        oneKind,
        resolve,
        timer: setTimeout(() => this.onTimeout(active), timeout),
      };
      this.active = active;
      if (participants.size === 0) return this.commit(active);
      for (const id of participants.keys()) {
        this.d.ns.sockets.get(id)?.emit('layout:prepare', { switchId: record.switchId, layout, ...(preset ? { preset } : {}), deadline: now + timeout, by: actor.name });
      }
      this.d.log(`switch ${record.switchId}: prepare "${layout}" on ${participants.size} window(s)`);
    });
  }

  /** A window's `layout:prepared`. */
  public onPrepared(socket: WallSocket, report: LayoutPrepared): void {
    const a = this.active;
    if (!a || report.switchId !== a.record.switchId) return;
    const w = a.participants.get(socket.id);
    if (!w || w.prepare !== 'pending') return;
    w.prepareMs = this.d.now() - a.record.requestedAt;
    if (!report.ok) {
      w.prepare = 'failed';
      w.error = report.error ?? 'the window could not prepare the layout';
      return this.abort(a, `${who(w)} could not prepare "${a.record.layout}": ${w.error}`);
    }
    w.prepare = 'ok';
    if ([...a.participants.values()].every((p) => p.prepare === 'ok')) this.commit(a);
  }

  /** A window went away: a switch it was preparing cannot be committed. */
  public onDisconnect(socket: WallSocket): void {
    const a = this.active;
    const w = a?.participants.get(socket.id);
    if (!a || !w || w.prepare !== 'pending') return;
    w.prepare = 'disconnected';
    w.error = 'disconnected while preparing';
    this.abort(a, `${who(w)} disconnected while preparing "${a.record.layout}"`);
  }

  /** A window's `layout:switched`: its swap time goes into the last switch's record. */
  public onSwitched(identity: WallIdentity, report: LayoutSwitched): void {
    const r = this.lastRecord;
    if (!r || r.state !== 'committed' || report.commandId !== r.switchId) return;
    const w = r.windows.find((x) => x.node === identity.node && x.window === identity.window);
    if (!w) return;
    w.switchedAt = report.at;
    const times = r.windows.flatMap((x) => (x.switchedAt !== undefined ? [x.switchedAt] : []));
    r.skewMs = times.length >= 2 ? Math.max(...times) - Math.min(...times) : null;
    r.latencyMs = times.length === r.windows.length ? Math.max(...times) - r.requestedAt : null;
    this.save(r);
  }

  /** Aborts a switch being prepared (the hub is going away); safe to call twice. */
  public destroy(): void {
    const w = this.waiting.take();
    if (w) w.resolve(failedSwitch(this.d, { ok: false, code: 'switch-aborted', message: 'the hub is shutting down' }, w));
    const a = this.active;
    if (a) this.abort(a, 'the hub is shutting down');
  }

  private tell(outcome: SwitchOutcome, actor: Actor): SwitchOutcome {
    for (const listener of this.listeners) {
      try {
        listener(outcome, actor);
      } catch (e) {
        this.d.log(`switch listener failed: ${(e as Error).message}`);
      }
    }
    return outcome;
  }

  /** The switch that ended leaves room: the queued one (if any) starts now. */
  private next(): void {
    if (this.active) return;
    const w = this.waiting.take();
    if (!w) return;
    const stale = w.why.stale?.();
    if (stale) return void w.resolve(this.tell(failedSwitch(this.d, { ok: false, code: 'switch-superseded', message: stale }, w), w.actor));
    void this.request(w.layout, w.actor, w.leadMs, w.preset, w.why).then(w.resolve);
  }

  /** The record is for operators; a failed write must not stop the wall switching (logged). */
  private save(record: SwitchRecord): void {
    const store = this.d.store;
    if (!store) return;
    const copy = structuredClone(record); // written behind: as it is now, not as it changes meanwhile
    this.writes.run(`switch ${record.switchId}: could not store its record`, () => store.saveSwitch(copy));
  }

  /** Resolves once the records' writes asked so far have ended. */
  public settled(): Promise<void> {
    return this.writes.settled();
  }

  private onTimeout(a: Active): void {
    if (this.active !== a) return;
    const late = [...a.participants.values()].filter((w) => w.prepare === 'pending');
    for (const w of late) {
      w.prepare = 'timeout';
      w.error = `no answer within ${this.d.prepareTimeoutMs ?? PREPARE_TIMEOUT_MS} ms`;
    }
    this.abort(a, `no answer from ${late.map(who).join(', ')} within ${this.d.prepareTimeoutMs ?? PREPARE_TIMEOUT_MS} ms`);
  }

  private commit(a: Active): void {
    clearTimeout(a.timer);
    this.active = null;
    const now = this.d.now();
    const lead = a.leadMs ?? (a.oneKind ? (this.d.commitLeadMs ?? COMMIT_LEAD_MS) : DEFAULT_LEAD_MS);
    const { record } = a;
    const command: LayoutCommand = {
      commandId: record.switchId,
      layout: record.layout,
      at: now + lead,
      issuedAt: now,
      by: a.actor.name,
      ...(a.preset ? { preset: a.preset } : {}),
    };
    record.state = 'committed';
    record.committedAt = now;
    record.at = command.at;
    this.counts.committed += 1;
    // Stored (with its audit entry) before the walls are told; a store that refused it aborts the switch.
    void this.d.layouts.commit(command, a.actor).then(
      () => {
        this.save(record);
        a.resolve(this.tell({ ok: true, command, record }, a.actor));
        this.next();
      },
      (e: unknown) => this.notStored(a, `the hub could not store the layout: ${(e as Error).message}`),
    );
  }

  /** The commit's store write failed: the windows that prepared hear an abort, the requester a switch-aborted. */
  private notStored(a: Active, reason: string): void {
    const { record } = a;
    this.counts.committed -= 1;
    this.counts.aborted += 1;
    Object.assign(record, { state: 'aborted', abortedAt: this.d.now(), reason, failed: [] });
    delete record.committedAt;
    delete record.at;
    this.save(record);
    for (const id of a.participants.keys()) this.d.ns.sockets.get(id)?.emit('layout:abort', { switchId: record.switchId, reason: reason.slice(0, 2000) });
    this.d.log(`switch ${record.switchId} aborted: ${reason}`);
    a.resolve(this.tell(failedSwitch(this.d, { ok: false, code: 'switch-aborted', message: reason, record }, { layout: record.layout, actor: a.actor, preset: a.preset, record }), a.actor));
    this.next();
  }

  private abort(a: Active, reason: string): void {
    clearTimeout(a.timer);
    this.active = null;
    const { record } = a;
    record.state = 'aborted';
    record.abortedAt = this.d.now();
    record.reason = reason;
    record.failed = [...a.participants.values()]
      .filter((w) => w.prepare !== 'ok' && w.prepare !== 'pending')
      .map((w) => ({ node: w.node, window: w.window, error: w.error ?? w.prepare }));
    this.counts.aborted += 1;
    this.save(record);
    // Every window hears it, those that answered ok and those still building alike.
    for (const id of a.participants.keys()) this.d.ns.sockets.get(id)?.emit('layout:abort', { switchId: record.switchId, reason: reason.slice(0, 2000) });
    this.d.log(`switch ${record.switchId} aborted: ${reason}`);
    a.resolve(this.tell(failedSwitch(this.d, { ok: false, code: 'switch-aborted', message: reason, record }, { layout: record.layout, actor: a.actor, preset: a.preset, record }), a.actor));
    this.next();
  }
}
