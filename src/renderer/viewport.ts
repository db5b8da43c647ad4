/**
 * How one window shows its part of the wall. The scene is drawn ONCE per frame into a
 * RenderTexture covering the window's viewport (wall px, bezels included), and each screen is a
 * sprite sampling its own wall rect of that texture into its window rect.
 *
 * Why one texture sampled per screen rather than rendering the scene once per screen with a
 * scissor: the scene (video uploads, text, charts) is the expensive part and is drawn once
 * whatever the screen count; each screen then costs one textured quad. The parts of a tile behind
 * a bezel are simply never sampled, so a tile crossing a bezel lines up as through a window frame.
 * The cost is one extra blit and a texture the size of the viewport; a viewport larger than the
 * GPU's MAX_TEXTURE_SIZE is rendered at a reduced resolution (reported as an error event).
 */
import { Container, Graphics, Matrix, Rectangle, RenderTexture, Sprite, Texture } from 'pixi.js';
import type { Renderer } from 'pixi.js';
import type { PlannedScreen, PlannedWindow } from '../core/displays/window-plan.js';
import { directOffset, isOneToOne, pageRotation, screenAffine } from './screen-transform.js';

export { pageRotation };

/** screenAffine as a pixi Matrix. */
export function screenMatrix(s: PlannedScreen): Matrix {
  const m = screenAffine(s);
  return new Matrix(m.a, m.b, m.c, m.d, m.tx, m.ty);
}

export interface ViewportOptions {
  window: PlannedWindow;
  /** Device px per wall px. */
  scale: number;
}

export class Viewport {
  public readonly texture: RenderTexture;
  /**
   * What is rendered to the canvas: one sprite per screen over the canvas cleared in the bezel
   * colour, so in review mode the gaps between screens read as bezels.
   */
  public readonly output = new Container();
  /** Applied to the scene root: wall px → texture px (the viewport's origin at 0,0). */
  public readonly sceneTransform: Matrix;
  public readonly reducedResolution: boolean;
  /**
   * Wall px → canvas, when the intermediate pass hides nothing and changes nothing: one screen,
   * unturned, shown pixel for pixel, covering the whole canvas (no bezel inside the window, no
   * margin to fill). The scene is then rendered straight to the canvas, one full-window pass
   * fewer per frame. Null: the scene goes through the texture and each screen samples it.
   */
  public readonly direct: Matrix | null;

  public constructor(renderer: Renderer, options: ViewportOptions) {
    const { window, scale } = options;
    const vp = window.viewport;
    const max = maxTextureSize(renderer);
    const fit = Math.min(scale, max / vp.width, max / vp.height);
    this.reducedResolution = fit < scale;
    this.texture = RenderTexture.create({
      width: vp.width,
      height: vp.height,
      resolution: fit,
      antialias: false,
      // Screens show wall px 1:1 (times the same scale as the texture): nearest sampling is exact
      // and keeps text crisp; linear only where a panel's mode differs from its wall rect.
      scaleMode: window.screens.every(isOneToOne) ? 'nearest' : 'linear',
    });
    this.sceneTransform = new Matrix(1, 0, 0, 1, -vp.x, -vp.y);
    const offset = this.reducedResolution ? null : directOffset(window);
    this.direct = offset ? new Matrix(1, 0, 0, 1, offset.x, offset.y) : null;
    for (const s of window.screens) {
      const frame = new Rectangle(s.wallRect.x - vp.x, s.wallRect.y - vp.y, s.wallRect.width, s.wallRect.height);
      if (renderer.name === 'canvas') this.output.addChild(screenEraser(s, frame));
      const sprite = new Sprite(new Texture({ source: this.texture.source, frame }));
      sprite.setFromMatrix(screenMatrix(s));
      // Screens never overlap: no blending (the software rasteriser feels it). The texture's alpha
      // is copied as it is: transparent where a camera element or a web tile shows through a hole.
      sprite.blendMode = 'none';
      this.output.addChild(sprite);
    }
  }

  public destroy(): void {
    this.output.destroy({ children: true });
    this.texture.destroy(true);
  }
}

/**
 * pixi's 2D canvas renderer has no blend mode `none` (it draws the sprite `source-over`), so the
 * holes in the texture would show the bezel colour the canvas was cleared in, hiding the camera
 * element or web tile under them. Erasing the screen's rect first (destination-out) makes the
 * sprite's `source-over` a copy, alpha included, as WebGL's `none` is.
 */
function screenEraser(s: PlannedScreen, frame: Rectangle): Graphics {
  const eraser = new Graphics({ label: `screen-eraser-${s.screenId}` }).rect(0, 0, frame.width, frame.height).fill(0xffffff);
  eraser.setFromMatrix(screenMatrix(s));
  eraser.blendMode = 'erase';
  return eraser;
}

function maxTextureSize(renderer: Renderer): number {
  const gl = (renderer as unknown as { gl?: WebGLRenderingContext }).gl;
  return gl ? (gl.getParameter(gl.MAX_TEXTURE_SIZE) as number) : 8192;
}
