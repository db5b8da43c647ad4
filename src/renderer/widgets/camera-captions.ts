/**
 * The texts a camera tile draws over its picture: the status message in the middle, the live badge
 * top left and the camera's name bottom left. Their size follows the tile (about 4.5 % of its
 * 16:9 height) but never drops under the wall's legible minimum; a name too long for the tile is
 * shortened with an ellipsis rather than drawn smaller.
 */
import { CanvasTextMetrics, Container, Graphics, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { WidgetContext } from './widget.js';
import { localize, makeText } from './text-style.js';
import { CAMERA_TEXT } from './camera-message.js';
import { ellipsize, legibleFont } from './text-fit.js';

const LIVE_RED = 0xff3b30;
const PLATE_ALPHA = 0.55;

/** Text over video gets a dark plate of its own, so it stays legible on any picture. */
function drawPlate(bg: Graphics, content: Container, pad: number): void {
  const b = content.getLocalBounds();
  bg.clear()
    .roundRect(b.x - pad, b.y - pad / 2, b.width + pad * 2, b.height + pad, pad)
    .fill({ color: 0x000000, alpha: PLATE_ALPHA });
}

export class CameraCaptions {
  public readonly view = new Container();
  /** The status line ("Chưa có tín hiệu", "Mất tín hiệu từ …"); '' over live video. */
  public readonly message: Text;
  /** The live badge, shown by the widget while frames arrive. */
  public readonly live = new Container();
  private readonly name: Text | null;
  private readonly namePlate = new Container();
  private readonly nameBg = new Graphics();
  private readonly fullName: string;
  private readonly unit: number;

  public constructor(ctx: WidgetContext, size: Size, label: string) {
    this.unit = legibleFont(ctx.wall, Math.min(size.height, size.width * 0.5625) * 0.045);
    const unit = this.unit;
    this.message = makeText(ctx.theme, '', { size: unit, weight: 600, align: 'center' });
    this.message.anchor.set(0.5);
    this.message.style.wordWrap = true;

    const liveText = makeText(ctx.theme, localize(CAMERA_TEXT.live, ctx.lang), { size: unit, weight: 700 });
    liveText.position.set(unit * 1.4, 0);
    const dot = new Graphics().circle(unit * 0.5, unit * 0.62, unit * 0.4).fill(LIVE_RED);
    const badge = new Container();
    badge.addChild(dot, liveText);
    const liveBg = new Graphics();
    drawPlate(liveBg, badge, this.pad);
    this.live.addChild(liveBg, badge);

    this.fullName = label;
    this.name = label ? makeText(ctx.theme, label, { size: unit, weight: 600 }) : null;
    if (this.name) this.namePlate.addChild(this.nameBg, this.name);
    this.view.addChild(this.message, this.live, this.namePlate);
  }

  /** Padding of a plate, and its distance from the tile's edges. */
  private get pad(): number {
    return Math.round(this.unit * 0.4);
  }

  public layout(size: Size): void {
    const margin = Math.round(this.unit * 0.7);
    this.message.style.wordWrapWidth = Math.max(10, size.width * 0.9);
    this.live.position.set(margin, margin);
    // The message is centred in the room above the name (the live badge and a message never show together).
    let free = size.height;
    if (this.name) {
      const style = this.name.style;
      const room = size.width - 2 * (margin + this.pad);
      const text = ellipsize(this.fullName, room, (t) => CanvasTextMetrics.measureText(t, style).width);
      this.namePlate.visible = text !== '';
      this.name.text = text || this.fullName;
      drawPlate(this.nameBg, this.name, this.pad);
      this.namePlate.position.set(margin, size.height - margin - this.name.height);
      if (this.namePlate.visible) free = this.namePlate.y - this.pad;
    }
    this.message.position.set(size.width / 2, Math.min(size.height / 2, free / 2));
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}
