/**
 * The wall clock in the wall's time zone (Intl, never the PC's zone), from ctx.now() so it follows
 * the hub clock once synchronised. Text is re-rasterised only when the shown string changes. The
 * date line is a third of the time's size, never under the wall's legible minimum.
 */
import { CanvasTextMetrics, Container, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { formatDate, formatLongDate, formatTime } from '../../core/wall/format.js';
import { localize, makeText, prop, textStyle } from './text-style.js';
import { TabularText } from './tabular-text.js';
import { legibleFont } from './text-fit.js';

export interface ClockProps {
  format: 'HH:mm:ss' | 'HH:mm';
  showDate: boolean;
  fontSizePx?: number;
}

export class ClockWidget implements Widget {
  public static readonly defaults: ClockProps = { format: 'HH:mm:ss', showDate: true };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly props: ClockProps;
  /** Tabular figures: the ticking time keeps its width. */
  private readonly time: TabularText;
  private readonly date: Text | null;
  private size: Size;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.props = {
      format: p.format === 'HH:mm' ? 'HH:mm' : 'HH:mm:ss',
      showDate: prop(p, 'showDate', ClockWidget.defaults.showDate),
      fontSizePx: typeof p.fontSizePx === 'number' ? p.fontSizePx : undefined,
    };
    this.size = size;
    const px = legibleFont(ctx.wall, this.props.fontSizePx ?? Math.min(size.height * 0.45, size.width / 5));
    this.time = new TabularText(textStyle(ctx.theme, { size: px, weight: 700 }), this.timeText(ctx.now()));
    this.time.anchor.set(0.5);
    this.view.addChild(this.time);
    this.date = null;
    if (this.props.showDate) {
      this.date = makeText(ctx.theme, '', { size: legibleFont(ctx.wall, px * 0.3), weight: 600, color: ctx.theme.colors.textMuted });
      this.date.anchor.set(0.5, 0);
      this.view.addChild(this.date);
    }
    const title = localize(ctx.tile.title, ctx.lang);
    this.view.label = `clock:${ctx.tile.id}${title ? `:${title}` : ''}`;
    this.tick(ctx.now());
    this.layout();
  }

  public update(): void {}

  private timeText(nowMs: number): string {
    return formatTime(nowMs, this.ctx.wall.timezone, { seconds: this.props.format === 'HH:mm:ss' });
  }

  public tick(nowMs: number): void {
    const t = this.timeText(nowMs);
    if (this.time.text !== t) {
      this.time.text = t;
      if (this.date) {
        // The weekday goes first when the long date is wider than the tile: dd/MM/yyyy always fits.
        const long = formatLongDate(nowMs, this.ctx.wall.timezone, this.ctx.lang);
        const fits = CanvasTextMetrics.measureText(long, this.date.style).width <= this.size.width * 0.95;
        const d = fits ? long : formatDate(nowMs, this.ctx.wall.timezone);
        if (this.date.text !== d) this.date.text = d;
      }
    }
  }

  public resize(size: Size): void {
    this.size = size;
    this.layout();
  }

  private layout(): void {
    const { width, height } = this.size;
    const dateH = this.date ? this.date.height : 0;
    this.time.position.set(width / 2, height / 2 - dateH / 2);
    this.date?.position.set(width / 2, this.time.y + this.time.height / 2);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createClock: WidgetFactory = (ctx, size) => new ClockWidget(ctx, size);
