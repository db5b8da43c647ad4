/**
 * Reads chosen canvas pixels right after each frame is rendered, before the browser composites
 * it: the drawing buffer is still valid then even without preserveDrawingBuffer. Tests use it to
 * prove that every frame around a layout switch is wholly the old or wholly the new layout.
 */
import type { ProbeFrame } from '../core/host-api.js';

export class FrameProbe {
  private points: { x: number; y: number }[] | null = null;
  private frames: ProbeFrame[] = [];

  public start(points: { x: number; y: number }[]): void {
    this.points = points.map((p) => ({ x: Math.floor(p.x), y: Math.floor(p.y) }));
    this.frames = [];
  }

  public take(): ProbeFrame[] {
    const out = this.frames;
    this.points = null;
    this.frames = [];
    return out;
  }

  /** Called by the frame loop after rendering to the canvas. */
  public record(gl: WebGL2RenderingContext | WebGLRenderingContext, frame: number, layout: string | null): void {
    if (!this.points) return;
    const px = new Uint8Array(4);
    const height = gl.drawingBufferHeight;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    const pixels = this.points.map((p): [number, number, number, number] => {
      gl.readPixels(p.x, height - 1 - p.y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      return [px[0]!, px[1]!, px[2]!, px[3]!];
    });
    this.frames.push({ frame, layout, pixels });
  }
}
