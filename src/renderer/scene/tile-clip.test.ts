/** TileClip over plain pixi containers (no renderer): pixi's bounds decide, as on the page. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container as PixiContainer, Graphics as PixiGraphics } from 'pixi.js';
import type { TileClip as Clip } from './tile-clip.js';

let Container: typeof PixiContainer;
let Graphics: typeof PixiGraphics;
let TileClip: typeof Clip;
beforeAll(async () => {
  // pixi reads navigator.userAgent when its module loads; the scene graph itself needs no DOM.
  (globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'node' };
  ({ Container, Graphics } = await import('pixi.js'));
  ({ TileClip } = await import('./tile-clip.js'));
});

/** A tile container 100 × 50 holding one widget view with a rectangle at (x, y, w, h). */
function tileWith(x: number, y: number, w: number, h: number): { container: PixiContainer; shape: PixiGraphics; clip: Clip } {
  const container = new Container();
  const view = new Container();
  const shape = new Graphics().rect(x, y, w, h).fill(0xffffff);
  view.addChild(shape);
  container.addChild(view);
  const clip = new TileClip(container);
  clip.resize({ width: 100, height: 50 });
  return { container, shape, clip };
}

describe('TileClip', () => {
  it('masks only while the content reaches past the rect', () => {
    const { container, shape, clip } = tileWith(0, 0, 100, 50);
    clip.sync();
    expect(clip.active).toBe(false);
    expect(container.mask).toBeFalsy();
    expect(container.children).toHaveLength(1);

    shape.clear().rect(-10, 0, 100, 50).fill(0xffffff);
    clip.sync();
    expect(clip.active).toBe(true);
    expect(container.children).toHaveLength(2); // the mask rides along as a child

    shape.clear().rect(10, 10, 20, 20).fill(0xffffff);
    clip.sync();
    expect(clip.active).toBe(false);
    expect(container.children).toHaveLength(1); // unmasked, it is not drawn
  });

  it('ignores hidden and empty content, and follows a resize', () => {
    const { container, shape, clip } = tileWith(0, 0, 150, 50);
    clip.sync();
    expect(clip.active).toBe(true);
    shape.visible = false;
    clip.sync();
    expect(clip.active).toBe(false);
    shape.visible = true;
    clip.resize({ width: 150, height: 50 });
    clip.sync();
    expect(clip.active).toBe(false);
    // A leaf with an empty box (as an empty Text: no width, a line's height) draws nothing.
    const empty = new Graphics().rect(0, 40, 0, 30).fill(0xffffff);
    container.children[0]!.addChild(empty);
    clip.sync();
    expect(clip.active).toBe(false);
  });

  it('always / off override the check; destroy leaves the container unmasked', () => {
    const { container, clip } = tileWith(0, 0, 10, 10);
    clip.mode = 'always';
    clip.sync();
    expect(clip.active).toBe(true);
    clip.mode = 'off';
    clip.sync();
    expect(clip.active).toBe(false);
    clip.mode = 'always';
    clip.sync();
    clip.destroy();
    expect(container.mask).toBeFalsy();
    expect(container.children).toHaveLength(1);
  });
});
