import { describe, expect, it } from 'vitest';
import type { Layout } from '../core/wall/model.js';
import { collectDeadlines, collectMaxAges, lateTopics, lateness } from './deadlines.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** An instant given as Hanoi wall time on 2 June 2025 (UTC+7). */
const hanoi = (hh: number, mm: number, day = 2): number => Date.UTC(2025, 5, day, hh - 7, mm);

describe('daily deadlines', () => {
  it("flags Sơn La's 17:00 topic only after 17:00 and only without an update today", () => {
    const topic = 'sonla.budget.disbursement-rate';
    expect(lateness(topic, '17:00', null, hanoi(16, 59), TZ)).toBeNull();
    expect(lateness(topic, '17:00', null, hanoi(17, 0), TZ)).toEqual({ topic, deadline: '17:00', lastAt: null, lateSince: hanoi(17, 0) });
    expect(lateness(topic, '17:00', hanoi(9, 0), hanoi(17, 30), TZ)).toBeNull();
    expect(lateness(topic, '17:00', hanoi(16, 0, 1), hanoi(17, 30), TZ)).toMatchObject({ lastAt: hanoi(16, 0, 1), lateSince: hanoi(17, 0) });
    expect(lateness(topic, '17:00', hanoi(16, 0, 1), hanoi(0, 5, 3), TZ)).toBeNull(); // a new day: not due yet
  });

  it('takes the earliest deadline and the smallest max age among the tiles showing a topic', () => {
    const tile = (topics: string[], freshness: Layout['tiles'][number]['freshness']) => ({
      id: 't', widget: 'kpi' as const, z: 0, topics, priority: 'normal' as const, props: {}, ...(freshness ? { freshness } : {}),
    });
    const l = (tiles: Layout['tiles']): Layout => ({ file: 'f', id: 'l', title: { vi: 'v', en: 'e' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles });
    const layouts = [
      l([tile(['a.b', 'a.c'], { dailyDeadline: '17:00' }), tile(['x.y'], { maxAgeS: 60 })]),
      l([tile(['a.b'], { dailyDeadline: '16:00' }), tile(['x.y'], { maxAgeS: 30 }), tile(['z.z'], undefined)]),
    ];
    expect(collectDeadlines(layouts)).toEqual(new Map([['a.b', '16:00'], ['a.c', '17:00']]));
    expect(collectMaxAges(layouts)).toEqual(new Map([['x.y', 30]]));
    const late = lateTopics(collectDeadlines(layouts), (t) => (t === 'a.c' ? hanoi(8, 0) : null), hanoi(16, 30), TZ);
    expect(late.map((x) => x.topic)).toEqual(['a.b']);
  });
});
