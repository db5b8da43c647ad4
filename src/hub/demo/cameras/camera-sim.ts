// A simulated live camera: ffmpeg draws a test pattern with the camera label, the wall-clock time and a frame
// counter, and writes a sliding live HLS playlist (no ENDLIST) to `dir/<id>/index.m3u8`. For tests and the demo.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Options of {@link startCamera}. */
export interface CameraOptions {
  /** Names the folder `dir/<id>` and the first URL path segment: letters, digits, `-`, `_`. */
  id: string;
  /** Folder holding one subfolder per camera; `dir/<id>` is emptied at start. */
  dir: string;
  width?: number;
  height?: number;
  fps?: number;
  /** Segment duration in seconds; a keyframe starts every segment. */
  segmentS?: number;
  /** Segments kept in the sliding playlist. */
  listSize?: number;
  /** Text drawn on the picture; defaults to the id. */
  label?: string;
  /** `testsrc2` moves; `smptebars` is still and a little cheaper to encode. */
  pattern?: 'testsrc2' | 'smptebars';
  /** ffmpeg to run: a path, or a name looked up on PATH. */
  ffmpegPath?: string;
  /** `ready` rejects when the playlist has fewer than 2 segments after this long. */
  readyTimeoutMs?: number;
}

/** A running simulated camera. */
export interface CameraHandle {
  readonly id: string;
  readonly playlistPath: string;
  /** ffmpeg's process id (undefined when it could not be spawned), e.g. to read its CPU time in /proc. */
  readonly pid: number | undefined;
  /** Resolves when the playlist lists at least 2 segments; rejects with ffmpeg's stderr tail if it exits first. */
  readonly ready: Promise<void>;
  /** Resolves with ffmpeg's exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  readonly paused: boolean;
  /** Freezes the camera (SIGSTOP): the playlist and its segments stay as they are, the server keeps serving them. */
  pause(): void;
  /** SIGCONT: the stream goes on from now at the normal pace, same numbering, continuous timestamps, no burst. */
  resume(): void;
  /** Stops ffmpeg (SIGTERM, SIGKILL after 3 s). Leaves the files. Safe to call twice. */
  destroy(): Promise<void>;
  /** Last lines ffmpeg wrote to stderr. */
  stderrTail(): string;
}

/** Thrown by {@link startCamera} when the ffmpeg executable cannot be found. */
export class FfmpegNotFoundError extends Error {
  public constructor(what: string) {
    super(`ffmpeg not found: install it with apt-get install ffmpeg (looked for ${what})`);
    this.name = 'FfmpegNotFoundError';
  }
}

/** Parsed fields of a media playlist that tests and the fleet look at. */
export interface MediaPlaylist {
  mediaSequence: number;
  targetDuration: number;
  segments: string[];
  ended: boolean;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const tag = (name: string): number => Number(lines.find((l) => l.startsWith(name))?.slice(name.length) ?? NaN);
  return {
    mediaSequence: tag('#EXT-X-MEDIA-SEQUENCE:') || 0,
    targetDuration: tag('#EXT-X-TARGETDURATION:'),
    segments: lines.filter((l) => l !== '' && !l.startsWith('#')),
    ended: lines.includes('#EXT-X-ENDLIST'),
  };
}

/** Resolves `name` (default `ffmpeg`) to an executable path, searching `envPath` when it has no slash. */
export function findFfmpeg(name = 'ffmpeg', envPath = process.env.PATH ?? ''): string {
  const candidates = name.includes('/') ? [name] : envPath.split(':').filter(Boolean).map((d) => path.join(d, name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  throw new FfmpegNotFoundError(name.includes('/') ? name : `${name} on PATH=${envPath}`);
}

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf', // Debian fonts-dejavu-core
  '/usr/share/fonts/dejavu/DejaVuSansMono-Bold.ttf',
];

/** ffmpeg's arguments for a camera; it runs with the camera folder as cwd and writes relative names. */
export function buildFfmpegArgs(o: Required<Omit<CameraOptions, 'ffmpegPath' | 'readyTimeoutMs' | 'label'>>): string[] {
  const gop = Math.max(1, Math.round(o.fps * o.segmentS));
  const fontFile = FONT_FILES.find((f) => existsSync(f));
  const font = fontFile ? `fontfile=${fontFile}` : 'font=monospace'; // fontconfig fallback
  const size = Math.max(12, Math.round(o.height / 10));
  const drawtext = `drawtext=${font}:textfile=overlay.txt:fontsize=${size}:line_spacing=${Math.round(size / 5)}` +
    `:fontcolor=white:box=1:boxcolor=black@0.65:boxborderw=${Math.round(size / 4)}:x=${size / 2}:y=h-th-${size / 2}`;
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning',
    // No -re: after a SIGSTOP it bursts to catch up. `realtime` paces the same way but resets after a pause > limit.
    '-f', 'lavfi', '-i', `${o.pattern}=size=${o.width}x${o.height}:rate=${o.fps}`,
    '-vf', `realtime=limit=1,${drawtext}`, '-filter_threads', '1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-threads', '1', '-pix_fmt', 'yuv420p',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-f', 'hls', '-hls_time', String(o.segmentS), '-hls_list_size', String(o.listSize),
    '-hls_flags', 'delete_segments+independent_segments+omit_endlist',
    '-hls_segment_filename', 'seg-%d.ts', 'index.m3u8',
  ];
}

