/**
 * `GET /api/timeline` and `GET /api/timeline/thumbnail` (docs/timeline.md): events of a time range,
 * filtered by kind, sector and severity, oldest first; a range outside what the timeline keeps is
 * refused naming the field, as is a reversed one or one in the future.
 */
import { checkTimelineQuery, checkTimelineThumbnailQuery } from '../../core/protocol/rest-validate.js';
import type { Role } from '../../core/protocol/rest-bodies.js';
import type { TimelineSettings } from '../../core/protocol/timeline.js';
import { HttpError, query, sendJson, type Router } from '../http.js';
import { CLOCK_SKEW_MS, DAY_MS, queryTimeMs } from '../query-time.js';
import type { TimelineStore } from '../storage/store.js';
import type { ThumbnailArchive } from './thumbnail-archive.js';


export interface TimelineRouteDeps {
  router: Router;
  store: TimelineStore;
  archive: ThumbnailArchive | null;
  settings: TimelineSettings;
  now: () => number;
  roles: readonly Role[];
}

/** Where the timeline begins now: `keepDays` back, or its oldest event when younger. */
export async function keptFrom(store: TimelineStore, settings: TimelineSettings, now: number): Promise<number> {
  return Math.max(now - settings.keepDays * DAY_MS, (await store.oldest()) ?? now);
}

/** The range asked for, or a 400 naming each wrong field. */
export function timelineRange(fromRaw: string, toRaw: string, now: number, keepDays: number): { from: number; to: number } {
  const from = queryTimeMs(fromRaw);
  const to = queryTimeMs(toRaw);
  const errors: string[] = [];
  if (!Number.isFinite(from)) errors.push('from: is not a date');
  if (!Number.isFinite(to)) errors.push('to: is not a date');
  if (!errors.length) {
    const keptFrom = now - keepDays * DAY_MS;
    if (to < from) errors.push('to: is before from');
    if (from > now + CLOCK_SKEW_MS) errors.push('from: is in the future (hub time)');
    if (to < keptFrom) errors.push(`to: is before the kept window (the timeline keeps ${keepDays} days, from ${new Date(keptFrom).toISOString()})`);
  }
  if (errors.length) throw new HttpError(400, 'invalid', 'the query does not match the API', errors);
  return { from, to };
}

export function addTimelineRoutes(d: TimelineRouteDeps): void {
  d.router.add('GET', '/api/timeline', d.roles, async (ctx) => {
    const q = query(ctx, checkTimelineQuery);
    const now = d.now();
    const range = timelineRange(q.from, q.to, now, d.settings.keepDays);
    const limit = q.limit ? Number(q.limit) : 1000;
    const events = await d.store.list({
      ...range,
      ...(q.kind ? { kinds: q.kind } : {}),
      ...(q.sector ? { sectors: q.sector } : {}),
      ...(q.severity ? { severities: q.severity } : {}),
      limit: limit + 1,
    });
    sendJson(ctx.res, 200, {
      hubTime: now,
      keptFrom: await keptFrom(d.store, d.settings, now),
      events: events.slice(0, limit),
      more: events.length > limit,
    });
  });
  d.router.add('GET', '/api/timeline/thumbnail', d.roles, (ctx) => {
    const { file } = query(ctx, checkTimelineThumbnailQuery);
    const data = d.archive?.read(file) ?? null;
    if (!data) throw new HttpError(404, 'not-found', 'no such picture: pruned, or never kept');
    const type = file.endsWith('.png') ? 'image/png' : file.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    ctx.res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'private, max-age=86400', 'X-Content-Type-Options': 'nosniff' });
    ctx.res.end(data);
  });
}
