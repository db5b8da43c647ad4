import { describe, expect, it } from 'vitest';
import { PAGE_CAPTURE_MAX_PX, checkPageCaptureRequest } from './host-api.js';

describe('checkPageCaptureRequest (what a host takes from the page before capturing)', () => {
  it('passes a well-formed request on, and only its fields', () => {
    expect(checkPageCaptureRequest({ width: 640, height: 180, quality: 0.9 })).toEqual({ width: 640, height: 180, quality: 0.9 });
    expect(checkPageCaptureRequest({ width: PAGE_CAPTURE_MAX_PX, height: 1, quality: 1, extra: 'x' })).toEqual({ width: PAGE_CAPTURE_MAX_PX, height: 1, quality: 1 });
  });

  it('refuses sizes out of range or not whole, qualities outside (0, 1], and non-objects', () => {
    for (const bad of [null, 'big', [], { width: 0, height: 180, quality: 0.9 }, { width: 640.5, height: 180, quality: 0.9 }, { width: PAGE_CAPTURE_MAX_PX + 1, height: 180, quality: 0.9 }, { width: 640, height: '180', quality: 0.9 }, { width: 640, height: 180, quality: 0 }, { width: 640, height: 180, quality: 1.5 }, { width: 640, height: 180 }]) {
      expect(typeof checkPageCaptureRequest(bad), JSON.stringify(bad)).toBe('string');
    }
  });
});
