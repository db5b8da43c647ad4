// Demo mode on a real in-process hub: every catalogue topic gets a value, alerts carry Vietnamese
// titles, cameras are served when ffmpeg exists, and without ffmpeg the hub says so and runs on.
import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../../../test/support/hub-fixtures.js';
import type { Layout } from '../../core/wall/model.js';
import { LIMITS } from '../../core/protocol/limits.js';
import { PROTOCOL_VERSION } from '../../core/protocol/protocol.js';
import { checkSnapshot } from '../../core/protocol/protocol-validate.js';
import { findFfmpeg } from './cameras/camera-sim.js';
import { DEMO_TOPICS } from '../../core/demo/demo-topics.js';
import { HubDemo } from './demo.js';

const hasFfmpeg = ((): boolean => {
  try {
    findFfmpeg();
    return true;
  } catch {
    return false;
  }
})();

describe('demo mode', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const sockets: RawWallSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of cleanups.splice(0)) await c();
  });

  it('publishes every demo topic at once and raises alerts with Vietnamese titles', async () => {
    const hub = await testHub({ demo: new HubDemo({ cameras: 0, alertEveryS: 0.01, random: () => 0.5 }) });
    cleanups.push(hub.cleanup);
    const s = rawWall(hub.url);
    sockets.push(s);
    const snap = await nextEvent(s, 'snapshot');
    expect(new Set(snap.values.map((v: { topic: string }) => v.topic))).toEqual(new Set(DEMO_TOPICS.map((t) => t.topic)));
    const alert = await until(async () => (await api(hub.url, 'GET', '/api/alerts?state=open', TOKENS.operator)).body.alerts[0], 'a demo alert', 15_000, 100);
    expect(alert.title).toMatch(/[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i);
    expect(alert.source).toBe('Mô phỏng IOC (demo)');
  });

  it('starts chart topics with an invented past over their window, for walls that take history', async () => {
    const level = 'flood.water-level.song-ganh-hao';
    const layouts: Layout[] = [{
      file: 'layouts/flood.yaml', id: 'flood', title: { vi: 'Ngập', en: 'Flood' }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 },
      tiles: [{ id: 'c', widget: 'chart', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, z: 0, topics: [level], priority: 'normal', props: { kind: 'line', windowS: 7200 } }],
    }];
    const hub = await testHub({ layouts, demo: new HubDemo({ cameras: 0, alertEveryS: 3600 }) });
    cleanups.push(hub.cleanup);
    const s = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, features: ['history'] });
    sockets.push(s);
    const snap = await nextEvent(s, 'snapshot');
    expect(checkSnapshot(snap).ok).toBe(true);
    const h = snap.history.find((x: { topic: string }) => x.topic === level) as { t: number[]; v: number[] };
    expect(h.t.length).toBeGreaterThan(100);
    expect(h.t.length).toBeLessThanOrEqual(LIMITS.historyPoints);
    expect(h.t[0]!).toBeLessThan(snap.hubTime - 7000 * 1000); // the whole window
    expect(snap.hubTime - h.t[h.t.length - 1]!).toBeLessThan(60_000);
    expect(snap.history.map((x: { topic: string }) => x.topic)).toEqual([level]);
  });

  it('runs on without cameras, saying why, when ffmpeg is missing', async () => {
    const lines: string[] = [];
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let hub;
    try {
      hub = await testHub({ demo: new HubDemo({ cameras: 2 }), log: (m) => lines.push(m) });
    } finally {
      process.env.PATH = path;
    }
    cleanups.push(hub.cleanup);
    expect(hub.cameraBase).toBeNull();
    expect(lines.join('\n')).toMatch(/demo cameras off: ffmpeg not found: install it with apt-get install ffmpeg.*runs on without cameras/);
    expect((await api(hub.url, 'GET', '/healthz', null)).body.ok).toBe(true);
  });

  it('serves live HLS cameras through the camera fleet when ffmpeg exists', async (ctx) => {
    if (!hasFfmpeg) ctx.skip('ffmpeg not installed');
    const hub = await testHub({ demo: new HubDemo({ cameras: 1 }), log: () => undefined });
    cleanups.push(hub.cleanup);
    expect(hub.cameraBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const playlist = await until(async () => {
      const res = await fetch(new URL('cam-01/index.m3u8', hub.cameraBase!));
      const text = res.ok ? await res.text() : '';
      return text.includes('#EXTINF') ? text : null;
    }, 'a live playlist', 30_000, 200);
    expect(playlist).toContain('#EXTM3U');
    expect(playlist).not.toContain('#EXT-X-ENDLIST');
  }, 45_000);
});
