/**
 * Acknowledging on the wall: which alert the duty staff chose (touch on the alert list or its
 * details, or the arrow keys and Enter), the dialog that asks who they are (PIN, badge or operator
 * token, checked against the operator directory), and handing the identified acknowledgement to
 * the wall client's persistent queue. Implements the widgets' AlertActions.
 */
import type { Container } from 'pixi.js';
import type { Rect, Theme } from '../../core/wall/model.js';
import type { PlannedWindow } from '../../core/displays/window-plan.js';
import type { HubDebugState } from '../../core/page/hub-config.js';
import type { WallAlert } from '../store.js';
import type { AlertActions } from '../widgets/widget.js';
import { AckDialog } from './ack-dialog.js';
import { CredentialEntry, type EntryOutcome } from './credential-entry.js';

export interface AckControllerDeps {
  window: PlannedWindow;
  /** Screens this connection may name in an ack (identity.screens). */
  screens: readonly string[];
  overlay: Container;
  theme: Theme;
  lang: 'vi' | 'en';
  timezone: string;
  /** Alerts as shown, most severe first. */
  alerts(): WallAlert[];
  /** The wall rect of the first alert-list tile of the current scene (where keyboard acks go). */
  alertListRect(): Rect | null;
  identify(secret: string): string | null | undefined;
  /** Queues the acknowledgement (persisted, retried until the hub commits it). */
  acknowledge(alertId: string, operator: string, screen: string): void;
  /** The marks (selected) changed: redraw the alerts. */
  changed(): void;
  now(): number;
}

export class AckController implements AlertActions {
  public readonly enabled = true;
  private selectedId: string | null = null;
  private readonly entry: CredentialEntry;
  private dialog: AckDialog | null = null;
  /** The alert and screen the open dialog acknowledges. */
  private dialogTarget: { alertId: string; screen: string } | null = null;
  private readonly targetViews = new Map<string, Container>();

  public constructor(private readonly d: AckControllerDeps) {
    this.entry = new CredentialEntry((s) => d.identify(s), d.now);
  }

  public get selected(): string | null {
    return this.selectedId;
  }

  public acknowledge(alertId: string, at: { x: number; y: number }): void {
    this.openDialog(alertId, this.screenAt(at) ?? this.defaultScreen());
  }

  public select(alertId: string | null): void {
    if (alertId === this.selectedId) return;
    this.selectedId = alertId;
    this.d.changed();
  }

  public exposeTarget(name: string, view: Container | null): void {
    if (view) this.targetViews.set(name, view);
    else this.targetViews.delete(name);
  }

  /** Keyboard: while the dialog is open every key is its; otherwise arrows select, Enter acknowledges. */
  public onKeyDown(e: KeyboardEvent): boolean {
    if (this.entry.open) {
      this.apply(this.entry.key(e.key));
      return true;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return false;
    const alerts = this.d.alerts();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (alerts.length === 0) return false;
      const i = alerts.findIndex((a) => a.id === this.selectedId);
      const next = i < 0 ? (e.key === 'ArrowDown' ? 0 : alerts.length - 1) : (i + (e.key === 'ArrowDown' ? 1 : alerts.length - 1)) % alerts.length;
      this.select(alerts[next]!.id);
      return true;
    }
    if (e.key === 'Enter' && this.selectedId) {
      const a = alerts.find((x) => x.id === this.selectedId);
      if (!a || a.state !== 'active' || a.pendingAck) return false;
      this.openDialog(a.id, this.defaultScreen());
      return true;
    }
    if (e.key === 'Escape' && this.selectedId) {
      this.select(null);
      return true;
    }
    return false;
  }

  /** Every frame: closes a dialog left alone, or whose alert is gone or acknowledged meanwhile. */
  public tick(): void {
    if (!this.dialog) return;
    const target = this.entry.view();
    const alert = target && this.d.alerts().find((a) => a.id === target.alertId);
    if (this.entry.expire() || !alert || alert.state !== 'active' || alert.pendingAck) this.closeDialog();
  }

  public debug(): Pick<HubDebugState, 'selectedAlert' | 'dialog' | 'targets'> {
    const v = this.entry.view();
    const targets: HubDebugState['targets'] = [];
    const add = (name: string, view: Container): void => {
      if (view.destroyed || !view.visible) return;
      const b = view.getBounds();
      targets.push({ name, rect: { x: b.x, y: b.y, width: b.width, height: b.height } });
    };
    for (const [name, view] of this.targetViews) add(name, view);
    for (const { name, view } of this.dialog?.targets() ?? []) add(name, view);
    return {
      selectedAlert: this.selectedId,
      dialog: v ? { alertId: v.alertId, screen: v.screen, error: v.error, locked: v.locked, entered: v.entered } : null,
      targets,
    };
  }

  public destroy(): void {
    this.closeDialog();
    this.targetViews.clear();
  }

  private openDialog(alertId: string, screen: string): void {
    const alert = this.d.alerts().find((a) => a.id === alertId);
    const rect = this.d.window.screens.find((s) => s.screenId === screen)?.wallRect;
    if (!alert || !rect || alert.state !== 'active') return;
    this.closeDialog();
    this.select(alertId);
    this.entry.start(alertId, screen);
    this.dialogTarget = { alertId, screen };
    this.dialog = new AckDialog(this.d.theme, this.d.lang, this.d.timezone, rect, alert, (key) => this.apply(this.entry.key(key)));
    this.d.overlay.addChild(this.dialog.view);
    this.refresh();
  }

  private apply(outcome: EntryOutcome): void {
    if (outcome.kind === 'identified') {
      const target = this.dialogTarget;
      this.closeDialog();
      if (target) this.d.acknowledge(target.alertId, outcome.operator, target.screen);
      return;
    }
    if (outcome.kind === 'cancelled') return this.closeDialog();
    this.refresh();
  }

  private refresh(): void {
    const v = this.entry.view();
    if (v) this.dialog?.show(v);
  }

  private closeDialog(): void {
    this.dialogTarget = null;
    this.entry.cancel();
    this.dialog?.destroy();
    this.dialog = null;
  }

  /** The identity screen under wall point `at`, if any. */
  private screenAt(at: { x: number; y: number }): string | null {
    const s = this.d.window.screens.find(
      (x) => this.d.screens.includes(x.screenId) && at.x >= x.wallRect.x && at.x < x.wallRect.x + x.wallRect.width && at.y >= x.wallRect.y && at.y < x.wallRect.y + x.wallRect.height,
    );
    return s?.screenId ?? null;
  }

  /** Keyboard acks: the screen showing the alert list, else the window's first screen. */
  private defaultScreen(): string {
    const r = this.d.alertListRect();
    const hit = r && this.screenAt({ x: r.x + Math.min(r.width / 2, 10), y: r.y + Math.min(r.height / 2, 10) });
    return hit ?? this.d.screens[0] ?? this.d.window.screens[0]!.screenId;
  }
}
