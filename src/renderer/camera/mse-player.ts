/**
 * A low-latency path for one camera: fragmented MP4 over a WebSocket into Media Source Extensions
 * on the camera source's detached <video>. The hub gateway's (`/cameras/:id/live`, docs/cameras.md
 * "Low-latency path"): the token goes as the first message, never in the URL (URLs end in logs),
 * and the hub answers a text message naming the codec; go2rtc's (`/api/ws?src=`) says the same in
 * its own words (LiveFraming). Then binary messages: the init segment, then short media fragments,
 * appended in order through one queue.
 *
 * The media is attached only once the codec is known to be playable (`onAttach` first), so a probe
 * that fails (refused, 4503, unsupported codec) leaves whatever the element was playing untouched:
 * the source retries this path from its HLS fallback without a blip.
 *
 * Latency stays sub-second by keeping the buffer short: what is older than `bufferS` behind the
 * playhead is removed, and when the live edge runs ahead of the playhead by more than `latencyS` the
 * playhead catches up (a little faster playback for a small lag, a jump for a large one).
 */

/** Why the path failed; the source decides between an outage (retry this path) and HLS. */
export type LiveFailure = 'refused' | 'unknown-camera' | 'unavailable' | 'unauthorized' | 'codec' | 'media' | 'closed';

export interface LiveStreamInfo {
  codec: string;
  width?: number;
  height?: number;
  transcoding?: boolean;
}

export interface MsePlayerEvents {
  /** The codec is playable and the media is about to be attached to the element. */
  onAttach(info: LiveStreamInfo): void;
  /** A fragment was appended; `bufferedEndS`: the buffered end (progress for the watchdog). */
  onAppend(bufferedEndS: number): void;
  /** The path ended (once); `detail` for diagnostics. */
  onFailure(reason: LiveFailure, detail: string): void;
}

/**
 * What is said on the socket before the media: the hub's contract or go2rtc's (live-framing.ts). The media itself (binary fMP4: init segment, then fragments) is the same.
 */
export interface LiveFraming {
  /** The first text message, sent once the socket opens. */
  hello(): string;
  /** A text message before the media: the stream description, a failure, or null to ignore it. */
  describe(text: string): { info: LiveStreamInfo } | { failure: LiveFailure; detail: string } | null;
}

export interface MsePlayerOptions {
  /** Largest lag behind the live edge before the playhead catches up, seconds. */
  latencyS: number;
  /** Media kept behind the playhead, seconds. */
  bufferS: number;
}

/** A lag above this is jumped over; below it (and above latencyS) playback runs slightly faster. */
const JUMP_ABOVE_S = 1.5;
/** Where a jump lands before the buffered end: at the very end the element would stall for data. */
const JUMP_MARGIN_S = 0.1;
const CATCH_UP_RATE = 1.1;
/** Appends queued past this many are dropped oldest first (a stalled element must not grow memory). */
const MAX_QUEUE = 300;

const CLOSE_REASONS: Record<number, LiveFailure> = { 4401: 'unauthorized', 4404: 'unknown-camera', 4503: 'unavailable' };

export class MsePlayer {
  public info: LiveStreamInfo | null = null;
  private socket: WebSocket | null = null;
  private mediaSource: MediaSource | null = null;
  private buffer: SourceBuffer | null = null;
  private objectUrl: string | null = null;
  private readonly queue: ArrayBuffer[] = [];
  private opened = false;
  /** Media came through this socket (a stream that later ended, not a refusal). */
  public receivedMedia = false;
  /** The socket is gone (failed or destroyed): no more media will come through this player. */
  public ended = false;

