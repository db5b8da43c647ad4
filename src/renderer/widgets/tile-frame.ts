/**
 * The background and title row shared by the chart, map and image widgets: the tile's surface
 * colour and its title (tile.title) at wall-legible size, shortened with an ellipsis to fit (never
 * shrunk).
 * The widget draws its content in the body below the title.
 */
import { CanvasTextMetrics, Container, Graphics, Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import { FONT_FAMILY } from '../../core/page/font-faces.js';
import { localize } from './chart/series.js';
import type { WidgetContext } from './widget.js';
import { ellipsize } from './text-fit.js';

export class TileFrame {
  public readonly view = new Container();
  private readonly bg = new Graphics();
  private readonly title: Text | undefined;
  private readonly full: string;

  public constructor(
    private readonly ctx: WidgetContext,
    private readonly fontPx: number,
  ) {
    this.view.addChild(this.bg);
    this.full = localize(ctx.tile.title, ctx.lang);
    if (this.full) {
      this.title = new Text({
        text: this.full,
        style: { fontFamily: [FONT_FAMILY, 'sans-serif'], fontSize: fontPx, fontWeight: '600', fill: ctx.theme.colors.text },
      });
      this.title.position.set(Math.round(fontPx * 0.5), Math.round(fontPx * 0.3));
      this.view.addChild(this.title);
    }
  }

  /** Height of the title row (0 without a title): the title's line box and a little air under it. */
  public get titleHeight(): number {
    return this.title ? Math.ceil(this.title.y + this.title.height + this.fontPx * 0.1) : 0;
  }

  /** Redraws the background and refits the title; call on create and resize only. */
  public layout(size: Size): void {
    this.bg.clear().rect(0, 0, size.width, size.height).fill(this.ctx.theme.colors.surface);
    if (!this.title) return;
    const room = size.width - this.fontPx;
    const style = this.title.style;
    const text = ellipsize(this.full, room, (t) => CanvasTextMetrics.measureText(t, style).width);
    this.title.text = text || this.full;
    this.title.visible = text !== '';
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}
