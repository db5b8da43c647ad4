/**
 * A pool of pixi Text objects for labels that are redrawn on every update (axis ticks, legends,
 * values). Reusing Text objects avoids creating and destroying a texture per label per update;
 * pixi re-rasterises a Text only when its text or style actually changes, so unchanged tick
 * labels cost nothing.
 */
import { Container, Text } from 'pixi.js';

export interface LabelStyle {
  fontFamily: string;
  fontSize: number;
  fill: string;
  fontWeight?: '400' | '600' | '700';
  /** 0 = left/top, 0.5 = centre, 1 = right/bottom. */
  anchorX?: number;
  anchorY?: number;
  /** Alignment of the lines of a multi-line label. */
  align?: 'left' | 'center' | 'right';
}

export class TextPool {
  public readonly view = new Container();
  private readonly items: Text[] = [];
  private used = 0;

  /** Starts a redraw: labels placed after this call are kept, the rest are hidden by end(). */
  public begin(): void {
    this.used = 0;
  }

  /** Places a label and returns it (callers read width/height to lay out or drop it). */
  public place(text: string, x: number, y: number, style: LabelStyle): Text {
    let item = this.items[this.used];
    if (!item) {
      item = new Text({ text: '', style: { fontFamily: style.fontFamily, fontSize: style.fontSize, fill: style.fill } });
      this.items.push(item);
      this.view.addChild(item);
    }
    this.used++;
    const s = item.style;
    if (s.fontFamily !== style.fontFamily) s.fontFamily = style.fontFamily;
    if (s.fontSize !== style.fontSize) s.fontSize = style.fontSize;
    if (s.fontWeight !== (style.fontWeight ?? '400')) s.fontWeight = style.fontWeight ?? '400';
    if (s.fill !== style.fill) s.fill = style.fill;
    if (s.align !== (style.align ?? 'left')) s.align = style.align ?? 'left';
    if (item.text !== text) item.text = text;
    item.anchor.set(style.anchorX ?? 0, style.anchorY ?? 0);
    item.position.set(Math.round(x), Math.round(y));
    item.visible = true;
    return item;
  }

  /** Measures a label without keeping it (for layout decisions before placing). */
  public measure(text: string, style: LabelStyle): { width: number; height: number } {
    const item = this.place(text, 0, 0, style);
    this.used--;
    item.visible = false;
    return { width: item.width, height: item.height };
  }

  /** Hides the labels not placed since begin(). */
  public end(): void {
    for (let i = this.used; i < this.items.length; i++) this.items[i]!.visible = false;
  }

  public destroy(): void {
    this.view.destroy({ children: true });
    this.items.length = 0;
  }
}
