/**
 * Plausible live values for every demo topic (demo-topics.ts): random walks, rush-hour traffic,
 * tides, counters that restart at local midnight, maps by district. `DemoFeeds.tick(now)` returns
 * the updates due at `now`, so the generator is tested without timers.
 */
import type { JsonValue } from '../protocol/limits.js';
import type { TopicUpdate } from '../protocol/protocol.js';
import { zonedDayAndMinutes } from '../wall/freshness.js';
import { DEMO_TOPICS, DISTRICTS, type DemoTopic } from './demo-topics.js';

const TZ = 'Asia/Ho_Chi_Minh';

/**
 * 0..1: how busy the roads are at `minutes` past local midnight (peaks ~07:15 and ~17:30). The
 * daytime level rises over an hour around 05:00 and falls over one around 22:00: a step there drew
 * a cliff into every flow chart.
 */
export function rushProfile(minutes: number): number {
  const bump = (centre: number, width: number): number => Math.exp(-(((minutes - centre) / width) ** 2));
  const ramp = (from: number): number => Math.min(1, Math.max(0, (minutes - from) / 60));
  const day = 0.08 + 0.27 * (ramp(4.5 * 60) - ramp(21.5 * 60));
  return Math.min(1, day + 0.65 * Math.max(bump(7.25 * 60, 55), bump(17.5 * 60, 65)));
}

/** A fixed fraction 0..1 for `key` (FNV-1a): the same in every generator, every run. */
function dayFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

interface TopicState {
  spec: DemoTopic;
  due: number;
  value: number;
  districts: Record<string, number>;
  day: string;
}

export class DemoFeeds {
  private readonly states: TopicState[];
  private readonly byTopic = new Map<string, TopicState>();
  private readonly districtTotals = new Map<string, number>();
  /** Open demo alerts per district, for `warnings.active.ca-mau.by-district`. */
  public alertsByDistrict: () => Record<string, number> = () => ({});

  public constructor(
    private startedAt: number,
    private readonly random: () => number = Math.random,
    topics: readonly DemoTopic[] = DEMO_TOPICS,
  ) {
    this.states = topics.map((spec) => {
      const mid = (spec.min + spec.max) / 2;
      const s: TopicState = {
        spec,
        due: startedAt,
        value: spec.kind === 'count' ? 0 : mid + (this.random() - 0.5) * (spec.max - spec.min) * 0.4,
        districts: Object.fromEntries(DISTRICTS.map((d) => [d, spec.min + (spec.max - spec.min) * this.random() * 0.5])),
        day: '',
      };
      this.byTopic.set(spec.topic, s);
      return s;
    });
  }

  /** The updates due at `now` (every topic at the first call). */
  public tick(now: number): TopicUpdate[] {
    const local = zonedDayAndMinutes(now, TZ);
    const out: TopicUpdate[] = [];
    const due = this.states.filter((s) => s.due <= now);
    for (const s of due) {
      s.due = now + s.spec.every * 1000 * (0.8 + 0.4 * this.random());
      if (s.spec.sumOf) continue;
      const value = this.next(s, now, local);
      if (typeof value === 'number' && s.spec.kind !== 'level' && s.spec.kind !== 'count') s.value = value;
      out.push({ topic: s.spec.topic, value, t: now });
    }
    for (const s of due) if (s.spec.sumOf) out.push({ topic: s.spec.topic, value: this.sum(s), t: now });
    return out;
  }

