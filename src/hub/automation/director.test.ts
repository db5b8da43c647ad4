// The director on a fake clock (vi fake timers drive both its timer and Date.now), with the core's
// schedule functions in Asia/Ho_Chi_Minh (UTC+7, no DST), a real store in a temporary folder and a
// stand-in switch coordinator that commits at once. Hub-level takeovers: test/protocol/automation.conformance.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_AUTOMATION, type Automation } from '../../core/automation/model.js';
import type { Alert } from '../../core/protocol/alerts.js';
import type { LayoutCommand } from '../../core/protocol/layout-commands.js';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { AutomationMemory } from './automation-memory.js';
import type { Actor } from '../storage/store-types.js';
import type { SwitchListener } from '../switch-coordinator.js';
import { Director, type DirectorDeps } from './director.js';
import { scheduleSource } from './precedence.js';

const ZONE = 'Asia/Ho_Chi_Minh';
/** A local wall-clock time in Hồ Chí Minh City (UTC+7) as an instant. */
const local = (date: string, time: string): number => Date.parse(`${date}T${time}:00+07:00`);
/** An instant as local "ddd HH:MM" (for readable expectations). */
const show = (t: number): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(t);
const lan: Actor = { name: 'Nguyễn Thị Lan', role: 'operator', via: 'Nguyễn Thị Lan', channel: 'console' };

const automation = (extra: Partial<Automation>): Automation => ({ ...NO_AUTOMATION, ...extra });

