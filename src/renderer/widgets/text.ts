/**
 * Static text from the layout (`props.text`, Localized), e.g. a section heading. A topic, when
 * given, replaces the text with its value as plain text (a number in the wall's conventions:
 * "1,12", "1.305").
 */
import { Container, type Text } from 'pixi.js';
import type { Localized, Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import type { TopicData } from '../store.js';
import { localize, makeText, prop } from './text-style.js';
import { formatAny } from '../../core/wall/format.js';

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
  private size: Size;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.props = {
      text: (p.text as Localized | undefined) ?? '',
      fontSizePx: prop(p, 'fontSizePx', TextWidget.defaults.fontSizePx),
      align: prop(p, 'align', TextWidget.defaults.align),
    };
    this.size = size;
    this.label = makeText(ctx.theme, localize(this.props.text, ctx.lang), {
      size: this.props.fontSizePx,
      weight: 600,
      align: this.props.align,
      wrapWidth: size.width,
    });
    this.view.addChild(this.label);
    this.layout();
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    for (const d of data.values()) {
      if (d.value !== undefined && d.value !== null) this.label.text = formatAny(d.value, this.ctx.lang);
    }
    this.layout();
  }

  public resize(size: Size): void {
    this.size = size;
    this.label.style.wordWrapWidth = size.width;
    this.layout();
  }

  /** Vertically centred; horizontally by `align`. */
  private layout(): void {
    const ax = { left: 0, center: 0.5, right: 1 }[this.props.align];
    this.label.anchor.set(ax, 0.5);
    this.label.position.set(ax * this.size.width, this.size.height / 2);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createText: WidgetFactory = (ctx, size) => new TextWidget(ctx, size);
