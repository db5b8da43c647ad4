/**
 * The wall's current layout and layout switches. A switch is scheduled at a hub time a little
 * ahead (the lead), so every window swaps on the same frame; the command is stored (a restarted
 * hub and a reconnecting wall get it in the snapshot) and broadcast.
 */
import { randomUUID } from 'node:crypto';
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import type { WallNamespace } from './fanout.js';
import type { HubStore } from './storage/store.js';
import type { Actor, LayoutFailure } from './storage/store-types.js';

export const DEFAULT_LEAD_MS = 1500;

export type SwitchResult = { ok: true; command: LayoutCommand } | { ok: false; message: string };

export class LayoutService {
  private current: LayoutCommand | null;

  /** `known`: layout ids the hub may switch to (from the project); null accepts any id. `current`: the stored layout (HubStore.layout.load). */
  public constructor(
    private readonly store: HubStore,
    private readonly ns: WallNamespace,
    private readonly now: () => number,
    private readonly known: readonly string[] | null,
    current: LayoutCommand | null,
  ) {
    this.current = current;
  }

  public get layouts(): readonly string[] | null {
    return this.known;
  }

  public currentCommand(): LayoutCommand | null {
    return this.current;
  }

  /** Why the hub cannot switch to `layout` (not a layout of the project), or null when it can. */
  public refusal(layout: string): string | null {
    return this.known && !this.known.includes(layout) ? `no layout "${layout}"; known: ${this.known.join(', ')}` : null;
  }

  /** One-phase switch: commit at once, every wall swaps at now + lead (no prepare round). */
  public async switchTo(layout: string, leadMs: number | undefined, actor: Actor): Promise<SwitchResult> {
    const refused = this.refusal(layout);
    if (refused) {
      await this.recordFailure({ code: 'unknown-layout', reason: refused, layout }, actor);
      return { ok: false, message: refused };
    }
    const issuedAt = this.now();
    return { ok: true, command: await this.commit({ commandId: randomUUID(), layout, at: issuedAt + (leadMs ?? DEFAULT_LEAD_MS), issuedAt, by: actor.name }, actor) };
  }

  /**
   * Makes `command` the current layout: stored (with its audit entry; rejects when the store refused it), then kept for snapshots and
   * broadcast as `layout:switch` (the commit of a two-phase switch, see switch-coordinator.ts).
   */
  public async commit(command: LayoutCommand, actor: Actor): Promise<LayoutCommand> {
    await this.store.layout.save(command, actor);
    this.current = command;
    this.ns.emit('layout:switch', command);
    return command;
  }

  /** A switch or preset activation that did not happen goes into the audit (`layout:failed`); throws if the store cannot write. */
  public async recordFailure(failure: LayoutFailure, actor: Actor): Promise<void> {
    await this.store.layout.saveFailure(failure, actor, this.now());
  }
}
