/**
 * Thumbnails (docs/protocol.md "Thumbnails and the console namespace"): what one wall window shows,
 * downscaled and sent to the hub on `/wall` every few seconds, so operator consoles can see the
 * wall. The payload, its caps and its runtime check live together here, below both the wall
 * protocol (whose `thumbnail` event carries it) and the console protocol (which tells consoles a
 * new one arrived). Pure: no DOM, no Node.
 */
import { check, fail, isPlainObject, type Checked, type Checker, type FAIL } from './json-checks.js';
import { ID } from './field-checks.js';
import { LIMITS } from './limits.js';

export const THUMBNAIL_MIMES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type ThumbnailMime = (typeof THUMBNAIL_MIMES)[number];

export const THUMBNAIL_LIMITS = {
  /** Largest decoded image (bytes); a 320 px JPEG of a wall window is 10–30 KiB. */
  bytes: 128 * 1024,
  /** Largest width and height the hub accepts (px). */
  px: 1024,
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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const time = (v: unknown, at: string, e: string[]): number | typeof FAIL =>
  typeof v === 'number' && Number.isFinite(v) && v >= 946_684_800_000 && v <= 7_258_118_400_000 ? v : fail(e, at, 'must be a time in ms');
const idCheck = (v: unknown, at: string, e: string[]): string | typeof FAIL =>
  typeof v === 'string' && v.length <= LIMITS.id && ID.test(v) ? v : fail(e, at, `must be an id (${ID.source}, ≤ ${LIMITS.id})`);

const thumbnailChecker: Checker<Thumbnail> = (v, at, e) => {
  if (!isPlainObject(v)) return fail(e, at, 'must be an object');
  const known = ['window', 'screens', 'mime', 'data', 'at', 'width', 'height'];
  const unknown = Object.keys(v).filter((k) => !known.includes(k));
  if (unknown.length) return fail(e, at, `unknown field(s) ${unknown.slice(0, 5).join(', ')}`);
  idCheck(v.window, 'window', e);
  const screens = v.screens;
  if (!Array.isArray(screens) || screens.length > LIMITS.screens) fail(e, 'screens', `must be an array of ≤ ${LIMITS.screens} ids`);
  else screens.forEach((s, i) => idCheck(s, `screens[${i}]`, e));
  if (!(THUMBNAIL_MIMES as readonly unknown[]).includes(v.mime)) fail(e, 'mime', `must be one of ${THUMBNAIL_MIMES.join(', ')}`);
  const data = v.data;
  if (typeof data !== 'string' || data.length === 0) fail(e, 'data', 'must be a non-empty base64 string');
  else if (data.length > THUMBNAIL_MAX_BASE64) fail(e, 'data', `is over ${THUMBNAIL_LIMITS.bytes} bytes`);
  else if (data.length % 4 !== 0 || !BASE64.test(data)) fail(e, 'data', 'must be base64 (A–Z a–z 0–9 + /, padded)');
  time(v.at, 'at', e);
  for (const k of ['width', 'height'] as const) {
    const n = v[k];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > THUMBNAIL_LIMITS.px) fail(e, k, `must be an integer 1 to ${THUMBNAIL_LIMITS.px}`);
  }
  if (e.length) return fail(e, at, 'invalid thumbnail');
  return { ...(v as unknown as Thumbnail), screens: [...(screens as string[])] };
};

/** Checks a `thumbnail` payload: shape, ids, mime, base64 and the size cap (not the image bytes). */
export const checkThumbnail = (v: unknown): Checked<Thumbnail> => check(thumbnailChecker, v);

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
