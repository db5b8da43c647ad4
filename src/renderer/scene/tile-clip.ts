/**
 * Keeps a tile's content inside its rect: a long title, a chart's labels, a map or a picture of
 * another aspect never paint over a neighbour.
 *
 * The mechanism is pixi's own: a Graphics rectangle as the tile container's mask. pixi v8 turns
 * every Graphics mask into a stencil mask (v8 has no scissor masks: pixijs#11292), which costs per
 * tile one stencil quad before the content, one after and two batch breaks. On SwiftShader that was
 * a third of the frame rate on the overview layout (docs/bench.md, `tile-clipping`), so the mask is
 * applied only to tiles whose content reaches past the rect, decided every frame before rendering:
 * first from pixi's cached local bounds (recomputed only for subtrees that changed); when those
 * reach out, again leaving out empty leaves (an empty Text still has a line's height: the kpi's
 * delta line below its value). A tile that fits costs nothing; the result is the same pixels as
 * masking every tile. A scissor of our own was not
 * used: pixi does not manage the scissor state, so it would leak into offscreen passes (filters).
 */
import { Bounds, Graphics, Matrix, ViewContainer, type Container } from 'pixi.js';
import type { Size } from '../../core/wall/model.js';

/** `overflow`: masked while the content overflows (the default); `always`/`off`: the bench's comparison. */
export type ClipMode = 'overflow' | 'always' | 'off';

/** Content within this many px of the rect counts as inside (float noise of layouts). */
const EPSILON = 0.01;

export class TileClip {
  public mode: ClipMode = 'overflow';
  /** The rect in tile-local px; a child of the container while it masks, so it moves with the tile. */
  private readonly shape = new Graphics({ label: 'tile-clip' });
  private readonly bounds = new Bounds();
  private size: Size = { width: 0, height: 0 };

  public constructor(private readonly container: Container) {}

  /** Whether the mask is on now. */
  public get active(): boolean {
    return this.container.mask === this.shape;
  }

  /** The tile's size changed (degraded mode): the mask follows. */
  public resize(size: Size): void {
    this.size = { ...size };
    this.shape.clear().rect(0, 0, size.width, size.height).fill(0xffffff);
  }

  /** Called each frame after the widget's update and tick, before rendering. */
  public sync(): void {
    this.set(this.mode === 'always' || (this.mode === 'overflow' && this.overflows()));
  }

  public destroy(): void {
    this.set(false);
    this.shape.destroy();
  }

  /** Whether anything visible in the container reaches outside (0, 0, width, height). */
  private overflows(): boolean {
    const b = this.bounds;
    b.clear();
    for (const child of this.container.children) {
      if (child === this.shape || !child.visible) continue;
      child.updateLocalTransform();
      b.addBounds(child.getLocalBounds(), child.localTransform); // cached by pixi
    }
    if (!this.outside(b)) return false;
    b.clear();
    for (const child of this.container.children) if (child !== this.shape) addDrawnBounds(child, Matrix.IDENTITY, b, 0);
    return this.outside(b);
  }

  private outside(b: Bounds): boolean {
    if (!b.isValid) return false;
    return b.minX < -EPSILON || b.minY < -EPSILON || b.maxX > this.size.width + EPSILON || b.maxY > this.size.height + EPSILON;
  }

  private set(on: boolean): void {
    if (on === this.active) return;
    if (on) {
      this.container.addChild(this.shape);
      this.container.mask = this.shape;
    } else {
      this.container.mask = null;
      this.container.removeChild(this.shape); // unmasked, it would draw as a plain rectangle
    }
  }
}

/** One matrix per tree depth, reused every frame. */
const matrices: Matrix[] = [];

/**
 * Adds to `out` (in the coordinates `parent` maps to) the bounds of what `target` draws: visible
 * leaves with a non-empty box; a subtree with effects (a mask) as pixi bounds it, clipped.
 */
function addDrawnBounds(target: Container, parent: Matrix, out: Bounds, depth: number): void {
  if (!target.visible || !target.measurable) return;
  target.updateLocalTransform();
  const m = (matrices[depth] ??= new Matrix()).appendFrom(target.localTransform, parent);
  if (target.effects?.length) {
    const b = target.getLocalBounds();
    if (b.width > 0 && b.height > 0) out.addBounds(b, m);
    return;
  }
  if (target instanceof ViewContainer) {
    const b = target.bounds;
    if (b.width > 0 && b.height > 0) out.addBounds(b, m);
  }
  for (const child of target.children) addDrawnBounds(child, m, out, depth + 1);
}
