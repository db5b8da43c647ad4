import { describe, expect, it } from 'vitest';
import { hubEndpoint, sourceEndpoint, wantsSubStream } from './camera-endpoint.js';
import { go2rtcFraming } from './live-framing.js';
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

  it('follows the hub the wall is on: players started after a failover go to the new leader; the key stays', () => {
    const group = { url: 'https://hub-a.example:7400', token: 't' };
    const e = hubEndpoint(group, 'cau-ganh-hao');
    const key = e.key;
    group.url = 'https://hub-b.example:7400';
    expect(e).toMatchObject({ liveUrl: 'wss://hub-b.example:7400/cameras/cau-ganh-hao/live', hlsUrl: 'https://hub-b.example:7400/cameras/cau-ganh-hao/hls/index.m3u8' });
    expect(e.key).toBe(key);
  });

  it('takes the sub-stream when the tile\'s longer side is at most subStreamMaxPx; 0 never', () => {
    expect(wantsSubStream({ width: 960, height: 540 }, 960)).toBe(true);
    expect(wantsSubStream({ width: 961, height: 540 }, 960)).toBe(false);
    expect(wantsSubStream({ width: 540, height: 961 }, 960)).toBe(false);
    expect(wantsSubStream({ width: 10, height: 10 }, 0)).toBe(false);
    expect(cameraConfig().subStreamMaxPx).toBe(960);
    expect(() => cameraConfig({ subStreamMaxPx: -1 })).toThrow(/camera\.subStreamMaxPx/);
  });

  it('a tile source is go2rtc\'s MSE WebSocket when it is one, HLS otherwise', () => {
    expect(sourceEndpoint('wss://g.example:1984/api/ws?src=cam1')).toEqual({ kind: 'go2rtc', key: 'wss://g.example:1984/api/ws?src=cam1', url: 'wss://g.example:1984/api/ws?src=cam1' });
    expect(sourceEndpoint('https://x.example/a.m3u8')).toMatchObject({ kind: 'hls' });
  });

  it('speaks go2rtc\'s framing: offers the playable video codecs, reads the chosen type, an error is an outage', () => {
    const framing = go2rtcFraming((t) => t.includes('avc1.42E01E') || t.includes('avc1.640029'));
    expect(JSON.parse(framing.hello())).toEqual({ type: 'mse', value: 'avc1.640029,avc1.42E01E' });
    expect(framing.describe('{"type":"mse","value":"video/mp4; codecs=\\"avc1.64001F\\""}')).toEqual({ info: { codec: 'avc1.64001F' } });
    expect(framing.describe('{"type":"error","value":"streams: no producer"}')).toEqual({ failure: 'unavailable', detail: 'go2rtc: streams: no producer' });
    expect(framing.describe('{"type":"mse","value":"video/mp4"}')).toMatchObject({ failure: 'codec' });
    expect(framing.describe('{"type":"webrtc/candidate","value":""}')).toBeNull();
  });
});
