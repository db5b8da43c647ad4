/**
 * A wall window's drawing side: its canvas, the one pixi renderer (one WebGL context, never one per
 * tile; or pixi's 2D canvas renderer: render-backend.ts), the viewport texture sampled per screen,
 * and the pointer router on the canvas. Apart from WallApp because its life is shorter: a lost WebGL
 * context discards all of it, and WallApp builds a fresh one on a new canvas, while the store, the
 * frame loop and the scene slot live on.
 */
import { autoDetectRenderer, type CanvasRenderer, type Container, Matrix, type Renderer, type RenderTexture } from 'pixi.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import type { PageEvent } from '../core/page/host-messages.js';
import type { Theme } from '../core/wall/model.js';
import type { Redraw } from './partial-redraw.js';
import { capBoxes, clip2d, deviceBoxes, scissored } from './redraw-clip.js';
import { PointerRouter } from './pointer.js';
import type { RenderBackend } from './render-backend.js';
import { context2dPixels, glPixels, type SurfacePixels } from './surface-pixels.js';
import { Viewport } from './viewport.js';

export interface GpuSurfaceOptions {
  window: WallPageConfig['window'];
  scale: number;
  backend: RenderBackend;
  /** The canvas's colour before the first frame (the theme's bezel). */
  background: Theme['colors']['bezel'];
  /** The page layer (content outside the canvas), kept under every canvas this surface makes. */
  pageLayer?: HTMLElement;
  /** The canvas has an alpha channel, so page content shows where the scene leaves it transparent. */
  transparent?: boolean;
  /** Where pointer events go: the stage while a scene shows, else nowhere. */
  pointerTarget(): Container | null;
  onContextLost(e: Event): void;
  onContextRestored(): void;
  emit(e: PageEvent): void;
}

/** One render of the scene: to the canvas, or to the viewport texture. */
interface ScenePass {
  container: Container;
  target?: RenderTexture;
  transform: Matrix;
  clear: true;
  clearColor: Theme['colors']['background'];
}

export class GpuSurface {
  private renderer: Renderer | null = null;
  private viewport: Viewport | null = null;
  /** The canvas's pixels through the backend that draws it (the frame probe reads them after each render). */
  private surfacePixels: SurfacePixels | null = null;
  private pointer: PointerRouter | null = null;
  private readonly identity = new Matrix();
  /** The debug lever (WallApp.setRenderPath): always through the viewport texture. */
  public texturePassForced = false;

  public constructor(private readonly o: GpuSurfaceOptions) {}

  /** A new canvas (it replaces the page's body but the page layer) and the renderer, viewport and pointer router on it. */
  public async init(): Promise<void> {
    const { window, scale } = this.o;
    const { bounds } = window;
    const canvas = document.createElement('canvas');
    canvas.style.width = `${Math.round(bounds.width * scale)}px`;
    canvas.style.height = `${Math.round(bounds.height * scale)}px`;
    const renderer = await autoDetectRenderer({
      preference: this.o.backend,
      canvas,
      width: bounds.width,
      height: bounds.height,
      resolution: scale,
      autoDensity: false,
      antialias: false,
      // Kept between frames, so a frame may redraw only the tiles that changed (partial-redraw.ts).
      // Measured under forced SwiftShader: no dearer per frame than a buffer the compositor swaps.
      preserveDrawingBuffer: true,
      background: this.o.background,
      // Fixed at init (pixi: a canvas made opaque stays opaque). Each render clears with opaque
      // colours; only the web tiles' holes (erase blend) leave the canvas transparent.
      backgroundAlpha: this.o.transparent ? 0 : 1,
      // Pointer input is PointerRouter's alone (pointer.ts: canvas px → screen → wall px). pixi's own
      // event system hit-tests the last container drawn: on the direct path that is the stage, and a
      // tap reached every widget twice (a PIN digit typed twice).
      eventFeatures: { click: false, move: false, globalMove: false, wheel: false },
    });
    if (renderer.name !== this.o.backend) {
      // pixi falls back to another renderer where the wanted one cannot start: say so, draw anyway.
      this.o.emit({ type: 'error', code: 'render-backend-unavailable', message: `render backend ${this.o.backend} unavailable; drawing with ${renderer.name}` });
    }
    this.mount(canvas);
    canvas.addEventListener('webglcontextlost', this.o.onContextLost);
    canvas.addEventListener('webglcontextrestored', this.o.onContextRestored);
    this.renderer = renderer;
    this.surfacePixels = readerFor(renderer);
    this.pointer = new PointerRouter(canvas, window, scale, this.o.pointerTarget);
    this.viewport = new Viewport(renderer, { window, scale });
    if (this.viewport.reducedResolution) {
      this.o.emit({ type: 'error', code: 'viewport-too-large', message: 'viewport exceeds MAX_TEXTURE_SIZE; rendered at reduced resolution' });
    }
  }

  /**
   * The new canvas replaces everything in the page's body but the page layer, which stays where
   * it is: an iframe taken out of the document and put back reloads its page.
   */
  private mount(canvas: HTMLCanvasElement): void {
    const layer = this.o.pageLayer;
    for (const node of [...document.body.childNodes]) if (node !== layer) node.remove();
    if (layer && layer.parentNode !== document.body) document.body.prepend(layer);
    document.body.append(canvas);
  }

