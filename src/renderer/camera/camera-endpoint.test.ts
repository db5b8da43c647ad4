import { describe, expect, it } from 'vitest';
import { hubEndpoint, wantsSubStream } from './camera-endpoint.js';
import { cameraConfig } from './camera-config.js';

const hub = { url: 'https://hub.example:7400', token: 't' };

describe('camera endpoints', () => {
  it('a small tile asks for the sub-stream, a key of its own; the HLS fallback stays the main stream', () => {
    const main = hubEndpoint(hub, 'nga tu');
    const sub = hubEndpoint(hub, 'nga tu', true);
    expect(main).toMatchObject({ kind: 'hub', liveUrl: 'wss://hub.example:7400/cameras/nga%20tu/live', hlsUrl: 'https://hub.example:7400/cameras/nga%20tu/hls/index.m3u8' });
    expect(sub).toMatchObject({ kind: 'hub', liveUrl: 'wss://hub.example:7400/cameras/nga%20tu/live?sub=1', hlsUrl: main.kind === 'hub' ? main.hlsUrl : '' });
    expect(sub.key).not.toBe(main.key);
  });

  it('takes the sub-stream when the tile\'s longer side is at most subStreamMaxPx; 0 never', () => {
    expect(wantsSubStream({ width: 960, height: 540 }, 960)).toBe(true);
    expect(wantsSubStream({ width: 961, height: 540 }, 960)).toBe(false);
    expect(wantsSubStream({ width: 540, height: 961 }, 960)).toBe(false);
    expect(wantsSubStream({ width: 10, height: 10 }, 0)).toBe(false);
    expect(cameraConfig().subStreamMaxPx).toBe(960);
    expect(() => cameraConfig({ subStreamMaxPx: -1 })).toThrow(/camera\.subStreamMaxPx/);
  });
});
