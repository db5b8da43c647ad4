/**
 * The soak's wall: the 6 × 3 test wall (18 screens, 3 nodes, one window per screen), three layouts
 * it rotates through (data: charts and KPIs on every screen; alerts: alert lists and tickers;
 * cameras: four camera tiles of two HLS test cameras beside KPIs), the topics the data feed
 * publishes, and the test cameras: ffmpeg making a live HLS stream from a synthetic source
 * (lavfi testsrc2, H.264 320 × 180, 1 s segments), which the soak stops and starts again to
 * inject a camera fault.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { THEME } from './bench-project.mjs';

export const TOPICS = Array.from({ length: 50 }, (_, i) => `soak.sensor.s${String(i + 1).padStart(2, '0')}`);
export const CAMERAS = ['cam-a', 'cam-b'];
export const LAYOUT_ORDER = ['data', 'alerts', 'cameras'];

function tileOf(id, widget, s, props, topics = []) {
  return { id, widget, cell: { col: s.cell.col, row: s.cell.row, colSpan: 1, rowSpan: 1 }, z: 0, topics, priority: 'normal', props };
}

function layoutOf(wall, id, tiles) {
  return { file: `bench/${id}.yaml`, id, title: { vi: id, en: id }, theme: THEME.id, subdivision: { columns: 1, rows: 1 }, tiles };
}

/** `hlsUrl(camera)`: the camera's playlist URL. */
export function soakLayouts(wall, hlsUrl) {
  const topic = (i) => TOPICS[i % TOPICS.length];
  const data = wall.screens.map((s, i) =>
    i % 2 === 0
      ? tileOf(`chart-${s.id}`, 'chart', s, { kind: 'line', unit: 'm', decimals: 2, windowS: 60 }, [topic(i), topic(i + 18)])
      : tileOf(`kpi-${s.id}`, 'kpi', s, { unit: 'm', decimals: 2 }, [topic(i)]),
  );
  const alerts = wall.screens.map((s, i) =>
    s.cell.col < 2 ? tileOf(`list-${s.id}`, 'alert-list', s, { fontSizePx: 40 }) : i % 3 === 0 ? tileOf(`clock-${s.id}`, 'clock', s, {}) : tileOf(`ticker-${s.id}`, 'ticker', s, { speedPxPerS: 240, fontSizePx: 60 }),
  );
  const cameras = wall.screens.map((s, i) =>
    s.cell.row === 0 && s.cell.col < 4
      ? tileOf(`cam-${s.id}`, 'camera', s, { source: hlsUrl(CAMERAS[s.cell.col % 2]), showLabel: false })
      : tileOf(`kpi-${s.id}`, 'kpi', s, { unit: 'm', decimals: 2 }, [topic(i)]),
  );
  return [layoutOf(wall, 'data', data), layoutOf(wall, 'alerts', alerts), layoutOf(wall, 'cameras', cameras)];
}

/**
 * A live HLS test camera in `<root>/<id>/`: ffmpeg from a synthetic source at real time. Segment
 * numbers start at the epoch second, so a restarted camera never reuses an old segment's name.
 * Resolves once the first playlist exists; `stop()` ends it (the fault), `start()` again restarts.
 */
export function hlsCamera(root, id) {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  let child = null;
  let exited = Promise.resolve();
  const cam = {
    get running() {
      return child !== null;
    },
    async start() {
      if (child) return;
      const c = spawn('ffmpeg', [
        '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-re',
        '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '15',
        '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-start_number', String(Math.floor(Date.now() / 1000)),
        '-hls_flags', 'delete_segments+independent_segments+omit_endlist',
        '-hls_segment_filename', join(dir, 'seg-%d.ts'), join(dir, 'index.m3u8'),
      ], { stdio: 'ignore' });
      child = c;
      exited = new Promise((resolve) => c.once('exit', resolve));
      for (const deadline = Date.now() + 20_000; !existsSync(join(dir, 'index.m3u8')); ) {
        if (c.exitCode !== null || Date.now() > deadline) throw new Error(`test camera ${id}: ffmpeg made no playlist`);
        await delay(100);
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited;
    },
  };
  return cam;
}
