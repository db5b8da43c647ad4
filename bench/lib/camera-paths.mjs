/**
 * What the camera-latency scenario needs beside the wall: an HLS stream made from an RTSP test
 * camera by ffmpeg (stream copy, 1 s segments: the HLS path as the demo's cameras and a gateway's
 * fallback make it), and a timed capture of a wall window's canvas.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { descendants } from './procs.mjs';

/**
 * ffmpeg pulling `rtspUrl` over TCP into `<root>/<id>/index.m3u8` (video copied, 1 s segments, 8 kept).
 * Resolves once the first playlist is written; the caller registers `stop`.
 */
export async function hlsFromRtsp({ rtspUrl, root, id, segmentS = 1, signal }) {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const child = spawn('ffmpeg', [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
    '-rtsp_transport', 'tcp', '-i', rtspUrl, '-an', '-c:v', 'copy',
    '-f', 'hls', '-hls_time', String(segmentS), '-hls_list_size', '8',
    '-hls_flags', 'delete_segments+independent_segments+omit_endlist',
    '-hls_segment_filename', join(dir, 'seg-%d.ts'), join(dir, 'index.m3u8'),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (err = (err + c).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    await exited;
  };
  for (const deadline = Date.now() + 20_000; !existsSync(join(dir, 'index.m3u8')); ) {
    signal?.throwIfAborted();
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`ffmpeg made no HLS from ${rtspUrl}:\n${err}`);
    }
    await delay(100);
  }
  return { stop, dir, pid: child.pid };
}

/**
 * The canvas as the page's next frame rendered it (wallrunDebug.captureFrame: gl.readPixels right
 * after rendering) and when: `at` is that frame's time (document.timeline.currentTime, the frame's
 * requestAnimationFrame timestamp, read in the capture's own callback) on the page's wall clock, ms
 * since the epoch. The frame reaches the glass one compositor pass later.
 */
export async function timedCapture(page) {
  const { width, height, rgba, at } = await page.evaluate(() => {
    const epochOffset = Date.now() - performance.now();
    return window.wallrunDebug.captureFrame().then((f) => ({ ...f, at: epochOffset + Number(document.timeline.currentTime) }));
  });
  return { image: { width, height, data: new Uint8Array(Buffer.from(rgba, 'base64')) }, at };
}

/**
 * Where the camera frame (sourceWidth × sourceHeight) lies in the captured image when a tile
 * covering `tile` (image px) shows it scaled to cover (aspect kept, centred, overflow cropped), as
 * the camera widget draws it.
 */
export function coverRect(tile, sourceWidth, sourceHeight) {
  const s = Math.max(tile.width / sourceWidth, tile.height / sourceHeight);
  const width = sourceWidth * s;
  const height = sourceHeight * s;
  return { x: tile.x + (tile.width - width) / 2, y: tile.y + (tile.height - height) / 2, width, height };
}

/** This run's ffmpeg processes with their CPU time so far and command line. */
export function ffmpegSnapshot() {
  const out = new Map();
  for (const p of descendants()) {
    if (p.comm !== 'ffmpeg') continue;
    let args = [];
    try {
      args = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone
    }
    out.set(p.pid, { cpuS: p.cpuS, args });
  }
  return { at: performance.now(), procs: out };
}

/**
 * CPU of each ffmpeg between two snapshots, % of one core: `input` the RTSP path it pulls, `role`
 * `hls` (the bench's own HLS maker, pid `hlsPid`), `transcode` (its command line encodes with
 * libx264: an H.265 source) or `copy` (the gateway's pull of an H.264 source).
 */
export function ffmpegCpu(a, b, hlsPid) {
  const seconds = (b.at - a.at) / 1000;
  return [...b.procs].map(([pid, p]) => {
    const input = p.args[p.args.indexOf('-i') + 1] ?? '';
    const role = pid === hlsPid ? 'hls' : p.args.includes('libx264') ? 'transcode' : 'copy';
    return { pid, input: input.replace(/^rtsps?:\/\/[^/]+/, ''), role, cpuPct: Math.round((1000 * Math.max(0, p.cpuS - (a.procs.get(pid)?.cpuS ?? 0))) / seconds) / 10 };
  });
}

/**
 * The camera alone, as a reference beside the wall's paths: ffmpeg decodes the RTSP stream straight
 * to raw RGBA frames on a pipe (no buffering flags), and each frame's age when it arrives here is
 * now − its time code. `stop()` ends it and returns the ages (ms) of the frames since `start()`.
 */
export function directDecode({ rtspUrl, width, height, readClock }) {
  const frameBytes = width * height * 4;
  const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-fflags', 'nobuffer', '-flags', 'low_delay',
    '-i', rtspUrl, '-an', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let pending = Buffer.alloc(0);
  let recording = false;
  const ages = [];
  child.stdout.on('data', (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes) {
      const frame = pending.subarray(0, frameBytes);
      pending = pending.subarray(frameBytes);
      const code = readClock({ width, height, data: frame }, { x: 0, y: 0, width, height });
      if (recording && code !== null) ages.push(Date.now() - code);
    }
  });
  return {
    pid: child.pid,
    start: () => (recording = true),
    stop: async () => {
      recording = false;
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
      await exited;
      return ages;
    },
  };
}