  public constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly framing: LiveFraming,
    private readonly options: MsePlayerOptions,
    private readonly events: MsePlayerEvents,
  ) {}

  public start(): this {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.opened = true;
      socket.send(this.framing.hello());
    };
    socket.onmessage = (e: MessageEvent<string | ArrayBuffer>) => this.onMessage(e.data);
    socket.onclose = (e) => {
      const reason = CLOSE_REASONS[e.code] ?? (this.opened ? 'closed' : 'refused');
      this.fail(reason, `websocket ${e.code}${e.reason ? ` ${e.reason}` : ''}`);
    };
    return this;
  }

  /** Jumps to just before the buffered end (the watchdog's first recovery step). */
  public seekToLiveEdge(): void {
    const end = this.bufferedEnd();
    if (end > 0) this.video.currentTime = Math.max(0, end - JUMP_MARGIN_S);
  }

  /** Socket closed, media detached (the element emptied for its next user). Safe to call twice. */
  public destroy(): void {
    this.ended = true;
    this.closeSocket();
    this.detach();
  }

  private onMessage(data: string | ArrayBuffer): void {
    if (this.ended) return;
    if (typeof data === 'string') {
      if (!this.info) this.onInfo(data);
      return;
    }
    if (!this.info) return this.fail('media', 'binary data before the stream description');
    this.receivedMedia = true;
    if (this.queue.length >= MAX_QUEUE) this.queue.splice(1, 1); // keep the oldest: it may be the init segment
    this.queue.push(data);
    this.pump();
  }

  private onInfo(text: string): void {
    const said = this.framing.describe(text);
    if (!said) return;
    if ('failure' in said) return this.fail(said.failure, said.detail);
    const info = said.info;
    const type = `video/mp4; codecs="${info.codec}"`;
    if (typeof info.codec !== 'string' || !MediaSource.isTypeSupported(type)) return this.fail('codec', `unsupported: ${type}`);
    this.info = info;
    this.events.onAttach(info);
    if (this.ended) return;
    const mediaSource = new MediaSource();
    this.mediaSource = mediaSource;
    this.objectUrl = URL.createObjectURL(mediaSource);
    mediaSource.addEventListener('sourceopen', () => this.onSourceOpen(type), { once: true });
    this.video.src = this.objectUrl;
  }

  private onSourceOpen(type: string): void {
    const mediaSource = this.mediaSource;
    if (this.ended || !mediaSource) return;
    try {
      const buffer = mediaSource.addSourceBuffer(type);
      buffer.mode = 'segments';
      buffer.addEventListener('updateend', this.onUpdateEnd);
      buffer.addEventListener('error', () => this.fail('media', 'SourceBuffer error'));
      this.buffer = buffer;
    } catch (e) {
      return this.fail('media', `addSourceBuffer: ${(e as Error).message}`);
    }
    this.pump();
  }

  private readonly onUpdateEnd = (): void => {
    if (this.ended) return;
    const end = this.bufferedEnd();
    if (end > 0) this.events.onAppend(end);
    this.chaseLiveEdge(end);
    if (!this.trim()) this.pump();
  };

  private pump(): void {
    const buffer = this.buffer;
    if (this.ended || !buffer || buffer.updating || this.queue.length === 0) return;
    if (this.video.error) return this.fail('media', `media error ${this.video.error.code}: ${this.video.error.message}`);
    const next = this.queue[0]!;
    try {
      buffer.appendBuffer(next);
      this.queue.shift();
    } catch (e) {
      const error = e as DOMException;
      // The buffer is full: drop what lies behind the playhead and try again after the removal.
      if (error.name === 'QuotaExceededError' && this.trim(true)) return;
      this.fail('media', `appendBuffer: ${error.name} ${error.message}`);
    }
  }

  /** Removes media older than bufferS behind the playhead (all of it before the playhead when forced); true when a removal started. */
  private trim(force = false): boolean {
    const buffer = this.buffer;
    if (!buffer || buffer.updating || buffer.buffered.length === 0) return false;
    const start = buffer.buffered.start(0);
    const keepFrom = this.video.currentTime - (force ? 0.1 : this.options.bufferS);
    if (keepFrom - start < (force ? 0.05 : 1)) return false; // remove in chunks of a second, not every fragment
    buffer.remove(start, keepFrom);
    return true;
  }

  /** Keeps the playhead within latencyS of the live edge. */
  private chaseLiveEdge(end: number): void {
    const video = this.video;
    if (end <= 0) return;
    const lag = end - video.currentTime;
    if (lag > JUMP_ABOVE_S || video.currentTime < (this.buffer?.buffered.start(0) ?? 0)) {
      video.currentTime = end - JUMP_MARGIN_S;
      video.playbackRate = 1;
    } else if (lag > this.options.latencyS) video.playbackRate = CATCH_UP_RATE;
    else video.playbackRate = 1;
    if (video.paused) video.play().catch(() => undefined);
  }

  private bufferedEnd(): number {
    const ranges = this.buffer?.buffered;
    return ranges && ranges.length > 0 ? ranges.end(ranges.length - 1) : 0;
  }

  private fail(reason: LiveFailure, detail: string): void {
    if (this.ended) return;
    this.ended = true;
    this.closeSocket();
    this.events.onFailure(reason, detail);
  }

  private closeSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
  }

  /** Only when this player attached the media: a failed probe leaves the element as it was. */
  private detach(): void {
    this.buffer?.removeEventListener('updateend', this.onUpdateEnd);
    this.buffer = null;
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.video.removeAttribute('src');
      this.video.load();
    }
    this.objectUrl = null;
    this.mediaSource = null;
    this.queue.length = 0;
  }
}
