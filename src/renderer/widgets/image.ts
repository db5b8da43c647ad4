/**
 * The image widget: a picture from assets/ (props.src), fitted `contain` (default) or `cover`,
 * below the tile's title when it has one. When the file cannot be loaded or decoded the tile shows
 * a labelled placeholder instead of a black hole, and `ready` still resolves (the placeholder is
 * what the tile meaningfully shows).
 *
 * Loading is fetch + createImageBitmap rather than pixi's Assets, whose cache is a global
 * singleton: each tile owns its texture and frees it in destroy().
 */
import { Container, Graphics, ImageSource, Rectangle, Sprite, Texture } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { assetUrl } from './asset-url.js';
import { TileFrame } from './tile-frame.js';
import { legibleTextPx } from './chart/scales.js';
import { TextPool } from './chart/text-pool.js';
import { FONT_FAMILY } from '../../core/page/font-faces.js';
import { fitImage, type Fit } from './image/fit.js';

/** `props` of an image tile (docs/formats.md). */
export interface ImageProps {
  /** Path under assets/. */
  src: string;
  fit: Fit;
}

export class ImageWidget implements Widget {
  public static readonly defaults: Pick<ImageProps, 'fit'> = { fit: 'contain' };
  public readonly view = new Container();
  public readonly ready: Promise<void>;
  private readonly props: ImageProps;
  private readonly fontPx: number;
  private readonly frame: TileFrame;
  private readonly placeholder = new Graphics();
  private readonly labels = new TextPool();
  private source: ImageSource | null = null;
  private sprite: Sprite | null = null;
  private problem: string | null = null;
  private destroyed = false;

  public constructor(
    private readonly ctx: WidgetContext,
    private size: Size,
  ) {
    const p = ctx.tile.props;
    this.props = { src: typeof p.src === 'string' ? p.src : '', fit: p.fit === 'cover' ? 'cover' : ImageWidget.defaults.fit };
    this.fontPx = legibleTextPx(ctx.wall);
    this.frame = new TileFrame(ctx, this.fontPx);
    this.view.label = `image:${ctx.tile.id}`;
    this.view.addChild(this.frame.view, this.placeholder, this.labels.view);
    this.frame.layout(size);
    this.ready = this.load();
  }

  /** Images take no data. */
  public update(): void {}

  public resize(size: Size): void {
    this.size = size;
    this.frame.layout(size);
    this.layout();
  }

  public destroy(): void {
    this.destroyed = true;
    // The sprite's textures are views of one source: destroy them, then the source (GPU memory).
    this.sprite?.texture.destroy(false);
    this.source?.destroy();
    this.view.destroy({ children: true });
  }

  private async load(): Promise<void> {
    try {
      const res = await fetch(assetUrl(this.props.src, this.ctx.assetBase, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const resource = await decode(await res.blob());
      if (this.destroyed) {
        if ('close' in resource) resource.close();
        return;
      }
      this.source = new ImageSource({ resource, label: `image:${this.props.src}` });
      this.sprite = new Sprite(new Texture({ source: this.source }));
      this.view.addChildAt(this.sprite, 1);
    } catch (err) {
      this.problem = (err as Error).message;
    }
    if (!this.destroyed) this.layout();
  }

  private layout(): void {
    const top = this.frame.titleHeight;
    const box = { width: this.size.width, height: Math.max(0, this.size.height - top) };
    this.placeholder.clear();
    this.labels.begin();
    if (this.sprite && this.source) {
      const { source, dest } = fitImage({ width: this.source.width, height: this.source.height }, box, this.props.fit);
      const old = this.sprite.texture;
      // A new Texture over the same source is a few numbers, not a GPU upload.
      this.sprite.texture = new Texture({ source: this.source, frame: new Rectangle(source.x, source.y, source.width, source.height) });
      old.destroy(false);
      this.sprite.position.set(dest.x, top + dest.y);
      this.sprite.setSize(dest.width, dest.height);
    } else {
      this.drawPlaceholder(box, top);
    }
    this.labels.end();
  }

  /** A muted frame with a crossed picture and the file name: says what should be here. */
  private drawPlaceholder(box: Size, top: number): void {
    if (this.problem === null) return; // still loading: the bare surface, not a "broken" picture
    const { colors } = this.ctx.theme;
    const inset = Math.round(this.fontPx * 0.4);
    const cx = box.width / 2;
    const cy = top + box.height / 2;
    const r = Math.max(4, Math.min(box.width, box.height) / 6);
    this.placeholder
      .rect(inset, top + inset, box.width - 2 * inset, box.height - 2 * inset)
      .stroke({ width: 2, color: colors.textMuted, alpha: 0.5 })
      .rect(cx - r, cy - r * 0.75 - this.fontPx, 2 * r, 1.5 * r)
      .moveTo(cx - r, cy - r * 0.75 - this.fontPx)
      .lineTo(cx + r, cy + r * 0.75 - this.fontPx)
      .stroke({ width: 3, color: colors.textMuted, alpha: 0.8 });
    const lang = this.ctx.lang;
    const text = `${lang === 'en' ? 'Image unavailable' : 'Không tải được hình ảnh'}\n${this.props.src}`;
    const style = { fontFamily: `${FONT_FAMILY}, sans-serif`, fontSize: this.fontPx, fill: colors.textMuted, anchorX: 0.5, anchorY: 0, align: 'center' as const };
    this.labels.place(text, cx, cy + r * 0.75, style);
  }
}

/**
 * Decodes off the main thread with createImageBitmap; Chromium cannot do that for SVG, so an SVG
 * (or any type it refuses) falls back to an <img> on a blob: URL, which the page's CSP allows.
 */
async function decode(blob: Blob): Promise<ImageBitmap | HTMLImageElement> {
  try {
    return await createImageBitmap(blob);
  } catch {
    const url = URL.createObjectURL(blob);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

export const createImageWidget: WidgetFactory = (ctx, size) => new ImageWidget(ctx, size);
