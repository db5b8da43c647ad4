/**
 * The identify layout's bezel alignment grid (internal widget type `alignment-grid`, only in
 * generated layouts; see src/core/displays/identify.ts): thin lines at every multiple of `spacingPx` from
 * the wall's origin, so a line is one straight line in wall space and runs on behind every bezel,
 * plus crosshairs at the given wall points. Drawn once; nothing in it changes with data.
 */
import { Container, Graphics } from 'pixi.js';
import type { Rect, Size } from '../../core/wall/model.js';
import type { AlignmentGridProps } from '../../core/displays/identify.js';
import { tileRect } from '../../core/wall/geometry.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { colorNumber } from './text-style.js';

export type { AlignmentGridProps };

function readProps(p: Record<string, unknown>): AlignmentGridProps {
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
  const points = Array.isArray(p.crosshairs) ? (p.crosshairs as unknown[]) : [];
  return {
    spacingPx: num(p.spacingPx, AlignmentGridWidget.defaults.spacingPx),
    lineWidthPx: num(p.lineWidthPx, AlignmentGridWidget.defaults.lineWidthPx),
    crosshairs: points.flatMap((c) => {
      const o = c as Partial<AlignmentGridProps['crosshairs'][number]> | null;
      return o && typeof o.x === 'number' && typeof o.y === 'number' ? [{ x: o.x, y: o.y, armPx: num(o.armPx, 32) }] : [];
    }),
  };
}

export class AlignmentGridWidget implements Widget {
  public static readonly defaults: Omit<AlignmentGridProps, 'crosshairs'> = { spacingPx: 120, lineWidthPx: 2 };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly lines = new Graphics();
  private readonly marks = new Graphics();
  private readonly props: AlignmentGridProps;
  /** The tile's wall rect: lines are placed in wall px, drawn in tile-local px. */
  private readonly origin: Rect;

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    this.props = readProps(ctx.tile.props);
    this.origin = tileRect(ctx.wall, ctx.layout, ctx.tile);
    this.view.label = `alignment-grid:${ctx.tile.id}`;
    this.view.addChild(this.lines, this.marks);
    this.resize(size);
  }

  public update(): void {}

  public resize(size: Size): void {
    const { spacingPx, lineWidthPx: w, crosshairs } = this.props;
    const { x: ox, y: oy } = this.origin;
    const { colors } = this.ctx.theme;
    this.lines.clear();
    for (let x = Math.ceil(ox / spacingPx) * spacingPx; x < ox + size.width; x += spacingPx) this.lines.rect(x - ox, 0, w, size.height);
    for (let y = Math.ceil(oy / spacingPx) * spacingPx; y < oy + size.height; y += spacingPx) this.lines.rect(0, y - oy, size.width, w);
    this.lines.fill({ color: colorNumber(colors.textMuted), alpha: 0.6 });
    this.marks.clear();
    const half = Math.floor(w / 2);
    for (const c of crosshairs) {
      const cx = c.x - ox;
      const cy = c.y - oy;
      this.marks.rect(cx - c.armPx, cy - half, c.armPx * 2, w).rect(cx - half, cy - c.armPx, w, c.armPx * 2);
    }
    if (crosshairs.length > 0) this.marks.fill({ color: colorNumber(colors.accent) });
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createAlignmentGrid: WidgetFactory = (ctx, size) => new AlignmentGridWidget(ctx, size);
