/**
 * The active alerts as rows (EEMUA 191 / ISA-18.2 practice): repeats of one alarm grouped into one
 * row with a count, most severe first and newest first within a level, as many rows as fit at the
 * wall's legible size with the rest counted ("+ 5 cảnh báo khác"), and an alarm flood summarised in
 * a line under the title (alert-groups.ts). Each row: a severity bar, the severity's shape and
 * word (shape and colour, so it reads without colour), time and state, age and repeat count at the
 * right; then title and area, all plain text on one line each. Touching a row selects it and opens
 * its details panel (with the Acknowledge button on a wall with a hub); the selected row is
 * outlined, escalated rows blink.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { WallAlert, TopicData } from '../store.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber, localize, makeText } from './text-style.js';
import { SEVERITIES } from '../../core/wall/model.js';
import { severityName, type Lang } from '../../core/wall/vocabulary.js';
import { formatAge, formatDate } from '../../core/wall/format.js';
import { ackStatus, alertKey, alertsFrom, flashOn, plainText, shortTime, sortAlerts } from './alert-format.js';
import { severityMark } from './severity-mark.js';
import { alertDetails } from './alert-details.js';
import { floodOf, groupAlerts, hiddenCount, rowsThatFit, type AlertGroup, type Flood } from './alert-groups.js';
import { fitLine, legibleFontPx } from './legible-font.js';

export interface AlertListProps {
  /** The most rows shown; default as many as fit. */
  maxItems?: number;
  fontSizePx?: number;
}