describe('Director: schedule, hold, restart and rotation on the hub clock', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    vi.useRealTimers();
  });

  /** `aborts`: the switches to these layouts abort (a window could not build it), as long as it says. */
  async function rig(
    a: Automation,
    startAt: number,
    dir = tempDir(),
    aborts: (layout: string) => boolean = () => false,
    onAlerts: DirectorDeps['alerts']['onChange'] = () => undefined,
  ) {
    vi.useFakeTimers({ now: startAt });
    const store = SqliteStore.open(dir.dir);
    const memory = await AutomationMemory.load(store.automation, () => undefined);
    let current: LayoutCommand | null = null;
    const switches: string[] = [];
    const aborted: string[] = [];
    const listeners: SwitchListener[] = [];
    const request = (layout: string, actor: Actor) => {
      const now = Date.now();
      if (aborts(layout)) {
        aborted.push(`${show(now)} ${layout}`);
        return Promise.resolve({ ok: false as const, code: 'switch-aborted' as const, message: `node-1/w1 could not build "${layout}"` });
      }
      current = { commandId: `c-${switches.length}`, layout, at: now, issuedAt: now, by: actor.name };
      switches.push(`${show(now)} ${layout} (${actor.channel} ${actor.via})`);
      const outcome = { ok: true as const, command: current, record: {} as never };
      for (const l of listeners) l(outcome, actor);
      return Promise.resolve(outcome);
    };
    const director = new Director({
      automation: a,
      schedule: scheduleSource(a, [], ZONE),
      switches: { request, onOutcome: (l) => void listeners.push(l), queue: () => [] },
      layouts: { currentCommand: () => current, refusal: () => null },
      alerts: { onChange: onAlerts, openState: () => null },
      store: { automation: memory, audit: store.audit, presets: store.presets },
      now: () => Date.now(),
      timezone: ZONE,
      log: () => undefined,
      events: { prompt: () => undefined, promptClosed: () => undefined, changed: () => undefined },
    });
    director.start();
    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      director.destroy();
      await memory.settled();
      await store.destroy();
    };
    cleanups.push(async () => {
      await stop();
      dir.remove();
    });
    return { director, switches, aborted, store, dir, stop, manual: (layout: string) => request(layout, lan) };
  }

  const weekdayMorning = automation({
    schedule: [
      { id: 'sang-ngay-thuong', target: { layout: 'morning' }, at: '07:30', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      { id: 'toi', target: { layout: 'evening' }, at: '18:00' },
    ],
  });

  it('switches a weekday 07:30 entry at 07:30 in Asia/Ho_Chi_Minh (00:30 UTC), not on Saturday', async () => {
    const a = automation({ schedule: [...weekdayMorning.schedule, { id: 'trua', target: { layout: 'noon' }, at: '12:00' }] });
    const { switches } = await rig(a, local('2026-12-11', '07:00')); // a Friday
    expect(switches).toEqual(['Fri 07:00:00 evening (schedule toi)']); // the entry in force at start (Thursday 18:00) applied once
    await vi.advanceTimersByTimeAsync(local('2026-12-11', '07:29') + 59_999 - Date.now());
    expect(switches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(new Date(Date.now()).toISOString()).toBe('2026-12-11T00:30:00.000Z');
    expect(switches.at(-1)).toBe('Fri 07:30:00 morning (schedule sang-ngay-thuong)');
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '08:00') - Date.now()); // to Monday 08:00
    expect(switches.slice(2)).toEqual([
      'Fri 12:00:00 noon (schedule trua)',
      'Fri 18:00:00 evening (schedule toi)',
      'Sat 12:00:00 noon (schedule trua)',
      'Sat 18:00:00 evening (schedule toi)',
      'Sun 12:00:00 noon (schedule trua)',
      'Sun 18:00:00 evening (schedule toi)',
      'Mon 07:30:00 morning (schedule sang-ngay-thuong)',
    ]);
  });

  it('applies an entry missed while the hub was down once at a restart (07:31), and not again at the next restart', async () => {
    const dir = tempDir();
    const first = await rig(weekdayMorning, local('2026-12-14', '07:00'), dir);
    expect(first.switches).toEqual(['Mon 07:00:00 evening (schedule toi)']);
    await vi.advanceTimersByTimeAsync(0); // the switch committed
    await first.stop(); // the hub goes down before 07:30
    vi.setSystemTime(local('2026-12-14', '07:31'));
    const second = await rig(weekdayMorning, local('2026-12-14', '07:31'), dir);
    expect(second.switches).toEqual(['Mon 07:31:00 morning (schedule sang-ngay-thuong)']);
    await vi.advanceTimersByTimeAsync(0);
    await second.stop();
    const third = await rig(weekdayMorning, local('2026-12-14', '07:32'), dir);
    expect(third.switches).toEqual([]);
    expect((await third.director.answer()).now).toEqual({ source: 'schedule', target: { layout: 'morning' }, reason: 'sang-ngay-thuong', since: local('2026-12-14', '07:30') });
  });

  it('holds a manual switch for holdMinutes, then the schedule resumes with what it says now', async () => {
    const a = automation({ ...weekdayMorning, holdMinutes: 30, schedule: [...weekdayMorning.schedule, { id: 'giao-thong', target: { layout: 'traffic' }, at: '08:10' }] });
    const { director, switches, manual } = await rig(a, local('2026-12-14', '07:45'));
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '08:00') - Date.now());
    await manual('flood');
    expect((await director.answer()).hold).toEqual({ by: 'Nguyễn Thị Lan', target: { layout: 'flood' }, since: local('2026-12-14', '08:00'), until: local('2026-12-14', '08:30') });
    expect((await director.answer()).now.source).toBe('hold');
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '08:29') - Date.now());
    expect(switches.at(-1)).toBe('Mon 08:00:00 flood (console Nguyễn Thị Lan)'); // 08:10 came and went: held
    await vi.advanceTimersByTimeAsync(60_000);
    expect(switches.at(-1)).toBe('Mon 08:30:00 traffic (schedule giao-thong)');
    expect((await director.answer()).hold).toBeNull();
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '18:00') - Date.now());
    expect(switches.at(-1)).toBe('Mon 18:00:00 evening (schedule toi)');
  });

  it('ends a hold until released on POST /api/hold/release: the wall goes to the schedule now', async () => {
    const { director, switches, manual, store } = await rig(automation({ ...weekdayMorning, holdMinutes: null }), local('2026-12-14', '09:00'));
    await manual('flood');
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(switches.at(-1)).toBe('Mon 09:00:00 flood (console Nguyễn Thị Lan)');
    expect((await director.answer()).hold?.until).toBeNull();
    expect(director.releaseHold(lan)).toBe(true);
    expect(switches.at(-1)).toBe('Tue 09:00:00 morning (schedule sang-ngay-thuong)');
    expect(await store.audit.list({ action: ['hold:release'] })).toEqual([expect.objectContaining({ actor: 'Nguyễn Thị Lan', channel: 'console' })]);
    expect(director.releaseHold(lan)).toBe(false);
  });

  it('cycles a rotation with its durations during its hours; an entry firing inside them beats it', async () => {
    const a = automation({
      schedule: [{ id: 'ban-ngay', target: { layout: 'overview' }, at: '06:00' }, { id: 'kiem-tra', target: { layout: 'report' }, at: '23:00', on: '2026-12-14' }],
      rotations: [{ id: 'dem', from: '22:00', to: '06:00', items: [{ target: { layout: 'cams-a' }, durationS: 600 }, { target: { preset: 'cams-b' }, durationS: 1200 }] }],
    });
    const { switches, store } = await rig(a, local('2026-12-14', '21:55'));
    await store.presets.save({ id: 'cams-b', title: { vi: 'Camera B' }, layout: 'cams', cameras: [] }, 0, lan, Date.now());
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '22:45') - Date.now());
    expect(switches).toEqual([
      'Mon 21:55:00 overview (schedule ban-ngay)',
      'Mon 22:00:00 cams-a (schedule dem)',
      'Mon 22:10:00 cams (schedule dem)',
      'Mon 22:30:00 cams-a (schedule dem)',
      'Mon 22:40:00 cams (schedule dem)',
    ]);
    await vi.advanceTimersByTimeAsync(local('2026-12-15', '06:00') - Date.now());
    expect(switches.slice(5)).toEqual(['Mon 23:00:00 report (schedule kiem-tra)', 'Tue 06:00:00 overview (schedule ban-ngay)']);
  });

  it('retries a schedule switch that aborted after 5 s, 15 s, then every 60 s, listed in problems meanwhile', async () => {
    let failures = 3;
    const { director, switches, aborted } = await rig(weekdayMorning, local('2026-12-14', '07:29'), tempDir(), (layout) => layout === 'morning' && failures-- > 0);
    await vi.advanceTimersByTimeAsync(local('2026-12-14', '07:30') - Date.now());
    expect(aborted).toEqual(['Mon 07:30:00 morning']);
    expect((await director.answer()).problems).toEqual(['schedule "sang-ngay-thuong": the switch to layout "morning" failed (node-1/w1 could not build "morning"); try 2 at 07:30:05']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(aborted).toEqual(['Mon 07:30:00 morning', 'Mon 07:30:05 morning']);
    expect((await director.answer()).problems).toEqual([expect.stringMatching(/; try 3 at 07:30:20$/)]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect((await director.answer()).problems).toEqual([expect.stringMatching(/; try 4 at 07:31:20$/)]);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(switches.at(-1)).toBe('Mon 07:29:00 evening (schedule toi)');
    await vi.advanceTimersByTimeAsync(1);
    expect(aborted).toEqual(['Mon 07:30:00 morning', 'Mon 07:30:05 morning', 'Mon 07:30:20 morning']);
    expect(switches.at(-1)).toBe('Mon 07:31:20 morning (schedule sang-ngay-thuong)');
    expect((await director.answer()).problems).toEqual([]);
  });

  it('keeps retrying every 60 s while wanted, and stops once an operator switched (the hold wants the operator\'s layout)', async () => {
    const { director, aborted, manual } = await rig(weekdayMorning, local('2026-12-14', '07:30'), tempDir(), (layout) => layout === 'morning');
    await vi.advanceTimersByTimeAsync(5_000 + 15_000 + 60_000 + 60_000);
    expect(aborted).toEqual(['Mon 07:30:00 morning', 'Mon 07:30:05 morning', 'Mon 07:30:20 morning', 'Mon 07:31:20 morning', 'Mon 07:32:20 morning']);
    await manual('flood');
    expect((await director.answer()).problems).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(aborted).toHaveLength(5);
  });

  it('retries a takeover switch that aborted while the takeover is in force, not after it ended', async () => {
    const rule = { id: 'lu', priority: 0, match: { sector: ['flood'] }, mode: 'auto' as const, confirmTimeoutS: 120, returnOn: 'clear' as const, target: { layout: 'flood' } };
    const a = automation({ takeover: { rules: [rule], minIntervalS: 60 } });
    const alertListeners: ((kind: 'raised' | 'cleared', alert: Alert) => void)[] = [];
    const { aborted, store } = await rig(a, local('2026-12-14', '09:00'), tempDir(), (layout) => layout === 'flood', (l) => void alertListeners.push(l));
    const flood: Alert = { id: 'lu-1', severity: 'critical', sector: 'flood', area: 'Cà Mau', source: 'kttv', title: 'Lũ', message: '', state: 'active', raisedAt: Date.now(), updatedAt: Date.now() };
    await store.alerts.save(flood, 'raise', lan, Date.now());
    for (const l of alertListeners) l('raised', flood);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(aborted).toEqual(['Mon 09:00:00 flood', 'Mon 09:00:05 flood']);
    for (const l of alertListeners) l('cleared', { ...flood, state: 'cleared' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(aborted).toHaveLength(2);
  });

  it('asks again at a restart for an occurrence whose switch had not committed when the hub stopped (it was retrying), once', async () => {
    const dir = tempDir();
    const first = await rig(weekdayMorning, local('2026-12-14', '07:30'), dir, (layout) => layout === 'morning');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.aborted).toEqual(['Mon 07:30:00 morning', 'Mon 07:30:05 morning']);
    await first.stop(); // down while the retry waits
    const second = await rig(weekdayMorning, local('2026-12-14', '07:35'), dir);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.switches).toEqual(['Mon 07:35:00 morning (schedule sang-ngay-thuong)']);
    await second.stop();
    const third = await rig(weekdayMorning, local('2026-12-14', '07:36'), dir);
    await vi.advanceTimersByTimeAsync(0);
    expect(third.switches).toEqual([]);
  });
});