/** The text file drawtext expands every frame: label, then `HH:MM:SS  #frame`. */
function overlayText(label: string): string {
  const escaped = label.replace(/[\\%]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
  return `${escaped}\n%{localtime:%H\\:%M\\:%S}  #%{n}`;
}

// Every live ffmpeg, killed when this process exits so no camera outlives a test run.
const live = new Set<ChildProcess>();
let exitHooksInstalled = false;

function killAll(): void {
  for (const child of live) child.kill('SIGKILL'); // SIGKILL also ends a SIGSTOPped process
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // SIGHUP handled elsewhere is a reload (`wallrun hub`, `wallrun demo`: tokens.json), not an end.
      if (sig === 'SIGHUP' && process.listenerCount(sig) > 1) return;
      killAll();
      // When nobody else handles the signal, keep its default effect: the process ends.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

const STDERR_LINES = 40;
const POLL_MS = 100;

/** Starts one simulated camera. Throws {@link FfmpegNotFoundError} when ffmpeg is missing. */
export async function startCamera(options: CameraOptions): Promise<CameraHandle> {
  const o = {
    id: options.id, dir: options.dir, width: options.width ?? 640, height: options.height ?? 360,
    fps: options.fps ?? 15, segmentS: options.segmentS ?? 1, listSize: options.listSize ?? 4,
    pattern: options.pattern ?? 'testsrc2',
  };
  if (!/^[A-Za-z0-9_-]+$/.test(o.id)) throw new Error(`camera id ${JSON.stringify(o.id)}: use letters, digits, - and _`);
  const ffmpeg = findFfmpeg(options.ffmpegPath);
  const camDir = path.join(o.dir, o.id);
  await rm(camDir, { recursive: true, force: true }); // a stale playlist would make `ready` resolve at once
  await mkdir(camDir, { recursive: true });
  await writeFile(path.join(camDir, 'overlay.txt'), overlayText(options.label ?? o.id));

  const child = spawn(ffmpeg, buildFfmpegArgs(o), { cwd: camDir, stdio: ['ignore', 'ignore', 'pipe'] });
  installExitHooks();
  live.add(child);
  return new SimulatedCamera(o.id, path.join(camDir, 'index.m3u8'), child, options.readyTimeoutMs ?? 20_000);
}

class SimulatedCamera implements CameraHandle {
  public readonly ready: Promise<void>;
  public readonly exited: Promise<number | null>;
  private isPaused = false;
  private isStopping = false;
  private hasExited = false;
  private readonly lines: string[] = [];
  private partial = '';

  public constructor(
    public readonly id: string,
    public readonly playlistPath: string,
    private readonly child: ChildProcess,
    readyTimeoutMs: number,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.onStderr(chunk));
    this.exited = new Promise((resolve) => {
      const onGone = (code: number | null): void => {
        this.hasExited = true;
        live.delete(child);
        resolve(code);
      };
      child.once('error', (err) => {
        this.onStderr(`spawn failed: ${err.message}\n`);
        onGone(null);
      });
      child.once('close', onGone);
    });
    this.ready = this.waitReady(readyTimeoutMs);
    this.ready.catch(() => undefined); // callers that never await `ready` must not crash the process
  }

  public get pid(): number | undefined {
    return this.child.pid;
  }

  public get paused(): boolean {
    return this.isPaused;
  }

  public pause(): void {
    if (this.hasExited || this.isPaused) return;
    this.child.kill('SIGSTOP');
    this.isPaused = true;
  }

  public resume(): void {
    if (this.hasExited || !this.isPaused) return;
    this.child.kill('SIGCONT');
    this.isPaused = false;
  }

  public async destroy(): Promise<void> {
    if (this.hasExited) return;
    this.isStopping = true;
    if (this.isPaused) this.resume(); // a stopped process would not act on SIGTERM
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }

  public stderrTail(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }

  private onStderr(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter(Boolean));
    if (this.lines.length > STDERR_LINES) this.lines.splice(0, this.lines.length - STDERR_LINES);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.hasExited) {
        const why = this.isStopping ? 'stopped' : `ffmpeg exited (code ${this.child.exitCode})`;
        throw this.failure(`${why} before the playlist was ready`);
      }
      const text = await readFile(this.playlistPath, 'utf8').catch(() => ''); // '' until the first segment
      if (parseMediaPlaylist(text).segments.length >= 2) return;
      if (!this.isPaused && Date.now() > deadline) throw this.failure(`no playlist with 2 segments after ${timeoutMs} ms`);
      await delay(POLL_MS);
    }
  }

  private failure(what: string): Error {
    const tail = this.stderrTail();
    return new Error(`camera ${this.id}: ${what}${tail ? `; ffmpeg said:\n${tail}` : ''}`);
  }
}
