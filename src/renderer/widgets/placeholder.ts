/**
 * A labelled placeholder: shown for a widget type with no factory yet, a widget that failed to
 * build, or one whose `ready` timed out. It says what should be there, so a wall never shows a
 * silent black hole and a reviewer can tell which tile is missing.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext } from './widget.js';
import { colorNumber, localize, makeText } from './text-style.js';
import { legibleFont } from './text-fit.js';

export class PlaceholderWidget implements Widget {
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly frame = new Graphics();
  private readonly label: Text;

  public constructor(
    private readonly ctx: WidgetContext,
    size: Size,
    reason: string,
  ) {
    const title = localize(ctx.tile.title, ctx.lang);
    const text = `${ctx.tile.widget}${title ? ` · ${title}` : ''}\n${reason}`;
    this.label = makeText(ctx.theme, text, {
      size: legibleFont(ctx.wall),
      color: ctx.theme.colors.textMuted,
      align: 'center',
    });
    this.label.anchor.set(0.5);
    this.view.addChild(this.frame, this.label);
    this.resize(size);
  }

  public update(): void {}

  public resize(size: Size): void {
    const { colors } = this.ctx.theme;
    this.frame
      .clear()
      .rect(0, 0, size.width, size.height)
      .fill(colorNumber(colors.surface))
      .rect(2, 2, size.width - 4, size.height - 4)
      .stroke({ color: colorNumber(colors.textMuted), width: 2, alpha: 0.5 });
    this.label.position.set(size.width / 2, size.height / 2);
    this.label.style.wordWrapWidth = Math.max(10, size.width - 16);
    this.label.style.wordWrap = true;
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export function placeholder(ctx: WidgetContext, size: Size, reason: string): Widget {
  return new PlaceholderWidget(ctx, size, reason);
}