  private next(s: TopicState, now: number, local: { day: string; minutes: number }): JsonValue {
    const { min, max, kind, decimals } = s.spec;
    const span = max - min;
    const noise = (): number => (this.random() - 0.5) * 2;
    const round = (v: number): number => Number(Math.min(max, Math.max(min, v)).toFixed(decimals));
    switch (kind) {
      case 'level': {
        const mid = (min + max) / 2;
        s.value = Math.min(max, Math.max(min, s.value + (mid - s.value) * 0.05 + noise() * span * 0.04));
        return round(s.value);
      }
      case 'rush':
        return round(min + span * rushProfile(local.minutes) * (0.92 + 0.08 * noise()));
      case 'speed':
        return round(max - span * 0.85 * rushProfile(local.minutes) + noise() * span * 0.05);
      case 'count': {
        if (s.day !== local.day) {
          // Joining the day late (a start, a replay's first tick): the count so far, about as far along
          // the day's ~70 % as the clock is, drawn from the topic and the day rather than at random, so
          // two generators (the hub's, a page's) start a day's bar chart at nearly the same height.
          s.day = local.day;
          s.value = Math.floor(((max * 0.7 * local.minutes) / 1440) * (0.85 + 0.3 * dayFraction(`${s.spec.topic}@${local.day}`)));
        }
        // On average reaches ~70 % of max by midnight.
        const perTick = (max * 0.7 * s.spec.every) / 86_400;
        if (this.random() < perTick - Math.floor(perTick) || perTick >= 1) s.value += Math.max(1, Math.round(perTick));
        return round(Math.floor(s.value));
      }
      case 'tide': {
        const periodMs = (s.spec.periodH ?? 12.42) * 3600_000;
        const phase = Math.sin((2 * Math.PI * now) / periodMs);
        return round(min + span * (0.5 + 0.47 * phase) + noise() * span * 0.01);
      }
      case 'bursts': {
        const raining = s.value > 0.5 ? this.random() < 0.9 : this.random() < 0.03;
        s.value = raining ? Math.min(max, Math.max(1, s.value * (0.85 + 0.4 * this.random()) + 3 * this.random())) : 0;
        return round(s.value);
      }
      case 'elapsed':
        return Math.max(0, Math.floor((now - this.startedAt) / 60_000) + 37);
      case 'districts': {
        // Every district, 0 where no alert is open: a district left out would read "no data" on the map.
        if (s.spec.topic === 'warnings.active.ca-mau.by-district') return { ...Object.fromEntries(DISTRICTS.map((d) => [d, 0])), ...this.alertsByDistrict() };
        const out: Record<string, number> = {};
        for (const d of DISTRICTS) {
          const bias = d === 'tp-ca-mau' ? 1.5 : 1;
          const target = (min + span * 0.4) * bias;
          s.districts[d] = Math.min(max, Math.max(min, s.districts[d]! + (target - s.districts[d]!) * 0.05 + noise() * span * 0.03));
          out[d] = Math.round(s.districts[d]!);
        }
        this.districtTotals.set(s.spec.topic, Object.values(out).reduce((a, b) => a + b, 0));
        return out;
      }
    }
  }

  private sum(s: TopicState): number {
    const total = (s.spec.sumOf ?? []).reduce(
      (acc, t) => acc + (this.districtTotals.get(t) ?? this.byTopic.get(t)?.value ?? 0),
      0,
    );
    return Math.round(Math.min(s.spec.max, total));
  }

  /**
   * Runs the feeds over the past span [from, to) as if they had been running then, handing each
   * tick's updates to `sink` (the demo's charts are full from its first snapshot), and goes on
   * from there: the live ticks that follow continue the same walks, with no jump at `to`. Ticks are
   * sparse far back and dense near `to` (about 600 per halving of the distance, at least 5 s
   * apart), as a chart window thinned to its points would keep them: a 48-hour past costs a few
   * thousand ticks, not one per second.
   */
  public replay(from: number, to: number, sink: (updates: TopicUpdate[]) => void): void {
    for (const s of this.states) s.due = from;
    for (let t = from; t < to; t += Math.max(5000, (to - t) / 600)) {
      const updates = this.tick(t);
      if (updates.length) sink(updates);
    }
    for (const s of this.states) s.due = to; // the first live tick publishes every topic, as at a fresh start
  }

  /**
   * Goes on from values published before (a restarted demo's hub keeps its topics' latest values
   * and history): each walk continues from its topic's last value rather than from a fresh draw,
   * so a chart or sparkline does not jump where the kept history meets the new run. Counters go on
   * counting the same local day (and restart at the next midnight as usual); the incident clock
   * goes on from its minutes. Shapes drawn from the time of day (rush, tide) need nothing.
   */
  public continueFrom(latest: readonly TopicUpdate[]): void {
    for (const u of latest) {
      const s = this.byTopic.get(u.topic);
      if (!s || s.spec.sumOf) continue;
      const v = u.value;
      if (s.spec.kind === 'districts') {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
        for (const [d, n] of Object.entries(v)) if (typeof n === 'number' && d in s.districts) s.districts[d] = n;
        continue;
      }
      if (typeof v !== 'number') continue;
      if (s.spec.kind === 'elapsed') this.startedAt = u.t - (v - 37) * 60_000;
      else if (s.spec.kind === 'count') {
        s.value = v;
        s.day = zonedDayAndMinutes(u.t, TZ).day;
      } else s.value = v;
    }
  }

  /** Latest numeric value of a topic (for the alert rules). */
  public valueOf(topic: string): number | undefined {
    return this.byTopic.get(topic)?.value;
  }
}
