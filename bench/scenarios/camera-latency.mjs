/**
 * Scenario camera-latency: glass-to-glass latency of live camera video, read from the pixels. An
 * RTSP test camera (test/support/rtsp-cameras.ts: GStreamer, H.264 320×180 at 25 fps) stamps every
 * frame with its wall-clock time in ms as a pixel time code; a wall window (one screen per path,
 * connected to an in-process hub from dist/) shows it through each path in PATHS side by side, in
 * the same run. The bench captures the window's canvas as fast as it can (wallrunDebug.captureFrame)
 * and, for each path's tile, decodes the code (test/support/pixel-clock.ts): latency = the captured
 * frame's time − the time in its pixels. Then `--switches` times: switch to a layout without cameras
 * and back (REST, two-phase), and time command → first decoded frame of each path.
 * See docs/cameras.md, "Latency".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { percentile, round } from '../lib/stats.mjs';
import { testSupport } from '../lib/test-support.mjs';
import { glInfo } from '../lib/page.mjs';
import { cpuBetween, snapshotCpu } from '../lib/procs.mjs';
import { coverRect, directDecode, ffmpegCpu, ffmpegSnapshot, hlsFromRtsp, timedCapture } from '../lib/camera-paths.mjs';
import { THEME, TOKENS } from '../lib/bench-project.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(join(ROOT, 'dist', p));

export const name = 'camera-latency';
export const description = 'RTSP test camera → wall: glass-to-glass latency per path (p50/p99) from a pixel time code, and time to first frame after a switch';
export const defaults = { durationS: 15, warmupS: 3, switches: 5, scale: 0.125, gl: process.env.WALLRUN_GL === 'gpu' ? 'gpu' : 'swiftshader' };

/**
 * The paths measured, one camera tile each on its own screen of the window, all in one run.
 * `props(ctx)`: the tile's props; ctx has `hlsUrl` (ffmpeg's HLS of the H.264 camera) and
 * `cameras.h264` / `cameras.h265` (the ids of the RTSP test cameras in the hub's project: the hub
 * gets, and its gateway pulls, only those a path names). A path is one line.
 */
const PATHS = [
  { id: 'hls', title: 'HLS (ffmpeg copy, 1 s segments)', props: (c) => ({ source: c.hlsUrl }) },
  { id: 'mse', title: 'fMP4/WebSocket → MSE (gateway)', props: (c) => ({ camera: c.cameras.h264 }) },
  { id: 'mse-h265', title: 'H.265 transcoded → MSE (gateway)', props: (c) => ({ camera: c.cameras.h265 }) },
];


/** A layout with a tile per path (`tileFor(path)`: widget and props; null: none) on the path's screen. */
function layoutOf(id, tileFor) {
  const tiles = PATHS.map((p, i) => ({ p, i, t: tileFor(p) })).filter((x) => x.t !== null);
  return {
    file: `bench/${id}.yaml`, id, title: { vi: id, en: id }, theme: THEME.id,
    subdivision: { columns: 1, rows: 1 },
    tiles: tiles.map(({ p, i, t }) => ({ id: `${id}-${p.id}`, z: 0, topics: [], priority: 'normal', cell: { col: i, row: 0, colSpan: 1, rowSpan: 1 }, ...t })),
  };
}

