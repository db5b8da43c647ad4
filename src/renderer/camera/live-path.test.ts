import { describe, expect, it } from 'vitest';
import { liveFailureAction } from './live-path.js';

describe('liveFailureAction', () => {
  it('falls back to HLS when the low-latency path cannot work here, before it showed frames', () => {
    expect(liveFailureAction('refused', false)).toBe('fall-back');
    expect(liveFailureAction('unknown-camera', false)).toBe('fall-back');
  });

  it('falls back whenever the codec or MSE fails: retrying the same path cannot help', () => {
    for (const played of [false, true]) {
      expect(liveFailureAction('codec', played)).toBe('fall-back');
      expect(liveFailureAction('media', played)).toBe('fall-back');
    }
  });

  it('treats a closed or refused socket after frames as an outage: the gateway HLS comes from the same camera', () => {
    expect(liveFailureAction('refused', true)).toBe('outage');
    expect(liveFailureAction('closed', true)).toBe('outage');
    expect(liveFailureAction('closed', false)).toBe('outage');
  });

  it('treats 4503 (camera not live at the gateway) and 4401 (bad token) as outages: HLS would fail the same way', () => {
    for (const played of [false, true]) {
      expect(liveFailureAction('unavailable', played)).toBe('outage');
      expect(liveFailureAction('unauthorized', played)).toBe('outage');
    }
  });
});
