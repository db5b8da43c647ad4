/**
 * One window's camera uploads, at most `limit` per rendered frame. A camera with a new decoded
 * frame asks (`request`, from its requestVideoFrameCallback); once per frame, before the scene is
 * rendered, `flush` uploads the waiting cameras that were uploaded least recently (never first). A
 * camera left out stays waiting and is ahead next frame (it then uploads whatever frame its element
 * shows by then, the newest). So with more cameras than the limit every camera still moves, in
 * turn (round-robin, whatever order the frame callbacks come in), and a frame's upload cost is bounded.
 *
 * Why: under a software GL each upload costs the page milliseconds and the GPU process more
 * (docs/cameras.md, "Upload cost"); uncapped, N cameras cost N uploads in every frame and the whole
 * page, charts and ticker included, runs at the cameras' pace. Pure (no DOM), unit tested.
 */

/** A camera that can copy its current frame to its texture now. */
export interface FrameUploadable {
  /** Copies the element's current frame; false when it has none any more (nothing was uploaded). */
  uploadFrame(): boolean;
}

/** What the debug state shows (`wallrunCameras().uploads`). */
export interface UploadStats {
  /** Uploads allowed per frame (0: no cap). */
  limit: number;
  /** Frames that uploaded at least one camera. */
  frames: number;
  /** Uploads done. */
  uploads: number;
  /** The most uploads any one frame did: never above `limit`. */
  maxPerFrame: number;
  /** Requests left for a later frame because the frame's budget was spent (summed over frames). */
  deferred: number;
  /** Cameras waiting for an upload now. */
  pending: number;
}

export class UploadScheduler {
  private readonly queue = new Set<FrameUploadable>();
  /** Upload sequence number of each camera's last upload (a camera never uploaded ranks first). */
  private readonly lastUpload = new WeakMap<FrameUploadable, number>();
  private lastFrame: unknown = undefined;
  private readonly stats: UploadStats;
  private readonly limit: number;

  /** When each camera was last uploaded (monotonic ms), for the load-shedding pace. */
  private readonly uploadedAt = new WeakMap<FrameUploadable, number>();

  /**
   * `limit`: uploads per frame; 0 = no cap. `pace`: minimum ms between two uploads of one camera,
   * read each frame (load shedding, src/renderer/load-shedder.ts; 0: every new frame), on the
   * monotonic clock `now`.
   */
  public constructor(
    limit: number,
    private readonly pace: () => number = () => 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limit = limit > 0 ? limit : Infinity;
    this.stats = { limit: Math.max(0, limit), frames: 0, uploads: 0, maxPerFrame: 0, deferred: 0, pending: 0 };
  }

  /** A new frame is decoded (asking twice before an upload is asking once). */
  public request(camera: FrameUploadable): void {
    this.queue.add(camera);
  }

  /** The camera's element was emptied or the camera is gone: nothing to upload. */
  public cancel(camera: FrameUploadable): void {
    this.queue.delete(camera);
  }

  /**
   * Uploads up to `limit` waiting cameras, least recently uploaded first. `frame` identifies the rendered frame:
   * every camera tile calls this each frame, and only the first call with a new `frame` uploads.
   * Returns the uploads done by this call.
   */
  public flush(frame: unknown): number {
    if (frame === this.lastFrame) return 0;
    this.lastFrame = frame;
    let done = 0;
    const turn = (c: FrameUploadable): number => this.lastUpload.get(c) ?? -1;
    const pace = this.pace();
    const now = pace > 0 ? this.now() : 0;
    // A handful of cameras per window: sorting them each frame costs nothing next to one upload.
    for (const camera of [...this.queue].sort((a, b) => turn(a) - turn(b))) {
      if (done >= this.limit) break;
      // Shedding: a camera uploaded within the pace waits (its newest frame goes up later).
      if (pace > 0 && now - (this.uploadedAt.get(camera) ?? -Infinity) < pace) continue;
      this.queue.delete(camera);
      if (!camera.uploadFrame()) continue;
      done++;
      this.lastUpload.set(camera, this.stats.uploads + done);
      if (pace > 0) this.uploadedAt.set(camera, now);
    }
    if (done > 0) {
      this.stats.frames++;
      this.stats.uploads += done;
      this.stats.maxPerFrame = Math.max(this.stats.maxPerFrame, done);
    }
    this.stats.deferred += this.queue.size;
    return done;
  }

  public snapshot(): UploadStats {
    return { ...this.stats, pending: this.queue.size };
  }
}
