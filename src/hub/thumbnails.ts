/**
 * The latest thumbnail of every wall window, in memory only (a restarted hub has none until the
 * walls send again, within their interval). Payloads are checked twice: the shape and size cap
 * (checkThumbnail) and, once decoded, that the bytes are the image their mime says.
 */
import { checkThumbnail } from '../core/protocol/protocol-validate.js';
import { imageMatches, THUMBNAIL_LIMITS, type ThumbnailMime } from '../core/protocol/thumbnail.js';
import type { ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { WallIdentity } from '../core/protocol/protocol.js';

export interface StoredThumbnail {
  info: ThumbnailInfo;
  data: Buffer;
}

export type ThumbnailOutcome =
  | { ok: true; info: ThumbnailInfo }
  | { ok: false; reason: 'invalid' | 'not-this-window' | 'too-large' | 'not-an-image' | 'too-often'; detail: string };

/** At most this many windows are kept (the hub's wall registry keeps 1000 too). */
const MAX_WINDOWS = 1000;

export class ThumbnailStore {
  private readonly latest = new Map<string, StoredThumbnail>();
  private readonly lastAccepted = new Map<string, number>();
  /** Payloads refused since start, by reason (tests and diagnostics). */
  public readonly refused = new Map<string, number>();

  /** `minIntervalMs`: a window's thumbnails closer together than this are dropped (default 1000). */
  public constructor(
    private readonly now: () => number,
    private readonly minIntervalMs = 1000,
  ) {}

  /** Checks and keeps a thumbnail a wall connection sent. */
  public accept(identity: WallIdentity, raw: unknown): ThumbnailOutcome {
    const out = this.check(identity, raw);
    if (!out.ok) this.refused.set(out.reason, (this.refused.get(out.reason) ?? 0) + 1);
    return out;
  }

  private check(identity: WallIdentity, raw: unknown): ThumbnailOutcome {
    const key = keyOf(identity.node, identity.window);
    const now = this.now();
    const last = this.lastAccepted.get(key);
    if (last !== undefined && now - last < this.minIntervalMs) {
      return { ok: false, reason: 'too-often', detail: `at most one thumbnail per ${this.minIntervalMs} ms` };
    }
    const checked = checkThumbnail(raw);
    if (!checked.ok) return { ok: false, reason: checked.errors.some((e) => e.includes('bytes')) ? 'too-large' : 'invalid', detail: checked.errors.join('; ') };
    const t = checked.value;
    if (t.window !== identity.window || t.screens.some((s) => !identity.screens.includes(s))) {
      return { ok: false, reason: 'not-this-window', detail: `window ${t.window} is not ${identity.window} or shows other screens` };
    }
    const data = Buffer.from(t.data, 'base64');
    if (data.length > THUMBNAIL_LIMITS.bytes) return { ok: false, reason: 'too-large', detail: `${data.length} bytes` };
    if (!imageMatches(t.mime, data)) return { ok: false, reason: 'not-an-image', detail: `the bytes are not ${t.mime}` };
    const info: ThumbnailInfo = {
      node: identity.node,
      window: identity.window,
      screens: t.screens,
      mime: t.mime as ThumbnailMime,
      bytes: data.length,
      width: t.width,
      height: t.height,
      at: t.at,
      receivedAt: now,
    };
    this.latest.delete(key); // re-insert: the map stays ordered oldest first
    this.latest.set(key, { info, data });
    this.lastAccepted.set(key, now);
    while (this.latest.size > MAX_WINDOWS) {
      const oldest = this.latest.keys().next().value as string;
      this.latest.delete(oldest);
      this.lastAccepted.delete(oldest);
    }
    return { ok: true, info };
  }

  /**
   * The latest thumbnail of `window` (of `node` when given). Several nodes may use the same window
   * id: without `node` that is 'ambiguous'.
   */
  public get(window: string, node?: string): StoredThumbnail | 'ambiguous' | null {
    if (node !== undefined) return this.latest.get(keyOf(node, window)) ?? null;
    const found = [...this.latest.values()].filter((t) => t.info.window === window);
    if (found.length > 1) return 'ambiguous';
    return found[0] ?? null;
  }

  public list(): ThumbnailInfo[] {
    return [...this.latest.values()].map((t) => t.info).sort((a, b) => a.node.localeCompare(b.node) || a.window.localeCompare(b.window));
  }
}

const keyOf = (node: string, window: string): string => `${node}\u0000${window}`;
