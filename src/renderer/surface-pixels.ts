/**
 * Reading a window's canvas right after a frame was rendered, whichever backend drew it
 * (render-backend.ts): the frame probe's points, frame captures and thumbnails. Both keep their
 * pixels between frames (a 2D canvas by nature, the WebGL drawing buffer by preserveDrawingBuffer,
 * which partial redraw needs: gpu-surface.ts), so a read also sees what the last frame left.
 */
/** Made once per canvas: width and height are read when asked (a canvas may be resized). */
export interface SurfacePixels {
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  readonly width: number;
  readonly height: number;
  /** RGBA of the rect (canvas px, y down), rows top to bottom. */
  read(x: number, y: number, width: number, height: number): Uint8Array;
}

/** The default framebuffer of a WebGL context (rows flipped: GL's origin is bottom left). */
export function glPixels(gl: WebGL2RenderingContext | WebGLRenderingContext): SurfacePixels {
  return {
    canvas: gl.canvas,
    get width() {
      return gl.drawingBufferWidth;
    },
    get height() {
      return gl.drawingBufferHeight;
    },
    read(x, y, width, height) {
      const px = new Uint8Array(width * height * 4);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.readPixels(x, gl.drawingBufferHeight - y - height, width, height, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const out = new Uint8Array(px.length);
      const row = width * 4;
      for (let r = 0; r < height; r++) out.set(px.subarray((height - 1 - r) * row, (height - r) * row), r * row);
      return out;
    },
  };
}

/** A 2D canvas (pixi's canvas renderer). */
export function context2dPixels(context: CanvasRenderingContext2D): SurfacePixels {
  return {
    canvas: context.canvas,
    get width() {
      return context.canvas.width;
    },
    get height() {
      return context.canvas.height;
    },
    read(x, y, width, height) {
      return new Uint8Array(context.getImageData(x, y, width, height).data.buffer);
    },
  };
}
