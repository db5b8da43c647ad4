/**
 * Grabs decoded frames from a camera URL with ffmpeg (PNG over a pipe) and notes when each arrived,
 * so a test can compare a frame's pixel time code with the time it was seen.
 */
import { spawn } from 'node:child_process';
import { decodePng, type Image } from '../support/png.js';

export interface GrabbedFrame {
  image: Image;
  /** Date.now() when ffmpeg handed the frame over. */
  receivedAt: number;
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]); // IEND chunk + CRC

/** Resolves with `count` frames, or rejects with ffmpeg's stderr when it ends first (refused, unreachable). */
export function grabFrames(url: string, count: number, timeoutMs = 20_000): Promise<GrabbedFrame[]> {
  const ffmpeg = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-fflags', 'nobuffer', '-flags', 'low_delay',
    // passthrough: every decoded frame once, as it came (no frames duplicated or dropped to a constant rate)
    '-i', url, '-fps_mode', 'passthrough', '-frames:v', String(count), '-f', 'image2pipe', '-vcodec', 'png', '-',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const frames: GrabbedFrame[] = [];
  let pending = Buffer.alloc(0);
  let err = '';
  ffmpeg.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  ffmpeg.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let end = pending.indexOf(PNG_END); end >= 0; end = pending.indexOf(PNG_END)) {
      frames.push({ image: decodePng(pending.subarray(0, end + PNG_END.length)), receivedAt: Date.now() });
      pending = pending.subarray(end + PNG_END.length);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (ffmpeg.pid !== undefined && ffmpeg.exitCode === null) process.kill(ffmpeg.pid, 'SIGKILL');
      reject(new Error(`no ${count} frames from ${url} in ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    ffmpeg.once('exit', (code) => {
      clearTimeout(timer);
      if (frames.length >= count) resolve(frames);
      else reject(new Error(`ffmpeg exited (${code}) after ${frames.length} of ${count} frames from ${url}:\n${err}`));
    });
  });
}
