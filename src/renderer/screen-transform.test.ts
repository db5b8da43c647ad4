import { describe, expect, it } from 'vitest';
import { applyMatrix } from '../core/wall/affine.js';
import { directOffset, pageRotation, screenAffine } from './screen-transform.js';
import type { PlannedScreen } from '../core/displays/window-plan.js';

const portraitWall = { x: 5000, y: 0, width: 1080, height: 1920 };

function screen(windowRect: PlannedScreen['windowRect'], rotation: PlannedScreen['rotation'], wallRect = portraitWall): PlannedScreen {
  return { screenId: 's', displayId: 1, windowRect, wallRect, rotation };
}

function map(s: PlannedScreen, x: number, y: number): [number, number] {
  const p = applyMatrix(screenAffine(s), { x, y });
  return [Math.round(p.x), Math.round(p.y)];
}

describe('screen mapping', () => {
  it('leaves rotation to an OS that already turned the desktop', () => {
    const s = screen({ x: 0, y: 0, width: 1080, height: 1920 }, 90);
    expect(pageRotation(s)).toBe(0);
    expect(map(s, 0, 0)).toEqual([0, 0]);
    expect(map(s, 1080, 1920)).toEqual([1080, 1920]);
  });

  it('turns the picture a quarter counter-clockwise for a panel mounted 90° clockwise on an unrotated desktop', () => {
    const s = screen({ x: 1920, y: 0, width: 1920, height: 1080 }, 90);
    expect(pageRotation(s)).toBe(90);
    // Wall top-left → framebuffer bottom-left; wall top-right → framebuffer top-left.
    expect(map(s, 0, 0)).toEqual([1920, 1080]);
    expect(map(s, 1080, 0)).toEqual([1920, 0]);
    expect(map(s, 1080, 1920)).toEqual([3840, 0]);
  });

  it('270°: the reverse quarter turn', () => {
    const s = screen({ x: 0, y: 0, width: 1920, height: 1080 }, 270);
    expect(map(s, 0, 0)).toEqual([1920, 0]);
    expect(map(s, 0, 1920)).toEqual([0, 0]);
    expect(map(s, 1080, 1920)).toEqual([0, 1080]);
  });

  it('scales a panel whose window rect differs from its wall rect', () => {
    const s = screen({ x: 0, y: 0, width: 3840, height: 2160 }, 0, { x: 0, y: 0, width: 1920, height: 1080 });
    expect(map(s, 1920, 1080)).toEqual([3840, 2160]);
  });
});

describe('rendering straight to the canvas (directOffset)', () => {
  const wallRect = { x: 1926, y: 0, width: 1920, height: 1080 };
  const alone = (windowRect = { x: 0, y: 0, width: 1920, height: 1080 }, rotation: PlannedScreen['rotation'] = 0) => ({
    screens: [screen(windowRect, rotation, wallRect)],
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    viewport: wallRect,
  });

  it('one unturned screen filling its window 1:1: the wall → window offset', () => {
    expect(directOffset(alone())).toEqual({ x: -1926, y: 0 });
  });

  it('not where the texture pass hides or changes something', () => {
    const two = alone();
    two.screens.push(screen({ x: 1920, y: 0, width: 1920, height: 1080 }, 0, { x: 3852, y: 0, width: 1920, height: 1080 }));
    expect(directOffset(two), 'two screens: the bezel between them is hidden').toBeNull();
    expect(directOffset(alone({ x: 0, y: 0, width: 1280, height: 720 })), 'scaled').toBeNull();
    expect(directOffset({ ...alone(), bounds: { x: 0, y: 0, width: 2000, height: 1080 } }), 'a margin to fill in the bezel colour').toBeNull();
    expect(directOffset({ ...alone(), viewport: { ...wallRect, width: 1930 } }), 'the viewport reaches past the screen').toBeNull();
    expect(directOffset(alone({ x: 0, y: 0, width: 1080, height: 1920 }, 90)), 'turned by the page').toBeNull();
  });
});