export class AlertListWidget implements Widget {
  public static readonly defaults: AlertListProps = {};
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
    this.maxItems = typeof p.maxItems === 'number' && p.maxItems > 0 ? p.maxItems : Number.POSITIVE_INFINITY;
    // A declared size under the wall's minimum is raised to it: the list drops rows, never legibility.
    this.fontPx = legibleFontPx(ctx.wall, p.fontSizePx);
    this.size = size;
    this.view.label = `alert-list:${ctx.tile.id}`;
    this.view.addChild(this.frame, this.rows);
    this.resize(size);
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    const alerts = sortAlerts(alertsFrom(data, this.ctx.tile.props));
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
    const { theme, lang } = this.ctx;
    const { width, height } = this.size;
    const f = this.fontPx;
    const pad = Math.round(f * 0.3);
    const inner = Math.max(10, width - pad * 4);
    const groups = groupAlerts(this.alerts);
    const total = this.alerts.length;
    let y = pad;
    const title = localize(this.ctx.tile.title, lang);
    if (title) {
      const t = makeText(theme, '', { size: f, weight: 700, color: theme.colors.text });
      t.label = 'title';
      const counted = total > 0 ? `${title} (${total})` : title;
      fitLine(t, [counted, title], inner);
      t.position.set(pad * 2, y);
      this.rows.addChild(t);
      y += t.height + pad;
    }
    const flood = floodOf(this.alerts, this.ctx.now());
    if (flood) {
      const t = makeText(theme, '', { size: f, weight: 700, color: theme.severity.major });
      t.label = 'flood';
      fitLine(t, floodLines(flood, lang), inner);
      t.position.set(pad * 2, y);
      this.rows.addChild(t);
      y += t.height + pad;
    }
    if (groups.length === 0) {
      const none = makeText(theme, lang === 'vi' ? 'Không có cảnh báo' : 'No active alerts', { size: f, color: theme.colors.textMuted });
      fitLine(none, [none.text], inner);
      none.position.set(pad * 2, y);
      this.rows.addChild(none);
      return;
    }
    const probe = makeText(theme, 'Ẩg', { size: f, weight: 700 });
    const lineH = Math.ceil(probe.height);
    probe.destroy();
    const rowH = lineH * 2 + pad * 2;
    const moreH = lineH + pad;
    const shown = rowsThatFit(Math.min(groups.length, this.maxItems), height - y, rowH, moreH);
    for (const g of groups.slice(0, shown)) {
      this.rows.addChild(this.row(g, y, rowH, lineH, pad));
      y += rowH;
    }
    const hidden = hiddenCount(groups, shown);
    if (hidden > 0) {
      const more = makeText(theme, '', { size: f, weight: 600, color: theme.colors.textMuted });
      more.label = 'more';
      fitLine(more, lang === 'vi' ? [`+ ${hidden} cảnh báo khác`, `+ ${hidden}`] : [`+ ${hidden} more alerts`, `+ ${hidden}`], inner);
      more.position.set(pad * 2, y + pad / 2);
      this.rows.addChild(more);
    }
  }

  /**
   * One row of two lines: severity mark and word, time and state (a repeat count at the right);
   * then title and area, shortened to one line. Every row has the same height, so the number of
   * rows that fit is known before drawing.
   */
  private row(g: AlertGroup, y: number, h: number, lineH: number, pad: number): Container {
    const { theme, lang, wall } = this.ctx;
    const a = g.lead;
    const f = this.fontPx;
    const width = this.size.width;
    const row = new Container({ label: `alert:${a.id}` });
    const color = theme.severity[a.severity];
    const bar = Math.max(6, pad);
    const bg = new Graphics()
      .rect(0, 0, width, h - pad / 2)
      .fill({ color: colorNumber(theme.colors.surface) })
      .rect(0, 0, bar, h - pad / 2)
      .fill(colorNumber(color));
    row.addChild(bg);
    if (g.escalated) {
      const flash = new Graphics().rect(0, 0, width, h - pad / 2).fill({ color: colorNumber(color), alpha: 0.35 });
      row.addChild(flash);
      this.flashes.push(flash);
    }
    if (g.selected) {
      const line = Math.max(3, Math.round(pad / 2));
      row.addChild(new Graphics().rect(line / 2, line / 2, width - line, h - pad / 2 - line).stroke({ width: line, color: colorNumber(theme.colors.accent) }));
    }
    const markPx = Math.round(f * 0.8);
    const x0 = bar + pad * 2;
    const right = width - pad * 2;
    const mark = severityMark(theme, a.severity, markPx);
    mark.position.set(x0, pad + (lineH - markPx) / 2);
    let headRight = right;
    const extras: Text[] = [];
    if (g.count > 1) {
      const count = makeText(theme, `×${g.count}`, { size: f, weight: 700, color });
      count.label = 'count';
      extras.push(count);
    }
    const now = this.ctx.now();
    const age = makeText(theme, formatAge(Math.max(0, now - a.raisedAt), lang), { size: f, weight: 600, color: theme.colors.textMuted });
    age.label = 'age';
    extras.push(age);
    const head = makeText(theme, '', { size: f, weight: 700, color });
    const time = shortTime(a.raisedAt, wall.timezone, now);
    const status = ackStatus(a, lang, wall.timezone);
    const sev = severityName(a.severity, lang);
    const headLeft = x0 + markPx + pad;
    // Right-hand extras (count, then age) only while the head keeps its state word beside them.
    const minHead = makeText(theme, `${sev} · ${time} · ${status}`, { size: f, weight: 700 });
    let x = right;
    for (const e of extras) {
      if (x - e.width - pad * 2 < headLeft + Math.min(minHead.width, (right - headLeft) * 0.6)) {
        e.destroy();
        continue;
      }
      x -= e.width;
      e.position.set(x, pad);
      x -= pad * 2;
      row.addChild(e);
      headRight = x;
    }
    minHead.destroy();
    fitLine(head, [`${sev} · ${time} · ${status}`, `${sev} · ${status}`, sev], headRight - headLeft);
    head.position.set(headLeft, pad);
    const body = makeText(theme, '', { size: f, weight: 600, color: theme.colors.text });
    const titleText = plainText(a.title, 160);
    const area = a.area ? plainText(a.area, 60) : '';
    fitLine(body, area ? [`${titleText} · ${area}`, `${area} · ${titleText}`] : [titleText], right - x0);
    body.position.set(x0, pad + lineH);
    row.addChild(mark, head, body);
    row.position.set(0, y);
    row.eventMode = 'static';
    row.cursor = 'pointer';
    row.on('pointertap', () => {
      this.ctx.alertActions?.select(a.id);
      this.openDetails(a);
    });
    return row;
  }

  /** Escalated rows blink with the wall clock, the same in every window. */
  public tick(nowMs: number): void {
    // Ages and the flood line move with the clock, and past midnight yesterday's alerts gain their
    // date: rebuilt once a minute while there are alerts, and when the wall's day changes.
    if (nowMs >= this.dayCheckAt) {
      this.dayCheckAt = nowMs + 60_000;
      const day = formatDate(nowMs, this.ctx.wall.timezone);
      if ((this.day !== '' && day !== this.day) || this.alerts.length > 0) this.rebuild();
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

/** The flood line, fullest first: "Dồn dập: 14 cảnh báo trong 10 phút · 3 Khẩn cấp · 5 Nghiêm trọng". */
function floodLines(flood: Flood, lang: Lang): string[] {
  const levels = SEVERITIES.filter((s) => flood.bySeverity[s]).map((s) => `${flood.bySeverity[s]} ${severityName(s, lang)}`);
  const head = lang === 'vi' ? `Dồn dập: ${flood.count} cảnh báo trong 10 phút` : `Alarm flood: ${flood.count} alerts in 10 minutes`;
  return [[head, ...levels].join(' · '), head, lang === 'vi' ? `Dồn dập: ${flood.count}` : `Flood: ${flood.count}`];
}

export const createAlertList: WidgetFactory = (ctx, size) => new AlertListWidget(ctx, size);
