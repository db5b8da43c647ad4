import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPublishRequest, checkRaiseAlert } from '../protocol/rest-validate.js';
import type { TopicUpdate } from '../protocol/protocol.js';
import { loadLayout } from '../files/validate.js';
import type { Layout } from '../wall/model.js';
import { ALERT_TEMPLATES, ganhHaoAlert } from '../../hub/demo/demo-alerts.js';
import { DemoFeeds, rushProfile } from './demo-feeds.js';
import { DEMO_TOPICS, DISTRICTS } from './demo-topics.js';

/** Seeded generator (mulberry32), so the run is the same every time. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shippedLayouts(): Layout[] {
  const root = new URL('../../../', import.meta.url);
  return readdirSync(new URL('layouts/', root)).map((f) => {
    const r = loadLayout({ path: `layouts/${f}`, bytes: new Uint8Array(readFileSync(new URL(`layouts/${f}`, root))) });
    if (!r.ok) throw new Error(`layouts/${f} must load`);
    return r.value;
  });
}

describe('demo feeds', () => {
  it('cover exactly the topics of docs/topics.md', () => {
    const doc = readFileSync(new URL('../../../docs/topics.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z0-9.-]+\.[a-z0-9.-]+)` \|/gm)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(100);
    expect(DEMO_TOPICS.map((t) => t.topic).sort()).toEqual([...new Set(documented)].sort());
  });

  it('publish every topic at start, then each on its own schedule, within range and valid on the wire', () => {
    const start = Date.UTC(2025, 5, 2, 1, 0); // 08:00 in Hà Nội
    const feeds = new DemoFeeds(start, seeded(7));
    const first = feeds.tick(start);
    expect(first.map((u) => u.topic).sort()).toEqual(DEMO_TOPICS.map((t) => t.topic).sort());
    const byTopic = new Map(DEMO_TOPICS.map((t) => [t.topic, t]));
    const all = [...first];
    for (let s = 1; s <= 3600; s += 1) all.push(...feeds.tick(start + s * 1000));
    for (let i = 0; i < all.length; i += 1000) expect(checkPublishRequest({ updates: all.slice(i, i + 1000) }).ok).toBe(true);
    for (const u of all) {
      const spec = byTopic.get(u.topic)!;
      const values = typeof u.value === 'number' ? [u.value] : Object.values(u.value as Record<string, number>);
      if (typeof u.value === 'object') expect(Object.keys(u.value!).every((k) => (DISTRICTS as readonly string[]).includes(k))).toBe(true);
      for (const v of values) {
        expect(v, u.topic).toBeGreaterThanOrEqual(spec.kind === 'elapsed' ? 0 : spec.min);
        expect(v, u.topic).toBeLessThanOrEqual(spec.kind === 'elapsed' ? 600 : spec.max);
      }
    }
    const fast = all.filter((u) => u.topic === 'traffic.flow.ca-mau.total').length;
    expect(fast).toBeGreaterThan(1000); // every ~2 s
    expect(all.filter((u) => u.topic === 'sonla.tourism.visitors').length).toBeLessThan(10); // daily topics: every ~10 min
    // The open-alerts map names every district, 0 where none is open (left out would read "no data").
    expect(Object.keys(first.find((u) => u.topic === 'warnings.active.ca-mau.by-district')!.value as object).sort()).toEqual([...DISTRICTS].sort());
    const on = all.filter((u) => u.topic === 'emergency.personnel.on-duty').at(-1)!.value as number;
    expect(on).toBeGreaterThan(0);
  });

  it('replay a past span in time order, sparse far back and dense near its end, then go on with every topic', () => {
    const start = Date.UTC(2025, 5, 2, 1, 0);
    const feeds = new DemoFeeds(start, seeded(3));
    const level = 'flood.water-level.song-ganh-hao';
    const times: number[] = [];
    let ticks = 0;
    feeds.replay(start - 2 * 86_400_000, start, (updates) => {
      ticks++;
      expect(checkPublishRequest({ updates: updates.slice(0, 1000) }).ok).toBe(true);
      for (const u of updates) if (u.topic === level) times.push(u.t);
    });
    expect(ticks).toBeLessThan(4000); // not one a second over two days
    expect(times[0]).toBe(start - 2 * 86_400_000);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    const perHour = (from: number, to: number) => times.filter((t) => t >= from && t < to).length / ((to - from) / 3_600_000);
    expect(perHour(start - 3_600_000, start)).toBeGreaterThan(10 * perHour(start - 2 * 86_400_000, start - 86_400_000));
    expect(start - times[times.length - 1]!).toBeLessThanOrEqual(60_000);
    expect(feeds.tick(start).map((u) => u.topic).sort()).toEqual(DEMO_TOPICS.map((t) => t.topic).sort());
  });

  it('give each topic the demo range docs/topics.md gives it, and the shipped layouts show it in its unit', () => {
    const doc = readFileSync(new URL('../../../docs/topics.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const m of doc.matchAll(/^\| `([a-z0-9.-]+)` \|(.*)$/gm)) {
      const cols = m[2]!.split('|').map((c) => c.trim());
      if (cols.length >= 8) rows.set(m[1]!, cols); // the topic tables, not the alert sectors
    }
    const number = (s: string): number => Number(s.replace(/−/g, '-').replace(/(\d),(\d{3})/g, '$1$2'));
    for (const spec of DEMO_TOPICS) {
      const range = rows.get(spec.topic)![5]!;
      const [min, max] = [...range.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/[−-]?\d+(\.\d+)?/g)].map((m) => number(m[0]));
      expect([min, max], `${spec.topic}: ${range}`).toEqual([spec.min, spec.max]);
    }
    for (const layout of shippedLayouts()) {
      for (const t of layout.tiles) {
        const unit = t.props.unit;
        if (typeof unit !== 'string') continue;
        for (const topic of t.topics) expect(unit, `${layout.id}/${t.id}: ${topic}`).toBe(rows.get(topic)![2]);
      }
    }
  });

  it('publish every topic a shipped layout reads', () => {
    const read = new Set<string>();
    for (const layout of shippedLayouts()) for (const t of layout.tiles) for (const topic of t.topics) read.add(topic);
    expect(read.size).toBeGreaterThan(50);
    const published = new Set(new DemoFeeds(0, seeded(1)).tick(0).map((u) => u.topic));
    expect([...read].filter((t) => !published.has(t))).toEqual([]);
  });

  it('go on from the values a previous run left, so kept history and the new run join without a jump', () => {
    const start = Date.UTC(2025, 5, 2, 3, 0); // 10:00 in Hà Nội
    const before = new DemoFeeds(start - 3_600_000, seeded(5));
    const last = new Map<string, TopicUpdate>();
    for (let t = start - 3_600_000; t < start; t += 1000) for (const u of before.tick(t)) last.set(u.topic, u);
    const after = new DemoFeeds(start, seeded(99));
    after.continueFrom([...last.values()]);
    const next = new Map(after.tick(start).map((u) => [u.topic, u.value]));
    for (const spec of DEMO_TOPICS) {
      const was = last.get(spec.topic)!.value;
      const now = next.get(spec.topic)!;
      const span = spec.max - spec.min;
      if (spec.kind === 'level' && !spec.sumOf) expect(Math.abs((now as number) - (was as number)), spec.topic).toBeLessThanOrEqual(span * 0.07 + 10 ** -spec.decimals);
      if (spec.kind === 'count') expect(now as number, spec.topic).toBeGreaterThanOrEqual(was as number);
      if (spec.kind === 'elapsed') expect(now, spec.topic).toBe(was);
      if (spec.kind === 'districts' && spec.topic !== 'warnings.active.ca-mau.by-district') {
        for (const d of DISTRICTS) expect(Math.abs((now as Record<string, number>)[d]! - (was as Record<string, number>)[d]!), `${spec.topic} ${d}`).toBeLessThanOrEqual(span * 0.06 + 1);
      }
    }
  });

  it('start a day\'s counts at nearly the same height in two generators (a page\'s and the hub\'s), not one at 47 and one at 2', () => {
    const at = Date.UTC(2025, 5, 2, 5, 0); // 12:00 in Hà Nội
    const a = new Map(new DemoFeeds(at, seeded(1)).tick(at).map((u) => [u.topic, u.value]));
    const b = new Map(new DemoFeeds(at, seeded(2)).tick(at).map((u) => [u.topic, u.value]));
    for (const spec of DEMO_TOPICS.filter((t) => t.kind === 'count')) {
      const [x, y] = [a.get(spec.topic) as number, b.get(spec.topic) as number];
      expect(Math.abs(x - y), `${spec.topic}: ${x} vs ${y}`).toBeLessThanOrEqual(Math.max(1, spec.max * 0.05));
    }
  });

  it('peak at rush hour and raise well-formed Vietnamese alerts', () => {
    expect(rushProfile(7 * 60 + 15)).toBeGreaterThan(0.9);
    expect(rushProfile(3 * 60)).toBeLessThan(0.1);
    // No step anywhere in the day (at 05:00 and 22:00 it used to jump by a quarter).
    for (let m = 1; m < 1440; m++) expect(Math.abs(rushProfile(m) - rushProfile(m - 1)), `minute ${m}`).toBeLessThan(0.02);
    for (const { district: _d, ...t } of ALERT_TEMPLATES) expect(checkRaiseAlert(t).ok, t.title).toBe(true);
    // Decimals with the Vietnamese comma, like the templates' "1,5 km".
    expect(ganhHaoAlert(1.125, 0).title).toBe('Mực nước sông Gành Hào vượt báo động I (1,13 m)');
    for (const t of ALERT_TEMPLATES) expect(`${t.title} ${t.message}`, t.title).not.toMatch(/\d\.\d/);
    expect(new Set(ALERT_TEMPLATES.map((t) => t.sector))).toEqual(new Set(['traffic', 'flood', 'public-service', 'environment', 'security', 'epidemic', 'emergency']));
  });
});
