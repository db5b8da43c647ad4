/**
 * One camera's RTSP pull: one ffmpeg at a time (however many viewers), restarted with backoff
 * (1 s doubling to 30 s, back to 1 s once video flows). Its stdout is cut into the init segment and
 * fragments; the newest GOP (from the last keyframe fragment) is kept for new viewers. An H.265
 * source is found from ffmpeg's input stream line and the pull restarts at once with the transcode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CameraStateMachine, failureOf, inputStreamOf, type CameraStatus } from './camera-state.js';
import { maskSecrets, urlWithCredential, type CameraCredential } from './credentials.js';
import { pullCommand } from './ffmpeg-args.js';
import { FragmentAssembler, initInfo, type Mp4Fragment } from './mp4-boxes.js';

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;
/** A GOP longer than this (fragments) is not kept whole: a viewer then waits for the next keyframe. */
const GOP_MAX_FRAGMENTS = 600;

export interface PullViewer {
  /** The pull has (new) video: the init segment; the cached GOP follows through `fragment`. */
  start(status: CameraStatus, init: Buffer): void;
  fragment(fragment: Mp4Fragment): void;
  /** The stream this viewer was fed ended (ffmpeg exited): its next init will not continue it. */
  end(status: CameraStatus): void;
}

export interface PullOptions {
  /** What this pull is called in log lines (the camera id, `~sub` for the sub-stream). */
  name: string;
  url: string;
  credential?: CameraCredential;
  transcode: { width: number; height: number };
  now: () => number;
  log: (message: string) => void;
  ffmpeg?: string;
  /** RTSP socket I/O timeout (default 5000 ms). */
  timeoutMs?: number;
}

export class CameraPull {
  public readonly machine: CameraStateMachine;
  public readonly hlsDir: string;
  /** ffmpeg processes started (tests count pulls with it) and restarts after a failure. */
  public spawns = 0;
  public reconnects = 0;
  private child: ChildProcess | null = null;
  private init: Buffer | null = null;
  private gop: Mp4Fragment[] = [];
  private readonly viewers = new Set<PullViewer>();
  private sourceCodec: string | null = null;
  private fps: number | null = null;
  private backoffMs = BACKOFF_FIRST_MS;
  private retry: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;
  private stopped = false;

  public constructor(private readonly o: PullOptions) {
    this.machine = new CameraStateMachine(o.now);
    this.hlsDir = mkdtempSync(path.join(tmpdir(), 'wallrun-camera-'));
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
  }

  public get status(): CameraStatus {
    return this.machine.status;
  }

  public get viewerCount(): number {
    return this.viewers.size;
  }

  public start(): void {
    if (this.stopped || this.child) return;
    this.spawns++;
    this.machine.connecting();
    for (const f of readdirSync(this.hlsDir)) rmSync(path.join(this.hlsDir, f), { force: true });
    const transcoding = this.sourceCodec === 'hevc';
    // A credential goes to ffmpeg on its stdin, never in its argument list (ffmpeg-args.ts).
    const command = pullCommand({
      url: urlWithCredential(this.o.url, this.o.credential),
      secret: this.o.credential !== undefined,
      hlsDir: this.hlsDir,
      timeoutMs: this.o.timeoutMs ?? 5000,
      ...(transcoding ? { transcode: this.o.transcode } : {}),
    });
    const child = spawn(this.o.ffmpeg ?? 'ffmpeg', command.args, { stdio: [command.stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    this.child = child;
    if (command.stdin !== null) {
      child.stdin!.on('error', () => undefined); // ffmpeg gone before reading it: its exit says why
      child.stdin!.end(command.stdin);
    }
    const assembler = new FragmentAssembler(
      (init) => this.onInit(init, transcoding),
      (fragment) => this.onFragment(fragment),
    );
    let failure: ReturnType<typeof failureOf> = null;
    let inInput = true;
    let restartForHevc = false;
    let stderrTail = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      try {
        assembler.push(chunk);
      } catch (e) {
        this.o.log(`camera ${this.o.name}: bad MP4 from ffmpeg (${(e as Error).message}); restarting`);
        child.kill('SIGKILL');
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      const lines = (stderrTail + text).split(/\r?\n|\r/);
      stderrTail = lines.pop() ?? '';
      for (const line of lines) {
        if (/^Output #/.test(line)) inInput = false;
        const stream = inInput ? inputStreamOf(line) : null;
        if (stream) {
          this.fps = stream.fps;
          if (stream.codec === 'hevc' && !transcoding) {
            this.sourceCodec = 'hevc';
            restartForHevc = true;
            child.kill('SIGKILL');
          } else if (stream.codec !== 'hevc') this.sourceCodec = stream.codec;
        }
        failure = failureOf(line) ?? failure;
        if (failureOf(line) || /error/i.test(line)) this.o.log(`camera ${this.o.name}: ${maskSecrets(line, this.o.credential)}`);
      }
    });
    child.on('error', (e) => {
      failure = { state: 'unreachable', error: `ffmpeg did not start (${e.message})` };
      this.o.log(`camera ${this.o.name}: ${failure.error}`);
    });
    child.on('close', () => {
      if (this.child === child) this.child = null;
      if (this.stopped || restartForHevc) {
        this.endViewers();
        if (restartForHevc && !this.stopped) this.start();
        return;
      }
      this.machine.failed(failure);
      this.endViewers();
      this.reconnects++;
      this.retry = setTimeout(() => {
        this.retry = null;
        this.start();
      }, this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    });
  }

  /** Adds a viewer; it gets the init and the newest GOP at once when the camera has video. */
  public add(viewer: PullViewer): void {
    this.viewers.add(viewer);
    if (this.init && (this.status.state === 'live' || this.status.state === 'stalled')) {
      viewer.start(this.status, this.init);
      // A stalled camera's GOP is old: replayed, the wall would show it as live for a moment.
      if (this.status.state === 'live') for (const f of this.gop) viewer.fragment(f);
    }
  }

  public remove(viewer: PullViewer): void {
    this.viewers.delete(viewer);
  }

  public stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    if (this.retry) clearTimeout(this.retry);
    this.child?.kill('SIGKILL');
    this.machine.idle();
    rmSync(this.hlsDir, { recursive: true, force: true });
  }

  /** Kills the running ffmpeg (a test's way of making the source vanish is to stop the server; this is the hub's). */
  public restart(): void {
    this.child?.kill('SIGKILL');
  }

  private onInit(init: Buffer, transcoding: boolean): void {
    this.init = init;
    this.gop = [];
    const info = initInfo(init);
    this.machine.fragment({ ...info, fps: this.fps, transcoding });
    this.backoffMs = BACKOFF_FIRST_MS;
    for (const v of this.viewers) v.start(this.status, init);
  }

  private onFragment(fragment: Mp4Fragment): void {
    if (fragment.keyframe || this.gop.length >= GOP_MAX_FRAGMENTS) this.gop = fragment.keyframe ? [fragment] : [];
    else if (this.gop.length) this.gop.push(fragment);
    this.machine.fragment({});
    for (const v of this.viewers) v.fragment(fragment);
  }

  private endViewers(): void {
    this.init = null;
    this.gop = [];
    for (const v of this.viewers) v.end(this.status);
  }

  private tick(): void {
    this.machine.tick();
    // Stalled twice as long as the stall time: ffmpeg is hung on a half-open connection; start over.
    if (this.status.state === 'stalled' && this.o.now() - this.status.since > 10_000) this.child?.kill('SIGKILL');
  }
}
