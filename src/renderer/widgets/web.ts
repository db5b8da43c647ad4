/**
 * `widget: web`: a web page in the tile (issue 14). The frame is not drawn here: it lives in the
 * page layer under the canvas (src/renderer/web/), which loads, times out, retries and refreshes
 * it. This widget draws only what the scene shows of it: a transparent hole while the page is
 * shown (the wall's overlays still draw over it), otherwise a placeholder saying why not.
 * Props: { url, refreshS?, credential?, zoom? } (the credential is the shell's business).
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext } from './widget.js';
import { colorNumber, localize, makeText } from './text-style.js';
import { legibleFont } from './text-fit.js';
import type { WebFrame } from '../web/web-frame.js';
import { webTileMessage } from '../web/web-tile-message.js';

function numberProp(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

class WebWidget implements Widget {
  public readonly view = new Container();
  public readonly ready: Promise<void>;
  public readonly pageContent: WebFrame;
  /** Drawn with the erase blend: leaves the tile's rect transparent so the frame under the canvas shows. */
  private readonly hole = new Graphics({ label: 'web-hole' });
  private readonly backdrop = new Graphics();
  private readonly label: Text;
  private size: Size;
  private message: string | null = '';
  private readonly off: () => void;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const web = ctx.web;
    if (!web) throw new Error('no page layer for web tiles here');
    const props = ctx.tile.props;
    const url = props.url;
    if (typeof url !== 'string' || !/^https?:/i.test(url)) throw new Error('web: props.url must be an http(s) URL');
    this.size = size;
    this.pageContent = web.open({ tile: ctx.tile.id, url, refreshS: numberProp(props.refreshS), zoom: numberProp(props.zoom) ?? 1 });
    this.ready = this.pageContent.ready;
    this.hole.blendMode = 'erase';
    this.label = makeText(ctx.theme, '', { size: legibleFont(ctx.wall), color: ctx.theme.colors.textMuted, align: 'center' });
    this.label.anchor.set(0.5);
    this.view.addChild(this.hole, this.backdrop, this.label);
    this.off = this.pageContent.onChange(() => this.redraw());
    this.resize(size);
  }

  public update(): void {}

  public resize(size: Size): void {
    this.size = size;
    this.hole.clear().rect(0, 0, size.width, size.height).fill(0xffffff);
    this.message = '';
    this.redraw();
  }

  public tick(now: number): void {
    // The retry countdown changes once a second.
    const status = this.pageContent.state.status;
    if ((status === 'failed' || status === 'unresponsive') && webTileMessage(this.pageContent.state, now, this.ctx.lang) !== this.message) this.redraw();
  }

  private redraw(): void {
    const message = webTileMessage(this.pageContent.state, this.ctx.now(), this.ctx.lang);
    if (message === this.message) return;
    this.message = message;
    const { width, height } = this.size;
    this.hole.visible = message === null;
    this.backdrop.visible = this.label.visible = message !== null;
    if (message === null) return;
    const { colors } = this.ctx.theme;
    this.backdrop
      .clear()
      .rect(0, 0, width, height)
      .fill(colorNumber(colors.surface))
      .rect(2, 2, width - 4, height - 4)
      .stroke({ color: colorNumber(colors.textMuted), width: 2, alpha: 0.5 });
    const title = localize(this.ctx.tile.title, this.ctx.lang);
    this.label.text = title ? `${title}\n${message}` : message;
    this.label.position.set(width / 2, height / 2);
    this.label.style.wordWrap = true;
    this.label.style.wordWrapWidth = Math.max(10, width - 16);
  }

  public destroy(): void {
    this.off();
    this.pageContent.destroy();
    this.view.destroy({ children: true });
  }
}

export function createWebWidget(ctx: WidgetContext, size: Size): Widget {
  return new WebWidget(ctx, size);
}
