import { describe, expect, it } from 'vitest';
import { checkThumbnail } from '../core/protocol/protocol-validate.js';
import { imageMatches, THUMBNAIL_LIMITS, THUMBNAIL_MAX_BASE64 } from '../core/protocol/thumbnail.js';
import { solidPng, thumbnailPayload } from '../../test/support/thumbnail-fixtures.js';
import { ThumbnailStore } from './thumbnails.js';

const IDENTITY = { node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'] };

describe('checkThumbnail', () => {
  it('accepts a well-formed thumbnail', () => {
    expect(checkThumbnail(thumbnailPayload([10, 20, 30])).ok).toBe(true);
  });

  it.each([
    ['unknown field', { extra: 1 }],
    ['bad mime', { mime: 'image/svg+xml' }],
    ['not base64', { data: '<script>alert(1)</script>' }],
    ['unpadded base64', { data: 'abc' }],
    ['empty data', { data: '' }],
    ['bad window id', { window: '../w1' }],
    ['too wide', { width: THUMBNAIL_LIMITS.px + 1 }],
    ['fractional height', { height: 10.5 }],
    ['time not ms', { at: 12 }],
    ['screens not ids', { screens: ['r1 c1'] }],
  ])('refuses %s', (_name, change) => {
    expect(checkThumbnail({ ...thumbnailPayload([1, 2, 3]), ...change }).ok).toBe(false);
  });

  it('refuses data over the size cap before decoding it', () => {
    const over = 'A'.repeat(THUMBNAIL_MAX_BASE64 + 4);
    const r = checkThumbnail({ ...thumbnailPayload([1, 2, 3]), data: over });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toContain(`${THUMBNAIL_LIMITS.bytes} bytes`);
    expect(checkThumbnail({ ...thumbnailPayload([1, 2, 3]), data: 'A'.repeat(THUMBNAIL_MAX_BASE64) }).ok).toBe(true);
  });

  it('recognises the image formats by their first bytes', () => {
    expect(imageMatches('image/png', solidPng(2, 2, [0, 0, 0]))).toBe(true);
    expect(imageMatches('image/jpeg', solidPng(2, 2, [0, 0, 0]))).toBe(false);
    expect(imageMatches('image/jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(imageMatches('image/webp', new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
    expect(imageMatches('image/webp', new TextEncoder().encode('RIFF\0\0\0\0WAVE'))).toBe(false);
  });
});

describe('ThumbnailStore', () => {
  it('keeps the latest thumbnail per window, with its bytes', () => {
    let t = 1_750_000_000_000;
    const store = new ThumbnailStore(() => t, 1000);
    const first = store.accept(IDENTITY, thumbnailPayload([255, 0, 0]));
    expect(first.ok).toBe(true);
    t += 1000;
    const second = store.accept(IDENTITY, thumbnailPayload([0, 255, 0]));
    expect(second.ok).toBe(true);
    const got = store.get('w1');
    expect(got).not.toBe('ambiguous');
    expect(got && got !== 'ambiguous' && got.data.equals(solidPng(32, 18, [0, 255, 0]))).toBe(true);
    expect(store.list()).toHaveLength(1);
    expect(store.list()[0]).toMatchObject({ node: 'node-1', window: 'w1', mime: 'image/png', receivedAt: t, width: 32, height: 18 });
  });

  it('drops thumbnails sent more often than the interval', () => {
    const t = 1_750_000_000_000;
    const store = new ThumbnailStore(() => t, 1000);
    expect(store.accept(IDENTITY, thumbnailPayload([1, 1, 1])).ok).toBe(true);
    expect(store.accept(IDENTITY, thumbnailPayload([2, 2, 2]))).toMatchObject({ ok: false, reason: 'too-often' });
  });

  it('refuses another window, foreign screens, bytes that are not the image, and oversize', () => {
    const store = new ThumbnailStore(() => 1_750_000_000_000, 0);
    expect(store.accept(IDENTITY, thumbnailPayload([1, 1, 1], { window: 'w2' }))).toMatchObject({ ok: false, reason: 'not-this-window' });
    expect(store.accept(IDENTITY, thumbnailPayload([1, 1, 1], { screens: ['r9c9'] }))).toMatchObject({ ok: false, reason: 'not-this-window' });
    expect(store.accept(IDENTITY, { ...thumbnailPayload([1, 1, 1]), mime: 'image/jpeg' })).toMatchObject({ ok: false, reason: 'not-an-image' });
    expect(store.accept(IDENTITY, { ...thumbnailPayload([1, 1, 1]), data: 'A'.repeat(THUMBNAIL_MAX_BASE64 + 4) })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(store.accept(IDENTITY, 'nope')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(store.list()).toEqual([]);
    expect(Object.fromEntries(store.refused)).toEqual({ 'not-this-window': 2, 'not-an-image': 1, 'too-large': 1, invalid: 1 });
  });

  it('asks for the node when two nodes share a window id', () => {
    const store = new ThumbnailStore(() => 1_750_000_000_000, 0);
    store.accept(IDENTITY, thumbnailPayload([1, 1, 1]));
    store.accept({ ...IDENTITY, node: 'node-2' }, thumbnailPayload([2, 2, 2]));
    expect(store.get('w1')).toBe('ambiguous');
    const two = store.get('w1', 'node-2');
    expect(two && two !== 'ambiguous' && two.info.node).toBe('node-2');
    expect(store.get('w9')).toBeNull();
  });
});
