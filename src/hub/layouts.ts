/**
 * The wall's current layout and layout switches. A switch is scheduled at a hub time a little
 * ahead (the lead), so every window swaps on the same frame; the command is stored (a restarted
 * hub and a reconnecting wall get it in the snapshot) and broadcast.
 */
import { randomUUID } from 'node:crypto';
import type { LayoutCommand } from '../core/protocol.js';
import type { WallNamespace } from './fanout.js';
import type { Actor, HubStore } from './store.js';

export const DEFAULT_LEAD_MS = 1500;

export type SwitchResult = { ok: true; command: LayoutCommand } | { ok: false; message: string };

export class LayoutService {
  private current: LayoutCommand | null;

  /** `known`: layout ids the hub may switch to (from the project); null accepts any id. */
  public constructor(
    private readonly store: HubStore,
    private readonly ns: WallNamespace,
    private readonly now: () => number,
    private readonly known: readonly string[] | null,
  ) {
    this.current = store.loadLayout();
  }

  public get layouts(): readonly string[] | null {
    return this.known;
  }

  public currentCommand(): LayoutCommand | null {
    return this.current;
  }

  public switchTo(layout: string, leadMs: number | undefined, actor: Actor): SwitchResult {
    if (this.known && !this.known.includes(layout)) {
      return { ok: false, message: `no layout "${layout}"; known: ${this.known.join(', ')}` };
    }
    const issuedAt = this.now();
    const command: LayoutCommand = {
      commandId: randomUUID(),
      layout,
      at: issuedAt + (leadMs ?? DEFAULT_LEAD_MS),
      issuedAt,
      by: actor.name,
    };
    this.store.saveLayout(command, actor);
    this.current = command;
    this.ns.emit('layout:switch', command);
    return { ok: true, command };
  }
}
