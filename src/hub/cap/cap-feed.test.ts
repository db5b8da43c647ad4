// The feed poller's pure parts: entries of Atom and RSS (inline, escaped, linked; only web links),
// and the backoff (doubling per failure, at most 10 × the interval).
import { describe, expect, it } from 'vitest';
import { feedEntries, nextPollMs } from './cap-feed.js';
import { parseXml } from './cap-xml.js';

const CAP = '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A</identifier></alert>';

describe('CAP feeds', () => {
  it('backs off a failing feed: 2×, 4×, 8×, then 10× the interval; a good poll resets it', () => {
    expect([0, 1, 2, 3, 4, 9].map((f) => nextPollMs(60, f))).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
  });

  it('finds inline messages, escaped ones and links (CAP-typed first, relative to the feed, web only)', () => {
    const atom = parseXml(`<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><content type="application/cap+xml">${CAP}</content></entry>
      <entry><link rel="alternate" href="/page.html"/><link rel="related" type="application/cap+xml" href="cap/2.xml"/></entry>
      <entry><link href="file:///etc/passwd"/></entry>
      <entry><title>no link</title></entry></feed>`);
    const entries = feedEntries(atom, 'https://canhbao.example.vn/feeds/kh.atom');
    expect(entries.map((e) => ('inline' in e ? `inline:${e.inline.local}` : 'link' in e ? e.link : 'text'))).toEqual([
      'inline:alert', 'https://canhbao.example.vn/feeds/cap/2.xml',
    ]);
    const rss = parseXml(`<rss version="2.0"><channel>
      <item><description>${CAP.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</description></item>
      <item><link>https://canhbao.example.vn/cap/3.xml</link></item>
      <item><enclosure url="https://canhbao.example.vn/cap/4.xml" type="application/cap+xml"/></item></channel></rss>`);
    expect(feedEntries(rss, 'https://canhbao.example.vn/rss')).toEqual([
      { inlineText: CAP }, { link: 'https://canhbao.example.vn/cap/3.xml' }, { link: 'https://canhbao.example.vn/cap/4.xml' },
    ]);
    expect(() => feedEntries(parseXml('<html/>'), 'https://x.vn/')).toThrow(/not an Atom feed or RSS channel/);
  });
});