async function rest(base, method, path, body) {
  const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${TOKENS.operator}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const stat = (xs) => ({ n: xs.length, p50: round(percentile(xs, 50), 0), p99: round(percentile(xs, 99), 0), min: round(Math.min(...xs), 0), max: round(Math.max(...xs), 0) });

export function table(r) {
  const rows = [['path', 'samples', 'latency p50', 'p99', 'max', 'first frame p50', 'max', 'after swap p50', 'max']];
  for (const p of r.paths) rows.push([p.title, p.latencyMs.n, p.latencyMs.p50, p.latencyMs.p99, p.latencyMs.max, p.firstFrameMs.p50, p.firstFrameMs.max, p.firstFrameAfterSwapMs.p50, p.firstFrameAfterSwapMs.max]);
  rows.push([r.direct.title, r.direct.ageMs.n, r.direct.ageMs.p50, r.direct.ageMs.p99, r.direct.ageMs.max, '–', '–', '–', '–']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const ffmpeg = r.cpu.ffmpeg.map((f) => `${f.role} ${f.input} ${f.cpuPct} %`).join(', ');
  return `${rows.map((row) => row.map((c, i) => String(c).padStart(widths[i])).join('  ')).join('\n')}\n(ms)\n` +
    `CPU while measuring (% of one core): machine busy ${r.cpu.machineBusyPct} % of all cores; Chromium ${r.cpu.chromiumPct}; ffmpeg: ${ffmpeg || 'none'}`;
}

export async function run(opts, env) {
  const o = { ...defaults, ...opts };
  const [{ makeWall }, { readPixelClock, PIXEL_CLOCK }, { startRtspCameras }, { planWindows, assumedDisplays }, { buildPageConfig }, { tileRect }, { startHub }, { BrowserShell }, { startHlsServer }, { encodePng }] = await Promise.all([
    testSupport('wall-fixtures'), testSupport('pixel-clock'), dist('hub/demo/cameras/rtsp-cameras.js'),
    dist('core/displays/window-plan.js'), dist('core/page/page-config.js'), dist('core/wall/geometry.js'),
    dist('hub/server.js'), dist('shell/browser-shell.js'), dist('hub/demo/cameras/hls-server.js'), dist('shell/png-encode.js'),
  ]);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'wallrun-bench-camera-'));
  env.register('temp dir', () => rmSync(tmp, { recursive: true, force: true }));

  const cameras = await startRtspCameras({ h264: true, h265: true });
  env.register('RTSP test cameras', () => cameras.destroy());
  const hls = await hlsFromRtsp({ rtspUrl: cameras.url('h264'), root: join(tmp, 'hls'), id: 'bench-h264', signal: env.signal });
  env.register('ffmpeg HLS', hls.stop);
  const hlsServer = await startHlsServer({ root: join(tmp, 'hls') });
  env.register('HLS server', () => hlsServer.destroy());
  const ctx = { hlsUrl: new URL('bench-h264/index.m3u8', hlsServer.url).href, cameras: { h264: 'bench-h264', h265: 'bench-h265' } };
  // The project's cameras for the hub's gateway (HubOptions.cameras; ignored by a hub without one).
  const named = new Set(PATHS.map((p) => p.props(ctx).camera).filter(Boolean));
  const hubCameras = Object.entries(ctx.cameras).filter(([, id]) => named.has(id))
    .map(([mount, id]) => ({ id, title: { vi: `Camera thử ${mount}`, en: `Test camera ${mount}` }, url: cameras.url(mount), transcode: { width: 320, height: 180 } }));

  const wall = makeWall({ columns: Math.max(2, PATHS.length), rows: 1, nodes: 'single' });
  const plannedWindow = planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'))[0];
  const cameraTile = (p) => ({ widget: 'camera', props: { ...p.props(ctx), showLabel: false } });
  const camerasLayout = layoutOf('cameras', cameraTile);
  // Per path, a layout showing only its camera: a two-phase switch waits for every tile of the new
  // layout, so a path's first frame is timed on a layout of its own.
  const onlyLayouts = PATHS.map((p) => layoutOf(`only-${p.id}`, (q) => (q === p ? cameraTile(p) : null)));
  const blankLayout = layoutOf('blank', (p) => ({ widget: 'text', props: { text: p.title, fontSizePx: 80 } }));
  const layouts = [camerasLayout, blankLayout, ...onlyLayouts];
  const hub = await startHub({
    dataDir: join(tmp, 'hub'), insecure: true, layouts, log: () => undefined,
    tokens: [{ name: 'bench-wall', role: 'wall', token: TOKENS.wall }, { name: 'bench-operator', role: 'operator', token: TOKENS.operator }],
    cameras: hubCameras,
  });
  env.register('hub', () => hub.destroy());
  const shell = await BrowserShell.launch({ gl: o.gl });
  env.register('Chromium', () => shell.destroy());
  const config = buildPageConfig({ wall, layouts, themes: [THEME] }, plannedWindow, { lang: 'vi', scale: o.scale, cameraBase: '', assetBase: '', review: false });
  const win = await shell.openWindow({ ...config, initialLayout: 'cameras', hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 0 } });
  await win.ready(60_000);

  // Where each path's camera frame is in a capture (image px).
  const frameRects = camerasLayout.tiles.map((t) => {
    const r = tileRect(wall, camerasLayout, t);
    const tile = { x: (r.x - plannedWindow.viewport.x) * o.scale, y: (r.y - plannedWindow.viewport.y) * o.scale, width: r.width * o.scale, height: r.height * o.scale };
    return coverRect(tile, PIXEL_CLOCK.sourceWidth, PIXEL_CLOCK.sourceHeight);
  });
  const sample = async () => {
    const { image, at } = await timedCapture(win.page);
    return { at, image, codes: frameRects.map((rect) => readPixelClock(image, rect)) };
  };
  /**
   * Captures until each of `paths` (indexes) shows a time code; resolves with each one's first
   * capture time after `sinceMs`, or throws naming the missing paths, the page's camera state, and
   * where the last capture was written.
   */
  const untilDecoded = async (paths, sinceMs, timeoutMs) => {
    const first = new Map();
    let s = null;
    while (first.size < paths.length) {
      env.signal.throwIfAborted();
      if (Date.now() - sinceMs > timeoutMs) {
        const file = join(ROOT, 'bench', 'results', 'camera-latency-undecoded.png');
        if (s) writeFileSync(file, encodePng(s.image));
        const cams = await win.page.evaluate(() => window.wallrunCameras?.().tiles ?? []);
        throw new Error(`no time code within ${timeoutMs} ms on: ${paths.filter((i) => !first.has(i)).map((i) => PATHS[i].id).join(', ')}; cameras ${JSON.stringify(cams)}; last capture: ${file}`);
      }
      s = await sample();
      for (const i of paths) if (s.codes[i] !== null && !first.has(i)) first.set(i, s.at - sinceMs);
    }
    return paths.map((i) => first.get(i));
  };
  const switchTo = async (layout) => {
    const res = await rest(hub.url, 'POST', '/api/layout', { layout });
    if (res.status !== 202) throw new Error(`switch to ${layout} refused: ${JSON.stringify(res.body)}`);
  };
  const allPaths = PATHS.map((_, i) => i);

  env.log('camera-latency: waiting for every path to show the time code');
  await untilDecoded(allPaths, Date.now(), 60_000);
  await delay(o.warmupS * 1000);

  const direct = directDecode({ rtspUrl: cameras.url('h264'), width: PIXEL_CLOCK.sourceWidth, height: PIXEL_CLOCK.sourceHeight, readClock: readPixelClock });
  env.register('ffmpeg direct decode', () => direct.stop());
  await delay(1500); // its first key frame
  env.log(`camera-latency: measuring ${o.durationS} s`);
  direct.start();
  const latency = PATHS.map(() => []);
  const misses = PATHS.map(() => 0);
  let captures = 0;
  const measureStart = Date.now();
  const cpuBefore = [snapshotCpu(), ffmpegSnapshot()];
  while (Date.now() - measureStart < o.durationS * 1000) {
    env.signal.throwIfAborted();
    const s = await sample();
    captures++;
    s.codes.forEach((c, i) => (c === null ? misses[i]++ : latency[i].push(s.at - c)));
  }

  const cpu = cpuBetween(cpuBefore[0], snapshotCpu());
  const ffmpeg = ffmpegCpu(cpuBefore[1], ffmpegSnapshot(), hls.pid).filter((f) => f.pid !== direct.pid);
  const directAges = await direct.stop();

  const firstFrame = PATHS.map(() => []);
  const afterSwap = PATHS.map(() => []);
  for (let k = 0; k < o.switches; k++) {
    for (const [i, p] of PATHS.entries()) {
      await switchTo('blank');
      while ((await win.page.evaluate(() => window.wallrunDebug.state().layout)) !== 'blank') await delay(50);
      await delay(500); // the camera tiles' decoders go
      const since = win.events.length;
      const t0 = Date.now();
      await switchTo(`only-${p.id}`);
      const [ms] = await untilDecoded([i], t0, 30_000);
      const swap = await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === `only-${p.id}`, timeoutMs: 10_000 });
      firstFrame[i].push(ms);
      afterSwap[i].push(t0 + ms - swap.at);
      env.log(`camera-latency: switch ${k + 1}/${o.switches}: ${p.id} first frame ${Math.round(ms)} ms after the command, ${Math.round(t0 + ms - swap.at)} ms after the swap`);
    }
  }

  const chromiumVersion = await win.page.evaluate(() => /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? null).catch(() => null);
  return {
    scenario: name,
    browser: { chromiumVersion, gl: await glInfo(win.page).catch(() => null) },
    params: { paths: PATHS.map((p) => p.id), scale: o.scale, gl: o.gl, viewport: win.size, durationS: o.durationS, warmupS: o.warmupS, switches: o.switches, captures, capturesPerS: round(captures / o.durationS, 1), camera: 'RTSP H.264 320×180 @ 25 fps, key frame every 1 s (src/hub/demo/cameras/rtsp-camera-server.py)' },
    paths: PATHS.map((p, i) => ({ id: p.id, title: p.title, latencyMs: stat(latency[i]), undecodedCaptures: misses[i], firstFrameMs: stat(firstFrame[i]), firstFrameAfterSwapMs: stat(afterSwap[i]) })),
    direct: { title: 'RTSP → ffmpeg decode (no wall)', ageMs: stat(directAges) },
    cpu: { machineBusyPct: round(cpu.machineBusyPct, 0), chromiumPct: round((100 * cpu.chromiumS) / cpu.seconds, 0), ffmpeg },
    notes: [
      'latency: rAF time of the captured frame − the source time in its pixels (one clock: same machine); the compositor adds about one frame more before the glass',
      'RTSP → ffmpeg decode: the camera alone, decoded by ffmpeg straight to a pipe (no wall, no gateway): arrival here − time code',
      'first frame after command: REST switch (two-phase: prepare, then the swap 400 ms after the hub commits) → first capture with a decodable time code on that path, on a layout showing only it; after swap: the same capture − the swap frame (layoutSwitched.at); ≤ 0 means the picture was there in the swap frame. Captures are 1000 / capturesPerS ms apart',
    ],
  };
}
