/**
 * The active alerts as rows, most severe first, then newest. Each row: a severity bar, the
 * severity's shape and name (shape and colour, so it reads without colour), time (and who acknowledged, or "sending" while the hub has not confirmed), title and area,
 * all plain text. Touching a row selects it and opens its details panel (with the Acknowledge
 * button on a wall with a hub); the selected row is outlined, escalated rows blink.
 */
import { Container, Graphics } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { WallAlert, TopicData } from '../store.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber, localize, makeText, prop } from './text-style.js';
import { severityName } from '../../core/wall/vocabulary.js';
import { formatDate } from '../../core/wall/format.js';
import { ackStatus, alertKey, alertsFrom, flashOn, plainText, shortTime, sortAlerts } from './alert-format.js';
import { severityMark } from './severity-mark.js';
import { alertDetails } from './alert-details.js';
import { legibleTextPx } from './chart/scales.js';

export interface AlertListProps {
  maxItems: number;
  fontSizePx?: number;
}

export class AlertListWidget implements Widget {
  public static readonly defaults: AlertListProps = { maxItems: 10 };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly frame = new Graphics();
  private readonly rows = new Container();
  private details: { id: string; view: Container } | null = null;
  private alerts: WallAlert[] = [];
  /** Highlights of escalated rows, shown every other flash period. */
  private flashes: Graphics[] = [];
  private readonly maxItems: number;
  private readonly fontPx: number;
  private size: Size;
  private key = '';
  /** The wall's date when last checked (once a minute), to redraw times at midnight. */
  private day = '';
  private dayCheckAt = 0;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.maxItems = prop(p, 'maxItems', AlertListWidget.defaults.maxItems);
    this.fontPx = typeof p.fontSizePx === 'number' ? p.fontSizePx : legibleTextPx(ctx.wall);
    this.size = size;
    this.view.label = `alert-list:${ctx.tile.id}`;
    this.view.addChild(this.frame, this.rows);
    this.resize(size);
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    const alerts = sortAlerts(alertsFrom(data, this.ctx.tile.props)).slice(0, this.maxItems);
    const key = alerts.map(alertKey).join('|');
    if (key === this.key) return;
    this.key = key;
    this.alerts = alerts;
    this.rebuild();
    const open = this.details && alerts.find((a) => a.id === this.details!.id);
    if (this.details) this.openDetails(open ?? null);
  }

  private rebuild(): void {
    for (const child of this.rows.removeChildren()) child.destroy({ children: true });
    this.flashes = [];
    const { theme, lang, wall } = this.ctx;
    const pad = Math.round(this.fontPx * 0.5);
    let y = 0;
    const title = localize(this.ctx.tile.title, lang);
    if (title) {
      const t = makeText(theme, title, { size: this.fontPx, weight: 700, color: theme.colors.textMuted });
      t.position.set(pad, pad);
      this.rows.addChild(t);
      y = t.height + pad * 2;
    }
    if (this.alerts.length === 0) {
      const none = makeText(theme, lang === 'vi' ? 'Không có cảnh báo' : 'No active alerts', { size: this.fontPx, color: theme.colors.textMuted });
      none.position.set(pad * 2, y);
      this.rows.addChild(none);
    }
    const wrap = Math.max(10, this.size.width - pad * 4);
    for (const a of this.alerts) {
      if (y >= this.size.height) break;
      const row = new Container({ label: `alert:${a.id}` });
      const status = ackStatus(a, lang, wall.timezone);
      const headPx = Math.round(this.fontPx * 0.8);
      const mark = severityMark(theme, a.severity, headPx);
      const markRoom = headPx + Math.round(pad * 0.75);
      const head = makeText(theme, `${severityName(a.severity, lang)} · ${shortTime(a.raisedAt, wall.timezone, this.ctx.now())}${status ? ` · ${status}` : ''}`, { size: headPx, weight: 700, color: theme.severity[a.severity], wrapWidth: wrap - markRoom });
      const body = makeText(theme, `${plainText(a.title, 160)}${a.area ? ` · ${plainText(a.area, 60)}` : ''}`, { size: this.fontPx, weight: 600, wrapWidth: wrap });
      head.position.set(pad * 2 + markRoom, pad / 2);
      // The mark sits on the first line of the head, centred on its capital letters.
      mark.position.set(pad * 2, pad / 2 + Math.max(0, (Math.min(head.height, headPx * 1.25) - headPx) / 2));
      body.position.set(pad * 2, head.height + pad / 2);
      const h = head.height + body.height + pad;
      const bg = new Graphics()
        .rect(0, 0, this.size.width, h)
        .fill({ color: colorNumber(theme.colors.surface) })
        .rect(0, 0, Math.max(6, pad), h)
        .fill(colorNumber(theme.severity[a.severity]));
      row.addChild(bg);
      if (a.escalated) {
        const flash = new Graphics().rect(0, 0, this.size.width, h).fill({ color: colorNumber(theme.severity[a.severity]), alpha: 0.35 });
        row.addChild(flash);
        this.flashes.push(flash);
      }
      if (a.selected) {
        const line = Math.max(3, Math.round(pad / 3));
        row.addChild(new Graphics().rect(line / 2, line / 2, this.size.width - line, h - line).stroke({ width: line, color: colorNumber(theme.colors.accent) }));
      }
      row.addChild(mark, head, body);
      row.position.set(0, y);
      row.eventMode = 'static';
      row.cursor = 'pointer';
      row.on('pointertap', () => {
        this.ctx.alertActions?.select(a.id);
        this.openDetails(a);
      });
      this.rows.addChild(row);
      y += h + pad / 2;
    }
  }

  /** Escalated rows blink with the wall clock, the same in every window. */
  public tick(nowMs: number): void {
    // Past midnight yesterday's alerts gain their date: rebuilt when the wall's day changes.
    if (nowMs >= this.dayCheckAt) {
      this.dayCheckAt = nowMs + 60_000;
      const day = formatDate(nowMs, this.ctx.wall.timezone);
      if (this.day !== '' && day !== this.day) this.rebuild();
      this.day = day;
    }
    if (this.flashes.length === 0) return;
    const on = flashOn(nowMs);
    for (const f of this.flashes) f.visible = on;
  }

  /** Opens the panel for `alert` (or closes it with null); one panel at a time. */
  public openDetails(alert: WallAlert | null): void {
    if (this.details) {
      this.details.view.destroy({ children: true });
      this.details = null;
    }
    if (!alert) return;
    const view = alertDetails(alert, this.ctx.theme, this.ctx.lang, this.ctx.wall.timezone, this.size, this.fontPx, () => this.openDetails(null), this.ctx.alertActions);
    this.details = { id: alert.id, view };
    this.view.addChild(view);
  }

  public get openAlertId(): string | null {
    return this.details?.id ?? null;
  }

  public resize(size: Size): void {
    this.size = size;
    this.frame.clear().rect(0, 0, size.width, size.height).fill(colorNumber(this.ctx.theme.colors.background));
    this.frame.eventMode = 'none';
    this.rebuild();
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createAlertList: WidgetFactory = (ctx, size) => new AlertListWidget(ctx, size);
