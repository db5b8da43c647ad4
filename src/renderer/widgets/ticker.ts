/**
 * A scrolling line of the active alerts, each led by its severity's shape and name in the
 * severity's colour.
 * The scroll offset is a pure function of the wall clock (ctx.now()) and the content width, so it
 * is smooth whatever the frame rate, continuous across a bezel (the tile is drawn once and sampled
 * per screen), and the same in every window that shows a part of it. When the alerts change the
 * content is rebuilt and the line may jump once; that is the price of staying in step.
 * Escalated alerts (critical, unacknowledged too long) blink, in step with the wall clock too;
 * acknowledged ones say so.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { WallAlert, TopicData } from '../store.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber, makeText, prop } from './text-style.js';
import { alertStateName, severityName } from '../../core/wall/vocabulary.js';
import { alertKey, alertsFrom, flashOn, plainText } from './alert-format.js';
import { severityMark } from './severity-mark.js';
import { legibleFont } from './text-fit.js';

export interface TickerProps {
  speedPxPerS: number;
  fontSizePx?: number;
}

export class TickerWidget implements Widget {
  public static readonly defaults: TickerProps = { speedPxPerS: 120 };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly frame = new Graphics();
  private readonly clip = new Graphics();
  private readonly line = new Container();
  private readonly speed: number;
  private readonly fontPx: number;
  private contentWidth = 0;
  private size: Size;
  private key = '';
  /** Pieces of escalated alerts: they blink. */
  private flashing: (Text | Graphics)[] = [];

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.speed = prop(p, 'speedPxPerS', TickerWidget.defaults.speedPxPerS);
    this.size = size;
    this.fontPx = legibleFont(ctx.wall, typeof p.fontSizePx === 'number' ? p.fontSizePx : size.height * 0.5);
    this.view.label = `ticker:${ctx.tile.id}`;
    this.view.addChild(this.frame, this.line, this.clip);
    this.line.mask = this.clip;
    this.resize(size);
    this.rebuild([]);
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    const alerts = alertsFrom(data, this.ctx.tile.props);
    const key = alerts.map(alertKey).join('|');
    if (key !== this.key) {
      this.key = key;
      this.rebuild(alerts);
    }
  }

  /** One Text per piece keeps every texture far below MAX_TEXTURE_SIZE however many alerts. */
  private rebuild(alerts: WallAlert[]): void {
    for (const child of this.line.removeChildren()) child.destroy();
    this.flashing = [];
    const { theme, lang } = this.ctx;
    const gap = this.fontPx * 2;
    let x = 0;
    const add = (t: Text): void => {
      t.anchor.set(0, 0.5);
      t.x = x;
      x += t.width;
      this.line.addChild(t);
    };
    const markPx = Math.round(this.fontPx * 0.7);
    if (alerts.length === 0) {
      add(makeText(theme, lang === 'vi' ? 'Không có cảnh báo' : 'No active alerts', { size: this.fontPx, color: theme.colors.textMuted }));
    }
    for (const a of alerts) {
      const color = theme.severity[a.severity];
      const shape = severityMark(theme, a.severity, markPx);
      shape.position.set(x, -markPx / 2);
      this.line.addChild(shape);
      x += markPx + Math.round(this.fontPx * 0.3);
      const mark = makeText(theme, `${severityName(a.severity, lang)}  `, { size: this.fontPx, weight: 700, color });
      add(mark);
      const where = a.area ? ` · ${plainText(a.area, 60)}` : '';
      const acked = a.state === 'acknowledged' ? ` (${alertStateName('acknowledged', lang)})` : '';
      const body = makeText(theme, `${plainText(a.title)}${where}${acked}`, { size: this.fontPx, weight: 600, ...(a.escalated ? { color } : {}) });
      add(body);
      if (a.escalated) this.flashing.push(shape, mark, body);
      x += gap;
    }
    this.contentWidth = Math.max(1, x);
    this.tick(this.ctx.now());
  }

  public tick(nowMs: number): void {
    const period = this.contentWidth + this.size.width;
    const travelled = ((nowMs / 1000) * this.speed) % period;
    this.line.x = Math.round(this.size.width - travelled);
    if (this.flashing.length) {
      const alpha = flashOn(nowMs) ? 1 : 0.25;
      for (const t of this.flashing) t.alpha = alpha;
    }
  }

  public resize(size: Size): void {
    this.size = size;
    this.frame.clear().rect(0, 0, size.width, size.height).fill(colorNumber(this.ctx.theme.colors.surface));
    this.clip.clear().rect(0, 0, size.width, size.height).fill(0xffffff);
    this.line.y = size.height / 2;
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createTicker: WidgetFactory = (ctx, size) => new TickerWidget(ctx, size);
