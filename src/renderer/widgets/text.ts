/**
 * Static text from the layout (`props.text`, Localized), e.g. a section heading. A topic, when
 * given, replaces the text with its value as plain text (a number in the wall's conventions:
 * "1,12", "1.305"). Never drawn under the wall's legible minimum; wrapped at spaces only where no
 * number is split ("0290 3831 234" stays on one line).
 */
import { Container, type Text } from 'pixi.js';
import type { Localized, Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import type { TopicData } from '../store.js';
import { localize, makeText, prop } from './text-style.js';
import { formatAny } from '../../core/wall/format.js';
import { keepNumbersWhole, legibleFont } from './text-fit.js';

export interface TextProps {
  text: Localized;
  fontSizePx: number;
  align: 'left' | 'center' | 'right';
}

export class TextWidget implements Widget {
  public static readonly defaults: Omit<TextProps, 'text'> = { fontSizePx: 48, align: 'left' };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly label: Text;
  private readonly props: TextProps;
  /** The text before wrapping (the layout's, or the topic's value). */
  private full: string;
  private size: Size;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.props = {
      text: (p.text as Localized | undefined) ?? '',
      fontSizePx: legibleFont(ctx.wall, prop(p, 'fontSizePx', TextWidget.defaults.fontSizePx)),
      align: prop(p, 'align', TextWidget.defaults.align),
    };
    this.size = size;
    this.full = localize(this.props.text, ctx.lang);
    this.label = makeText(ctx.theme, '', { size: this.props.fontSizePx, weight: 600, align: this.props.align, wrapWidth: size.width });
    this.view.addChild(this.label);
    this.layout();
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    for (const d of data.values()) {
      if (d.value !== undefined && d.value !== null) this.full = formatAny(d.value, this.ctx.lang);
    }
    this.layout();
  }

  public resize(size: Size): void {
    this.size = size;
    this.label.style.wordWrapWidth = size.width;
    this.layout();
  }

  /** Wrapped to the tile's width (numbers kept whole); vertically centred; horizontally by `align`. */
  private layout(): void {
    const text = keepNumbersWhole(this.full);
    if (this.label.text !== text) this.label.text = text;
    const ax = { left: 0, center: 0.5, right: 1 }[this.props.align];
    this.label.anchor.set(ax, 0.5);
    this.label.position.set(ax * this.size.width, this.size.height / 2);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createText: WidgetFactory = (ctx, size) => new TextWidget(ctx, size);
