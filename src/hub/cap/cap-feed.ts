/**
 * The CAP feed poller (automation.cap.feeds, docs/automation.md "CAP"): each feed, an Atom or RSS
 * document, is fetched every `intervalS` with If-None-Match / If-Modified-Since (a 304 costs
 * nothing); each entry either carries a CAP `alert` inline or links one (fetched once per link).
 * A failing feed backs off (doubling, up to 10 × its interval). Every message goes through
 * CapService with the feed's sender allowlist; a bad message or link is logged (refusals audited)
 * and the poller goes on with the next.
 */
import { createHash } from 'node:crypto';
import type { CapFeed } from '../../core/automation/model.js';
import type { Actor } from '../storage/store-types.js';
import { CAP12_NS } from './cap-message.js';
import type { CapService } from './cap-service.js';
import { childrenNamed, parseXml, type XmlElement } from './cap-xml.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** A feed document may be larger than one message; neither is read past its cap. */
const FEED_MAX_BYTES = 4 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
/** Links and inline entries remembered per feed (the oldest forgotten first). */
const SEEN_MAX = 5000;

/** One entry of a feed: a CAP message inline (as elements, or as escaped text), or the URL of one. */
export type FeedEntry = { inline: XmlElement } | { inlineText: string } | { link: string };

/** The entries of an Atom feed or RSS 2.0 channel, in document order. */
export function feedEntries(root: XmlElement, base: string): FeedEntry[] {
  const items =
    root.uri === ATOM_NS && root.local === 'feed'
      ? childrenNamed(root, ATOM_NS, 'entry')
      : root.local === 'rss'
        ? root.children.filter((c) => c.local === 'channel').flatMap((ch) => ch.children.filter((c) => c.local === 'item'))
        : null;
  if (!items) throw new Error(`not an Atom feed or RSS channel (root ${root.local})`);
  return items.flatMap((item): FeedEntry[] => {
    const inline = findAlert(item);
    if (inline) return [{ inline }];
    // RSS often carries the message escaped, as the text of <description> or <content>.
    const escaped = item.children.find((c) => /^(description|content|summary)$/.test(c.local) && c.text.trim().startsWith('<') && c.text.includes(CAP12_NS));
    if (escaped) return [{ inlineText: escaped.text.trim() }];
    const href = entryLink(item);
    if (!href) return [];
    try {
      const url = new URL(href, base);
      // Only web links: a feed cannot make the hub read a file: or data: URL.
      return url.protocol === 'https:' || url.protocol === 'http:' ? [{ link: url.toString() }] : [];
    } catch {
      return [];
    }
  });
}

function findAlert(el: XmlElement, depth = 0): XmlElement | null {
  for (const c of el.children) {
    if (c.uri === CAP12_NS && c.local === 'alert') return c;
    const inner = depth < 2 ? findAlert(c, depth + 1) : null;
    if (inner) return inner;
  }
  return null;
}

/** A link typed as CAP, else the entry's (alternate) link, else an RSS enclosure. */
function entryLink(item: XmlElement): string | null {
  const links = item.children.filter((c) => c.local === 'link' || c.local === 'enclosure');
  const typed = links.find((l) => /cap\+xml/i.test(l.attributes.type ?? ''));
  if (typed) return (typed.attributes.href ?? typed.attributes.url ?? '').trim() || null;
  const atom = links.find((l) => l.attributes.href && (!l.attributes.rel || l.attributes.rel === 'alternate'));
  if (atom) return atom.attributes.href!.trim();
  const rss = links.find((l) => l.local === 'link' && l.text.trim());
  return rss ? rss.text.trim() : null;
}

