/**
 * The switch queue (docs/automation.md "Switch queue"): the one request waiting for the switch
 * being prepared (switch-coordinator.ts). It holds the latest request only: a newer one replaces
 * it, and the coordinator answers the replaced requester `switch-superseded`.
 */
import type { PresetRef } from '../core/protocol/layout-commands.js';
import type { QueuedSwitch } from '../core/protocol/automation.js';
import type { Actor } from './storage/store-types.js';
import type { SwitchOutcome } from './switch-outcome.js';

/** Why a switch was asked, for the queue's listing (GET /api/schedule); default: an operator, by name. */
export type SwitchReason = Pick<QueuedSwitch, 'source' | 'reason'>;

export interface WaitingSwitch {
  layout: string;
  actor: Actor;
  leadMs: number | undefined;
  preset: PresetRef | undefined;
  why: SwitchReason;
  queuedAt: number;
  resolve: (o: SwitchOutcome) => void;
}

export class SwitchQueue {
  private waiting: WaitingSwitch | null = null;

  /** Queues `w`; returns the request it replaced, whose requester must be answered. */
  public put(w: WaitingSwitch): WaitingSwitch | null {
    const replaced = this.waiting;
    this.waiting = w;
    return replaced;
  }

  /** The waiting request, taken out of the queue (null: none). */
  public take(): WaitingSwitch | null {
    const w = this.waiting;
    this.waiting = null;
    return w;
  }

  public list(): QueuedSwitch[] {
    const w = this.waiting;
    if (!w) return [];
    const target = w.preset ? { preset: w.preset.id } : { layout: w.layout };
    return [{ target, source: w.why.source, reason: w.why.reason, queuedAt: w.queuedAt }];
  }
}
