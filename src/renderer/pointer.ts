/**
 * Touch and mouse on the wall. The canvas shows screens sampled from the scene's texture, so
 * pixi's own event system (which hit-tests the last container drawn to the canvas) cannot reach
 * the tiles. This maps each canvas pointer event back through the screen it landed on to wall px
 * and hands it to an EventBoundary over the scene, so widgets use ordinary pixi events
 * (`pointertap` on a row). A touch on a bezel or outside every screen is ignored.
 */
import { EventBoundary, FederatedPointerEvent, Matrix, Point, type Container } from 'pixi.js';
import type { PlannedWindow } from '../core/displays/window-plan.js';
import { screenMatrix } from './viewport.js';

const TYPES = ['pointerdown', 'pointerup', 'pointermove'] as const;

export class PointerRouter {
  private boundary: EventBoundary | null = null;
  private root: Container | null = null;
  private readonly inverse: { rect: PlannedWindow['screens'][number]['windowRect']; toWall: Matrix }[];

  public constructor(
    private readonly canvas: HTMLCanvasElement,
    window: PlannedWindow,
    private readonly scale: number,
    private readonly sceneRoot: () => Container | null,
  ) {
    this.inverse = window.screens.map((s) => {
      // screen-local wall px → window px, inverted, then shifted to absolute wall px.
      const toWall = screenMatrix(s).invert();
      toWall.tx += s.wallRect.x;
      toWall.ty += s.wallRect.y;
      return { rect: s.windowRect, toWall };
    });
    for (const t of TYPES) canvas.addEventListener(t, this.onPointer);
  }

  /** Window px (CSS px / scale) → wall px, or null on a bezel or off every screen. */
  public toWall(windowX: number, windowY: number): Point | null {
    const hit = this.inverse.find(
      ({ rect: r }) => windowX >= r.x && windowX < r.x + r.width && windowY >= r.y && windowY < r.y + r.height,
    );
    return hit ? hit.toWall.apply(new Point(windowX, windowY), new Point()) : null;
  }

  private readonly onPointer = (native: PointerEvent): void => {
    const root = this.sceneRoot();
    if (!root) return;
    if (root !== this.root) {
      this.root = root;
      this.boundary = new EventBoundary(root);
    }
    const box = this.canvas.getBoundingClientRect();
    const wall = this.toWall((native.clientX - box.left) / this.scale, (native.clientY - box.top) / this.scale);
    if (!wall || !this.boundary) return;
    const e = new FederatedPointerEvent(this.boundary);
    e.nativeEvent = native;
    e.type = native.type;
    e.pointerId = native.pointerId;
    e.pointerType = native.pointerType;
    e.isPrimary = native.isPrimary;
    e.button = native.button;
    e.buttons = native.buttons;
    e.width = native.width;
    e.height = native.height;
    e.client.set(native.clientX, native.clientY);
    e.screen.copyFrom(wall);
    e.global.copyFrom(wall);
    e.offset.copyFrom(wall);
    e.timeStamp = performance.now();
    this.boundary.mapEvent(e);
  };

  public destroy(): void {
    for (const t of TYPES) this.canvas.removeEventListener(t, this.onPointer);
    this.boundary = null;
    this.root = null;
  }
}