async function boundedText(res: Response, max: number): Promise<string> {
  if (Number(res.headers.get('content-length') ?? 0) > max) throw new Error(`larger than ${max} bytes`);
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new Error(`larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/** The wait before a feed's next poll: its interval, doubled per failure in a row, at most 10 ×. */
export function nextPollMs(intervalS: number, failures: number): number {
  return Math.max(10, intervalS * 1000) * Math.min(2 ** failures, 10);
}

interface FeedState {
  etag: string | null;
  lastModified: string | null;
  failures: number;
  seen: Set<string>;
  timer: NodeJS.Timeout | null;
}

export interface CapFeedPollerOptions {
  feeds: readonly CapFeed[];
  cap: CapService;
  /** A linked message is refused past this (automation.cap.maxBodyBytes). */
  maxBodyBytes: number;
  log: (message: string) => void;
  /** Told after each poll of a feed (the hub's log; tests wait on it). */
  onPolled?: (feedId: string, outcome: 'changed' | 'not-modified' | 'failed') => void;
}

export class CapFeedPoller {
  private readonly states = new Map<string, FeedState>();
  private stopped = false;

  public constructor(private readonly o: CapFeedPollerOptions) {}

  public start(): void {
    for (const feed of this.o.feeds) {
      this.states.set(feed.id, { etag: null, lastModified: null, failures: 0, seen: new Set(), timer: null });
      this.schedule(feed, 0);
    }
  }

  public destroy(): void {
    this.stopped = true;
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
  }

  private schedule(feed: CapFeed, delayMs: number): void {
    const state = this.states.get(feed.id)!;
    if (this.stopped) return;
    state.timer = setTimeout(() => void this.poll(feed).then((outcome) => {
      state.failures = outcome === 'failed' ? state.failures + 1 : 0;
      this.o.onPolled?.(feed.id, outcome);
      this.schedule(feed, nextPollMs(feed.intervalS, state.failures));
    }), delayMs);
    state.timer.unref();
  }

  /** One poll: never throws; a bad entry is logged and the next one taken. */
  private async poll(feed: CapFeed): Promise<'changed' | 'not-modified' | 'failed'> {
    const state = this.states.get(feed.id)!;
    let root: XmlElement;
    try {
      const headers: Record<string, string> = { Accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9' };
      if (state.etag) headers['If-None-Match'] = state.etag;
      if (state.lastModified) headers['If-Modified-Since'] = state.lastModified;
      const res = await fetch(feed.url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
      if (res.status === 304) return 'not-modified';
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      root = parseXml(await boundedText(res, FEED_MAX_BYTES));
      state.etag = res.headers.get('etag');
      state.lastModified = res.headers.get('last-modified');
    } catch (e) {
      this.o.log(`CAP feed ${feed.id} (${feed.url}): ${(e as Error).message}; next try backs off`);
      return 'failed';
    }
    let entries: FeedEntry[];
    try {
      entries = feedEntries(root, feed.url);
    } catch (e) {
      this.o.log(`CAP feed ${feed.id}: ${(e as Error).message}`);
      return 'failed';
    }
    const source = { actor: feedActor(feed), via: `feed:${feed.id}`, senders: feed.senders };
    for (const entry of entries) {
      try {
        if (!('link' in entry)) {
          // A feed without ETag or Last-Modified sends the same entries again: each is taken (or refused, audited) once.
          const body = 'inline' in entry ? JSON.stringify(entry.inline) : entry.inlineText;
          const key = `inline:${createHash('sha256').update(body).digest('hex')}`;
          if (!state.seen.has(key)) {
            if ('inline' in entry) await this.o.cap.ingestElement(entry.inline, source);
            else await this.o.cap.ingest(entry.inlineText, source);
          }
          remember(state.seen, key);
        } else if (!state.seen.has(entry.link)) {
          const res = await fetch(entry.link, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          await this.o.cap.ingest(await boundedText(res, this.o.maxBodyBytes), source);
          remember(state.seen, entry.link);
        }
      } catch (e) {
        this.o.log(`CAP feed ${feed.id}: ${'link' in entry ? entry.link : 'inline entry'}: ${(e as Error).message}`);
      }
    }
    return 'changed';
  }
}

function remember(seen: Set<string>, link: string): void {
  seen.add(link);
  if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value!);
}

const feedActor = (feed: CapFeed): Actor => ({ name: `cap-feed:${feed.id}`, role: 'integration', via: `feed:${feed.id}`, channel: 'hub' });