  /**
   * Renders `stage` (wall px) into the viewport texture, then each screen's part of it to the
   * canvas; or, where that pass would hide and change nothing (Viewport.direct: one screen filling
   * the window 1:1), straight to the canvas. The clears paint the theme background and the
   * bezels: no full-size shapes to fill.
   * Returns the canvas's pixels while they are this frame's (for the frame probe); null before init.
   */
  public render(stage: Container, colors: Theme['colors'], redraw: Redraw = 'all'): SurfacePixels | null {
    const { renderer, viewport } = this;
    if (!renderer || !viewport) return null;
    if (viewport.direct && !this.texturePassForced) {
      this.drawScene(renderer, { container: stage, transform: viewport.direct, clear: true, clearColor: colors.background }, redraw, this.o.scale);
    } else {
      const target = viewport.texture;
      this.drawScene(renderer, { container: stage, target, transform: viewport.sceneTransform, clear: true, clearColor: colors.background }, redraw, target.source.resolution);
      // Each screen's part of the texture, whole: a copy per screen, no raster of the scene.
      renderer.render({ container: viewport.output, transform: this.identity, clear: true, clearColor: colors.bezel });
    }
    return this.pixels();
  }

  /**
   * One render of the scene, or for a partial redraw one limited to the changed tiles' pixels
   * (redraw-clip.ts): under a clip on the 2D canvas, in scissor boxes on WebGL.
   */
  private drawScene(renderer: Renderer, pass: ScenePass, redraw: Redraw, scale: number): void {
    if (redraw === 'all') {
      renderer.render(pass);
      return;
    }
    const source = pass.target?.source;
    const size = source ? { width: source.pixelWidth, height: source.pixelHeight } : { width: renderer.canvas.width, height: renderer.canvas.height };
    const boxes = deviceBoxes(redraw, pass.transform, scale, size);
    const gl = this.gl();
    if (gl) {
      scissored(gl, capBoxes(boxes), source ? null : size.height, () => renderer.render(pass));
      return;
    }
    const context = source ? canvasContextOf(source.resource) : this.context2d();
    if (!context) {
      renderer.render(pass);
      return;
    }
    clip2d(context, boxes);
    renderer.render(pass);
    context.restore();
  }

  /**
   * What the scene is drawn on this frame: the canvas, or the viewport texture. A partial redraw
   * builds on what the last frame left there, so a new target (a new canvas, the render path
   * changed) starts whole (partial-redraw.ts).
   */
  public get redrawTarget(): object | null {
    if (!this.renderer || !this.viewport) return null;
    return this.direct ? this.renderer.canvas : this.viewport.texture;
  }

  /**
   * Whether a frame may redraw only some tiles: a 2D canvas keeps its pixels, and so does this
   * surface's WebGL drawing buffer (preserveDrawingBuffer) and its viewport texture.
   */
  public get redrawsPartially(): boolean {
    return this.renderer !== null;
  }

  private context2d(): CanvasRenderingContext2D | null {
    return this.renderer ? context2dOf(this.renderer) : null;
  }

  /** The canvas's pixels, read through whichever backend draws it; null before init. */
  public pixels(): SurfacePixels | null {
    return this.surfacePixels;
  }

  /** Which pixi renderer draws (the wanted backend, unless pixi had to fall back); null before init. */
  public get backend(): RenderBackend | null {
    const name = this.renderer?.name;
    return name === 'webgl' || name === 'canvas' ? name : null;
  }

  /** Whether frames go straight to the canvas (Viewport.direct, unless the texture pass is forced). */
  public get direct(): boolean {
    return this.viewport?.direct != null && !this.texturePassForced;
  }

  /** Whether init() finished and destroy() was not called since. */
  public get ready(): boolean {
    return this.renderer !== null && this.viewport !== null;
  }

  /** The canvas's WebGL context (the debug hook's context-loss lever); null on the canvas backend. */
  public gl(): WebGL2RenderingContext | null {
    return (this.renderer as unknown as { gl?: WebGL2RenderingContext } | null)?.gl ?? null;
  }

  public destroy(): void {
    const renderer = this.renderer;
    this.renderer = null;
    this.surfacePixels = null;
    this.pointer?.destroy();
    this.pointer = null;
    this.viewport?.destroy();
    this.viewport = null;
    if (!renderer) return;
    renderer.canvas.removeEventListener('webglcontextlost', this.o.onContextLost);
    renderer.canvas.removeEventListener('webglcontextrestored', this.o.onContextRestored);
    try {
      renderer.destroy({ removeView: true });
    } catch {
      // Destroying on a lost context may throw inside pixi; the canvas is discarded either way.
    }
  }
}

/** The root 2D context of pixi's canvas renderer; null on WebGL. */
function context2dOf(renderer: Renderer): CanvasRenderingContext2D | null {
  const context = (renderer as unknown as CanvasRenderer).canvasContext?.rootContext;
  return (context as unknown as CanvasRenderingContext2D | undefined) ?? null;
}

/** How the frame probe reads this renderer's canvas. */
function readerFor(renderer: Renderer): SurfacePixels | null {
  const gl = (renderer as unknown as { gl?: WebGL2RenderingContext }).gl;
  if (gl) return glPixels(gl);
  const context = context2dOf(renderer);
  return context ? context2dPixels(context) : null;
}

/** The 2D context of a canvas pixi draws a render texture into; null for anything else (WebGL, before its first render). */
function canvasContextOf(resource: unknown): CanvasRenderingContext2D | null {
  return resource instanceof HTMLCanvasElement ? resource.getContext('2d') : null;
}
