/**
 * Render only what changed: a window renders a frame only when something asked for one. The
 * frame loop still runs every animation frame (updates, ticks, camera uploads), but the two GPU
 * passes (scene → viewport texture → screens) run only when this frame differs from the last
 * one shown. Reasons come from two places:
 *  - the pixi tree itself (`scene`: stageChanged below): a dirty widget redrew, the ticker moved,
 *    the clock's text changed, an alert blinked, a tile moved or hid, the overlay changed;
 *  - `invalidate(reason)`, for what pixi cannot see: a camera's new frame copied into its texture
 *    (the sprite is unchanged, only the texture's pixels), a scene swap, a frame capture or probe
 *    that needs a rendered frame.
 * An unchanged frame leaves the canvas as it is: the browser keeps showing the last frame drawn.
 */
import type { Container, RenderGroup } from 'pixi.js';
import type { RenderDebugState } from '../core/page/debug-hook.js';

export type RenderReason = 'scene' | 'swap' | 'camera-frame' | 'capture' | 'probe';

/** Collects the reasons for rendering the next frame; `take` hands them out once. */
export class RenderRequests {
  private pending = new Set<RenderReason>();

  public readonly invalidate = (reason: RenderReason): void => {
    this.pending.add(reason);
  };

  /** This frame's reasons (empty: nothing changed, nothing to render), cleared for the next one. */
  public take(): ReadonlySet<RenderReason> {
    const out = this.pending;
    this.pending = new Set();
    return out;
  }
}

/**
 * Whether anything under `root` changed since pixi last rendered it: a transform, alpha or
 * visibility (containers queued for a transform update), a view (a Text's text, a Graphics
 * redrawn, a sprite's texture) or the structure (children added, removed, masked). Reads the
 * render group's own change lists, the ones pixi's next render would process; true before the
 * first render (no render group yet).
 */
export function stageChanged(root: Container): boolean {
  const group = root.renderGroup;
  return !group || groupChanged(group);
}

/** Changes queued in the render group itself, not in the render groups under it. */
export function groupOwnChanges(group: RenderGroup): boolean {
  if (group.structureDidChange || group.childrenRenderablesToUpdate.index > 0) return true;
  for (const depth in group.childrenToUpdate) if (group.childrenToUpdate[depth]!.index > 0) return true;
  return false;
}

/** Changes queued in the render group or any render group under it. */
export function groupChanged(group: RenderGroup): boolean {
  return groupOwnChanges(group) || group.renderGroupChildren.some(groupChanged);
}

/** What the debug state and health reports say about rendering. */
export type RenderStats = Omit<RenderDebugState, 'direct' | 'backend' | 'pageContent'>;

/** Counts processed and rendered frames; changedFps over windows of about a second. */
export class RenderMeter {
  private readonly stats: RenderStats & { reasons: Partial<Record<RenderReason, number>> } = { processed: 0, rendered: 0, changedFps: 0, reasons: {}, partial: 0 };
  private windowStart: number | null = null;
  private windowRendered = 0;

  /** The frame just counted redrew only some tiles (partial-redraw.ts). */
  public partial(): void {
    this.stats.partial++;
  }

  /** One animation frame that ran the scene, at monotonic time `now`; `reasons` empty when it did not render. */
  public frame(now: number, reasons: ReadonlySet<RenderReason>): void {
    this.stats.processed++;
    if (reasons.size > 0) {
      this.stats.rendered++;
      for (const r of reasons) this.stats.reasons[r] = (this.stats.reasons[r] ?? 0) + 1;
    }
    this.tick(now);
  }

  /** Closes the per-second window; called every animation frame, also frames that did not run the scene. */
  public tick(now: number): void {
    if (this.windowStart === null) {
      this.windowStart = now;
      this.windowRendered = this.stats.rendered;
      return;
    }
    const elapsed = now - this.windowStart;
    if (elapsed < 1000) return;
    this.stats.changedFps = ((this.stats.rendered - this.windowRendered) * 1000) / elapsed;
    this.windowStart = now;
    this.windowRendered = this.stats.rendered;
  }

  public get rendered(): number {
    return this.stats.rendered;
  }

  public snapshot(): RenderStats {
    return { ...this.stats, changedFps: Math.round(this.stats.changedFps * 10) / 10, reasons: { ...this.stats.reasons } };
  }
}
