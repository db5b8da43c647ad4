import { describe, expect, it } from 'vitest';
import { THUMBNAIL_LIMITS } from '../../core/protocol/thumbnail.js';
import { thumbnailSize } from './thumbnails.js';

describe('thumbnailSize', () => {
  it('gives each screen about 320 px across, whatever the window holds', () => {
    // A six-screen row (1920 × 1080 displays side by side): 320 × 180 a screen, not 53 × 5.
    expect(thumbnailSize({ width: 11_520, height: 1080 }, 6)).toEqual({ width: 1920, height: 180 });
    // The same row drawn at the page's 0.25 scale: the same thumbnail.
    expect(thumbnailSize({ width: 2880, height: 270 }, 6)).toEqual({ width: 1920, height: 180 });
    expect(thumbnailSize({ width: 3840, height: 2160 }, 4)).toEqual({ width: 640, height: 360 });
    expect(thumbnailSize({ width: 1920, height: 1080 }, 1)).toEqual({ width: 320, height: 180 });
    // A portrait screen: 180 across, 320 high.
    expect(thumbnailSize({ width: 1080, height: 1920 }, 1)).toEqual({ width: 180, height: 320 });
  });

  it('never enlarges and keeps within the protocol size limit', () => {
    expect(thumbnailSize({ width: 200, height: 100 }, 2)).toEqual({ width: 200, height: 100 });
    const row = thumbnailSize({ width: 23_040, height: 1080 }, 12);
    expect(row.width).toBe(THUMBNAIL_LIMITS.px);
    expect(row.height).toBe(96);
  });
});
