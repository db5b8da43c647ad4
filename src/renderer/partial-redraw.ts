/**
 * Redrawing only the tiles that changed, on both backends (render-backend.ts).
 *
 * A 2D canvas keeps its pixels between frames, and so does this page's WebGL drawing buffer
 * (preserveDrawingBuffer, gpu-surface.ts), so a frame where one chart moved need not raster the
 * whole window again: the renderer draws the whole scene limited to the changed tiles' rects (a clip
 * path on the 2D canvas, scissor boxes on WebGL: redraw-clip.ts), and outside them every pixel stays
 * as the last frame left it. Drawing everything inside the limit keeps overlaps, z-order and borders
 * right by construction. Where the window is rastered in software on every frame (Chromium's
 * software compositing, or WebGL on SwiftShader), raster is what a frame costs, so a KPI ticking or
 * one chart redrawing costs its tile, not the window.
 *
 * Which tiles changed: each tile's container is its own pixi render group, so pixi's
 * per-group change lists (the ones its next render will process: render-requests.ts stageChanged)
 * say which tile a changed object belongs to. Anything outside a tile's group (a tile moved, hidden
 * or added, the overlay, the scene swapped) and every change pixi cannot see (a camera frame drawn
 * from its video, a capture, a probe) redraws the whole window: the rule never misses a change; it
 * only saves where it is sure.
 */
import type { Container, RenderGroup } from 'pixi.js';
import type { Rect } from '../core/wall/model.js';
import { groupChanged, groupOwnChanges, type RenderReason } from './render-requests.js';

/** What the frame must redraw: the whole window, or these wall rects only. */
export type Redraw = 'all' | Rect[];

export interface TrackedTile {
  readonly container: Container;
  readonly rect: Rect;
}

/** Reasons that say nothing about where the change is. */
const WHOLE_WINDOW: ReadonlySet<RenderReason> = new Set(['swap', 'camera-frame', 'capture', 'probe']);

export class PartialRedraw {
  /** The last canvas drawn whole: a new canvas (context restored, backend rebuilt) starts whole. */
  private lastCanvas: object | null = null;

  /**
   * Makes every tile container its own render group. Called each frame before changes are read: a
   * tile added since (degraded mode, a new scene) joins now, and the structure change that makes
   * is a whole-window redraw.
   */
  public track(tiles: readonly TrackedTile[]): void {
    for (const t of tiles) if (!t.container.isRenderGroup) t.container.isRenderGroup = true;
  }

  /** What this frame must redraw, read before rendering (rendering clears pixi's change lists). */
  public decide(stage: Container, tiles: readonly TrackedTile[], reasons: ReadonlySet<RenderReason>, canvas: object | null): Redraw {
    if (canvas === null || canvas !== this.lastCanvas) {
      this.lastCanvas = canvas;
      return 'all';
    }
    for (const r of reasons) if (WHOLE_WINDOW.has(r)) return 'all';
    const stageGroup = stage.renderGroup;
    if (!stageGroup || groupOwnChanges(stageGroup)) return 'all';
    const rects: Rect[] = [];
    const tileGroups = new Set<RenderGroup>();
    for (const t of tiles) {
      const group = t.container.renderGroup;
      if (!group || !group.renderGroupParent) return 'all';
      tileGroups.add(group);
      if (groupChanged(group)) rects.push(t.rect);
    }
    // A render group of the stage that is no tile's (a widget's own, say): changes there are unplaced.
    if (unplacedGroupChanged(stageGroup, tileGroups)) return 'all';
    // Nothing placed yet something asked for a frame: redraw it all rather than guess.
    return rects.length > 0 ? rects : 'all';
  }
}

function unplacedGroupChanged(group: RenderGroup, tiles: ReadonlySet<RenderGroup>): boolean {
  for (const child of group.renderGroupChildren) {
    if (tiles.has(child)) continue;
    if (groupOwnChanges(child) || unplacedGroupChanged(child, tiles)) return true;
  }
  return false;
}
