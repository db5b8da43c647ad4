/**
 * The demo's cameras through the hub's gateway: the shipped project's cameras.yaml names the demo's
 * RTSP cameras, `HubDemo` serves them (GStreamer RTSP test cameras, src/hub/demo/demo-cameras.ts)
 * before the gateway pulls them, and a shipped camera tile plays one on the wall through the
 * low-latency path. Without GStreamer (a Python that does not exist) the demo says so and serves the
 * same camera as an ffmpeg HLS stream, which the gateway pulls just the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, Tile } from '../../src/core/wall/model.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { loadProjectDir } from '../../src/node/project-loader.js';
import { HubDemo } from '../../src/hub/demo/demo.js';
import { makeWall } from '../support/wall-fixtures.js';
import { WallBrowser, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { api, testHub, TOKENS, until } from '../support/hub-fixtures.js';
import { waitForTile } from '../support/camera-tiles.js';

const root = new URL('../../', import.meta.url).pathname;
const project = loadProjectDir(root).result;
if (!project.ok) throw new Error('the shipped project must load');
const shipped = project.value;
const shippedCameras = (ids: string[]): Camera[] => (shipped.cameras ?? []).filter((c) => ids.includes(c.id));

interface Listed {
  id: string;
  state: string;
  codec: string | null;
  transcoding: boolean;
  viewers: number;
}
const listed = async (url: string): Promise<Listed[]> => ((await api(url, 'GET', '/api/cameras', TOKENS.operator)).body as { cameras: Listed[] }).cameras;

describe("the demo's cameras through the hub gateway", () => {
  let browser: WallBrowser;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    browser = await WallBrowser.start();
  }, 60_000);
  afterEach(async () => {
    await browser?.closeWindows({ allowHttp: true }).catch(() => undefined);
    for (const c of cleanups.splice(0)) await c();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("serves the shipped cameras as RTSP test cameras the gateway pulls (H.265 transcoded); a shipped camera tile plays on the low-latency path", async () => {
    const lines: string[] = [];
    const hub = await testHub({ demo: new HubDemo({ alertEveryS: 3600 }), cameras: shippedCameras(['cam-01', 'cam-04']), layouts: shipped.layouts, log: (m) => lines.push(m) });
    cleanups.push(hub.cleanup);
    expect(lines.join('\n')).toMatch(/demo cameras: 2 RTSP test camera\(s\) \(GStreamer\) at rtsp:\/\/127\.0\.0\.1:\d+\/ \(cam-01, cam-04-h265\)/);
    const cams = await until(async () => {
      const l = await listed(hub.url);
      return l.every((c) => c.state === 'live') ? l : null;
    }, 'both demo cameras live in GET /api/cameras', 40_000, 250);
    expect(cams.map((c) => [c.id, c.codec?.slice(0, 4), c.transcoding])).toEqual([
      ['cam-01', 'avc1', false],
      ['cam-04', 'avc1', true],
    ]);

    // The first camera tile of the shipped traffic layout, as the demo's wall has it, on a small wall.
    const shippedTile = shipped.layouts.find((l) => l.id === 'traffic')!.tiles.find((t) => t.widget === 'camera' && t.props.camera === 'cam-01')!;
    const wall = makeWall();
    const t: Tile = tile({ id: 'demo-camera', widget: 'camera', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: shippedTile.props });
    const page = pageConfig({ wall, layouts: [layout('demo', [t])], window: windowFor(wall, 'node-1'), scale: 0.25 });
    const win = await browser.open({ ...page, hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 0 } });
    const live = await waitForTile(win, (x) => x.state === 'live' && x.textured && (x.framesPresented ?? 0) > 10, 30_000, 'the demo camera live on the wall');
    expect([live.path, live.fallback]).toEqual(['mse', null]);
    expect((await listed(hub.url)).find((c) => c.id === 'cam-01')!.viewers).toBe(1);
  }, 90_000);

  it('without GStreamer says so and serves the cameras as ffmpeg HLS streams, which the gateway pulls', async () => {
    const lines: string[] = [];
    const demo = new HubDemo({ alertEveryS: 3600, cameraPython: '/nonexistent/python3' });
    const hub = await testHub({ demo, cameras: shippedCameras(['cam-01']), layouts: shipped.layouts, log: (m) => lines.push(m) });
    cleanups.push(hub.cleanup);
    const log = lines.join('\n');
    expect(log).toMatch(/GStreamer's RTSP server cannot start \(.*ENOENT.*\); install python3-gi/);
    expect(log).toMatch(/Falling back to ffmpeg HLS cameras.* \/ Không chạy được máy chủ RTSP GStreamer/);
    expect(log).toMatch(/demo cameras: 1 ffmpeg HLS camera\(s\) at http:\/\/127\.0\.0\.1:\d+\//);
    expect(hub.cameraBase).toBeNull(); // no fleet for props.source tiles: the shipped tiles name cameras
    const [cam] = await until(async () => {
      const l = await listed(hub.url);
      return l[0]?.state === 'live' ? l : null;
    }, 'the demo camera live in GET /api/cameras from HLS', 60_000, 250);
    expect([cam!.id, cam!.codec?.slice(0, 4), cam!.transcoding]).toEqual(['cam-01', 'avc1', false]);
  }, 90_000);
});
