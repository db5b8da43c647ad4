/**
 * The wall's alert actions as widgets see them (ctx.alertActions): a slot that exists from the
 * first frame and forwards to the hub session's actions once it plugs them in (WallApp.setAlertActions).
 */
import type { Container } from 'pixi.js';
import type { AlertActions } from './widgets/widget.js';

/** Widgets hold this from their first frame; the hub session plugs its actions in later. */
export class AlertActionsSlot implements AlertActions {
  public target: AlertActions | null = null;

  public get enabled(): boolean {
    return this.target?.enabled ?? false;
  }

  public acknowledge(alertId: string, at: { x: number; y: number }): void {
    this.target?.acknowledge(alertId, at);
  }

  public select(alertId: string | null): void {
    this.target?.select(alertId);
  }

  public exposeTarget(name: string, view: Container | null): void {
    this.target?.exposeTarget(name, view);
  }
}
