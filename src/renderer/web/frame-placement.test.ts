import { describe, expect, it } from 'vitest';
import { applyMatrix } from '../../core/wall/affine.js';
import type { PlannedScreen } from '../../core/displays/window-plan.js';
import { onOneScreen, placeFrame } from './frame-placement.js';

function at(p: ReturnType<typeof placeFrame>, x: number, y: number): [number, number] {
  const q = applyMatrix(p!.transform, { x, y });
  return [Math.round(q.x * 100) / 100 + p!.clip.x, Math.round(q.y * 100) / 100 + p!.clip.y];
}

const left: PlannedScreen = { screenId: 'a', displayId: 1, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, wallRect: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0 };
const right: PlannedScreen = { screenId: 'b', displayId: 2, windowRect: { x: 1920, y: 0, width: 1920, height: 1080 }, wallRect: { x: 1960, y: 0, width: 1920, height: 1080 }, rotation: 0 };

describe('placing a tile’s page content', () => {
  it('maps a tile on a screen shown 1:1 at the page scale, with the window offset', () => {
    const p = placeFrame([left, right], 0.5, { x: 2060, y: 100, width: 800, height: 400 })!;
    expect(p.screen).toBe('b');
    expect(p.clip).toEqual({ x: (1920 + 100) * 0.5, y: 50, width: 400, height: 200 });
    expect(p.size).toEqual({ width: 800, height: 400 });
    expect(at(p, 0, 0)).toEqual([1010, 50]);
    expect(at(p, 800, 400)).toEqual([1410, 250]);
  });

  it('scales the content by zoom: its document is smaller, drawn larger', () => {
    const p = placeFrame([left], 1, { x: 0, y: 0, width: 800, height: 400 }, 2)!;
    expect(p.size).toEqual({ width: 400, height: 200 });
    expect(at(p, 400, 200)).toEqual([800, 400]);
  });

  it('turns the content with a panel the page turns (90°: a quarter counter-clockwise)', () => {
    const portrait: PlannedScreen = { screenId: 'p', displayId: 1, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, wallRect: { x: 0, y: 0, width: 1080, height: 1920 }, rotation: 90 };
    const p = placeFrame([portrait], 1, { x: 0, y: 0, width: 1080, height: 1920 })!;
    expect(p.clip).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    // The content's top-left goes to the framebuffer's bottom-left, its top-right to the top-left.
    expect(at(p, 0, 0)).toEqual([0, 1080]);
    expect(at(p, 1080, 0)).toEqual([0, 0]);
    expect(at(p, 1080, 1920)).toEqual([1920, 0]);
  });

  it('clips to the screen holding most of the tile, and gives null off every screen', () => {
    const p = placeFrame([left, right], 1, { x: 1800, y: 0, width: 400, height: 100 })!;
    expect(p.screen).toBe('b'); // 240 px on b, 120 on a
    expect(p.clip).toEqual({ x: 1920, y: 0, width: 240, height: 100 });
    expect(at(p, 160, 0)).toEqual([1920, 0]);
    expect(placeFrame([left], 1, { x: 5000, y: 0, width: 10, height: 10 })).toBeNull();
  });

  it('tells a tile wholly on one screen from one across a bezel or off the window', () => {
    expect(onOneScreen([left, right], { x: 100, y: 0, width: 400, height: 100 })).toBe(true);
    expect(onOneScreen([left, right], { x: 1800, y: 0, width: 400, height: 100 })).toBe(false);
    expect(onOneScreen([left], { x: 1800, y: 0, width: 400, height: 100 })).toBe(false);
  });
});
