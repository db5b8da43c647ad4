/**
 * Reads chosen canvas pixels right after each frame is rendered, before the browser composites
 * it: the drawing buffer is still valid then even without preserveDrawingBuffer. Tests use it to
 * prove that every frame around a layout switch is wholly the old or wholly the new layout.
 */
import type { ProbeFrame } from '../core/page/debug-hook.js';
import type { SurfacePixels } from './surface-pixels.js';

export class FrameProbe {
  private points: { x: number; y: number }[] | null = null;
  private frames: ProbeFrame[] = [];
  private captures: ((surface: SurfacePixels) => void)[] = [];

  /**
   * The whole canvas as rendered by the next frame: RGBA rows top to bottom, base64 (it crosses
   * the DevTools protocol as a string). Faster and frame-exact compared with a page screenshot,
   * which waits for the compositor.
   */
  public captureNext(): Promise<{ width: number; height: number; rgba: string }> {
    return new Promise((resolve) => {
      this.captures.push((surface) => resolve(wholeCanvas(surface)));
    });
  }

  /**
   * Runs `fn` right after the next frame is rendered, with the canvas while its pixels are still
   * the frame's (a WebGL drawing buffer until the browser composites it; thumbnails copy it with drawImage).
   */
  public afterNextFrame(fn: (canvas: HTMLCanvasElement | OffscreenCanvas) => void): void {
    this.captures.push((surface) => fn(surface.canvas));
  }

  /** Samples `points` (canvas px) in every frame from now until take(): a measurement, not a lifecycle. */
  public samplePoints(points: { x: number; y: number }[]): void {
    this.points = points.map((p) => ({ x: Math.floor(p.x), y: Math.floor(p.y) }));
    this.frames = [];
  }

  /** Points are sampled: every frame renders while a probe runs, so each frame is recorded. */
  public get sampling(): boolean {
    return this.points !== null;
  }

  /** A capture waits for the next rendered frame: it asks for one. */
  public get waiting(): boolean {
    return this.captures.length > 0;
  }

  public take(): ProbeFrame[] {
    const out = this.frames;
    this.points = null;
    this.frames = [];
    return out;
  }

  /** Called by the frame loop after rendering to the canvas. */
  public record(surface: SurfacePixels, frame: number, layout: string | null): void {
    const captures = this.captures;
    this.captures = [];
    for (const c of captures) c(surface);
    if (!this.points) return;
    const pixels = this.points.map((p): [number, number, number, number] => {
      const px = surface.read(p.x, p.y, 1, 1);
      return [px[0]!, px[1]!, px[2]!, px[3]!];
    });
    this.frames.push({ frame, layout, pixels });
  }
}

/** Every pixel of the surface, RGBA rows top-down as base64 (it crosses the DevTools protocol as a string). */
export function wholeCanvas(surface: SurfacePixels): { width: number; height: number; rgba: string } {
  const { width, height } = surface;
  const px = surface.read(0, 0, width, height);
  let binary = '';
  for (let i = 0; i < px.length; i += 0x8000) binary += String.fromCharCode(...px.subarray(i, i + 0x8000));
  return { width, height, rgba: btoa(binary) };
}
