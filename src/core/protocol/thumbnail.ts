/**
 * Thumbnails (docs/protocol.md "Thumbnails and the console namespace"): what one wall window shows,
 * downscaled and sent to the hub on `/wall` every few seconds, so operator consoles can see the
 * wall. The payload and its caps live here (its check: protocol-validate.ts checkThumbnail), below both the wall
 * protocol (whose `thumbnail` event carries it) and the console protocol (which tells consoles a
 * new one arrived). Pure: no DOM, no Node.
 */

export const THUMBNAIL_MIMES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type ThumbnailMime = (typeof THUMBNAIL_MIMES)[number];

export const THUMBNAIL_LIMITS = {
  /** Largest decoded image (bytes); a JPEG of 320 px per screen is 10–30 KiB a screen row. */
  bytes: 128 * 1024,
  /** Largest width and height the hub accepts (px). */
  px: 2048,
} as const;

/** Largest `data` string: base64 of THUMBNAIL_LIMITS.bytes. */
export const THUMBNAIL_MAX_BASE64 = Math.ceil(THUMBNAIL_LIMITS.bytes / 3) * 4;

/**
 * Wall → hub on `/wall`: what one window shows now, downscaled (about 320 px wide) and encoded
 * in the page. Sent every few seconds (our wall: every 10 s, config `thumbnailEveryS`).
 */
export interface Thumbnail {
  /** The connection's window id (identity.window); anything else is dropped. */
  window: string;
  /** The screens the image covers: the connection's screens. */
  screens: string[];
  mime: ThumbnailMime;
  /** The image, base64 (no data: prefix). */
  data: string;
  /** Hub time the frame was drawn. */
  at: number;
  width: number;
  height: number;
}

/**
 * Hub → wall on `/wall`: how often to send thumbnails from now on. The hub asks for the live rate
 * (2 s) while an operator console is open and the slow rate (10 s) when none is, and tells each
 * wall the current one when it connects; a wall that sends none (interval 0) stays silent.
 */
export interface ThumbnailRate {
  everyMs: number;
}

/** Bounds of `ThumbnailRate.everyMs`: faster than 1 s the hub drops them anyway. */
export const THUMBNAIL_RATE_MS = { min: 1000, max: 3_600_000 } as const;

/** Whether decoded bytes start the way `mime` says (JPEG FF D8 FF, PNG signature, RIFF…WEBP). */
export function imageMatches(mime: ThumbnailMime, b: Uint8Array): boolean {
  const at = (i: number, ...xs: number[]): boolean => xs.every((x, k) => b[i + k] === x);
  switch (mime) {
    case 'image/jpeg':
      return at(0, 0xff, 0xd8, 0xff);
    case 'image/png':
      return at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/webp':
      return at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50);
  }
}
