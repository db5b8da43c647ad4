// The CAP feed poller (docs/automation.md "CAP") against feeds served by the test: an Atom feed
// whose entry links a CAP message is polled again with If-None-Match and answered 304, so nothing
// is fetched or stored twice; an RSS feed carrying messages inline (as elements, or escaped text)
// has its foreign sender refused while the allowed one is taken; a feed that fails is retried and the poller goes on.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NO_AUTOMATION } from '../../src/core/automation/model.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';

const SENDER = 'kttv-khanhhoa@vnmha.gov.vn';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/cap/${name}`, import.meta.url), 'utf8');
const body = (xml: string): string => xml.replace(/^<\?xml[^>]*\?>\s*/, '');
/** A message as RSS usually carries it: escaped text in <description>. */
const escape = (xml: string): string => body(xml).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

async function serve(handler: (path: string, headers: IncomingHttpHeaders) => { status: number; type?: string; body?: string; headers?: Record<string, string> }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const r = handler(req.url ?? '/', req.headers);
    seen.push({ path: req.url ?? '/', headers: req.headers, status: r.status });
    res.writeHead(r.status, { ...(r.type ? { 'Content-Type': r.type } : {}), ...(r.headers ?? {}) });
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The hub's clock on the fixtures' day, running: the sample messages expire on 8 December 2026
 * (alert.xml 09:00 +07:00), so on the real clock they would be stored as expired after that.
 */
function fixtureDayClock(): () => number {
  const start = Date.now();
  const t0 = Date.parse('2026-12-07T10:00:00+07:00');
  return () => t0 + (Date.now() - start);
}

describe('CAP feeds', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('polls an Atom feed with ETag: the second and third polls get 304 and nothing is fetched or stored again', async () => {
    const ETAG = '"feed-v1"';
    const feed = await serve((path, headers) => {
      if (path === '/cap/1.xml') return { status: 200, type: 'application/cap+xml', body: fixture('alert.xml') };
      if (headers['if-none-match'] === ETAG) return { status: 304, headers: { ETag: ETAG } };
      return {
        status: 200,
        type: 'application/atom+xml',
        headers: { ETag: ETAG },
        body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>KTTV Khánh Hòa</title>
          <entry><id>urn:kttv:1</id><title>Lũ</title><link rel="alternate" type="application/cap+xml" href="/cap/1.xml"/></entry></feed>`,
      };
    });
    cleanups.push(feed.close);
    const hub = await testHub({ clock: fixtureDayClock(), automation: { ...NO_AUTOMATION, cap: { maxBodyBytes: 65_536, senders: [], feeds: [{ id: 'kttv-kh', url: `${feed.base}/feed.atom`, intervalS: 0.05, senders: [SENDER] }] } } });
    cleanups.push(hub.cleanup);

    await until(() => feed.seen.filter((s) => s.path === '/feed.atom').length >= 3, 'three polls of the feed');
    const polls = feed.seen.filter((s) => s.path === '/feed.atom');
    expect(polls.map((p) => p.status).slice(0, 3)).toEqual([200, 304, 304]);
    expect(polls[1]!.headers['if-none-match']).toBe(ETAG);
    expect(feed.seen.filter((s) => s.path === '/cap/1.xml')).toHaveLength(1);
    const messages = (await api(hub.url, 'GET', '/api/cap/messages', TOKENS.operator)).body.messages as any[];
    expect(messages.map((m) => [m.identifier, m.action, m.via])).toEqual([['KTTV-KH-2026-1207-001', 'created', 'feed:kttv-kh']]);
    const alerts = (await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).body.alerts as any[];
    expect(alerts.map((a) => a.title)).toEqual(['Cảnh báo lũ trên sông Cái Nha Trang']);
  });

  it('refuses an inline message from a sender outside the feed allowlist and takes the next; a failing feed is retried', async () => {
    let failuresLeft = 2;
    const feed = await serve(() => {
      if (failuresLeft-- > 0) return { status: 503 };
      return {
        status: 200,
        type: 'application/rss+xml',
        headers: { 'Last-Modified': 'Mon, 07 Dec 2026 03:00:00 GMT' },
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>CAP</title>
          <item><title>spoof</title><description>${body(fixture('other-sender.xml'))}</description></item>
          <item><title>bad</title><description>${body(fixture('missing-identifier.xml'))}</description></item>
          <item><title>ok</title><description>${escape(fixture('exercise.xml'))}</description></item>
        </channel></rss>`,
      };
    });
    cleanups.push(feed.close);
    const hub = await testHub({ clock: fixtureDayClock(), automation: { ...NO_AUTOMATION, cap: { maxBodyBytes: 65_536, senders: [], feeds: [{ id: 'rss', url: `${feed.base}/rss`, intervalS: 0.02, senders: [SENDER] }] } } });
    cleanups.push(hub.cleanup);

    const listed = async () => (await api(hub.url, 'GET', '/api/cap/messages', TOKENS.operator)).body.messages as any[];
    const messages = await until(async () => ((await listed()).length ? listed() : null), 'the allowed message stored');
    expect(messages.map((m) => [m.identifier, m.status, m.action])).toEqual([['KTTV-KH-DIENTAP-07', 'Exercise', 'stored']]);
    expect(feed.seen.slice(0, 3).map((s) => s.status)).toEqual([503, 503, 200]);
    // Polled again without ETag or Last-Modified honoured: the same entries are not taken or refused twice.
    await until(() => feed.seen.filter((s) => s.status === 200).length >= 3, 'three answered polls');
    expect(feed.seen[3]!.headers['if-modified-since']).toBe('Mon, 07 Dec 2026 03:00:00 GMT');
    const refused = (await api(hub.url, 'GET', '/api/audit?action=cap:refused', TOKENS.operator)).body.audit as any[];
    expect(refused.map((e) => [e.detail.code, e.detail.via, e.channel]).sort()).toEqual([
      ['cap-sender-refused', 'feed:rss', 'hub'],
      ['invalid-cap', 'feed:rss', 'hub'],
    ]);
    expect(await listed()).toHaveLength(1);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).body.alerts).toEqual([]);
  });
});
