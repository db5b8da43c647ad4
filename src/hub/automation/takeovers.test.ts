// Takeover rules on a fake clock (an injected `now`; the director calls tick() at the instants it
// returns): the rate limit, joins, a higher rule taking over, prompt expiry, and the return.
import { describe, expect, it } from 'vitest';
import { NO_AUTOMATION, type SwitchTarget, type TakeoverRule } from '../../core/automation/model.js';
import type { Alert } from '../../core/protocol/alerts.js';
import type { TakeoverState } from '../storage/store-types.js';
import { Takeovers, type TakeoverDeps } from './takeovers.js';

const T = 1_750_000_000_000;
const rule = (r: Partial<TakeoverRule> & Pick<TakeoverRule, 'id' | 'target'>): TakeoverRule => ({ priority: 0, match: {}, mode: 'auto', confirmTimeoutS: 120, returnOn: 'ack', ...r });
const FLOOD = rule({ id: 'lu', priority: 1, match: { sector: ['flood'] }, target: { layout: 'flood' } });
const FIRE = rule({ id: 'chay', priority: 5, match: { sector: ['fire'] }, target: { layout: 'fire' } });
const ASK = rule({ id: 'hoi', match: { sector: ['storm'] }, target: { layout: 'storm' }, mode: 'confirm', confirmTimeoutS: 60 });
const alert = (id: string, sector: string): Alert => ({
  id, severity: 'critical', sector, area: 'Cà Mau', source: 'kttv', title: `Cảnh báo ${id}`, message: '', state: 'active', raisedAt: T, updatedAt: T,
});

function rig(current: SwitchTarget | null = { layout: 'overview' }, kept: Pick<TakeoverDeps, 'state' | 'alertState'> = {}) {
  let now = T;
  const switches: string[] = [];
  const audit: string[] = [];
  const closed: string[] = [];
  let shown = current;
  const t = new Takeovers({
    automation: { ...NO_AUTOMATION, takeover: { rules: [FLOOD, FIRE, ASK], minIntervalS: 60 } },
    now: () => now,
    audit: (action, alertId, actor) => void audit.push(`${action} ${alertId} ${actor.via}`),
    switchFor: (target, r) => {
      shown = target;
      switches.push(`${(now - T) / 1000}s ${'layout' in target ? target.layout : target.preset} (${r.id})`);
    },
    currentTarget: () => shown,
    returnTarget: () => null,
    prompted: () => undefined,
    promptClosed: (id) => void closed.push(id),
    changed: () => undefined,
    ...kept,
  });
  return { t, switches, audit, closed, at: (s: number) => (now = T + s * 1000), operator: (layout: string) => ((shown = { layout }), t.operatorSwitched()) };
}

describe('Takeovers', () => {
  it('switches once for a storm: later alerts join, and it returns to the layout before when the last is acknowledged', () => {
    const { t, switches, audit } = rig();
    for (let i = 0; i < 100; i++) t.onAlert('raised', alert(`a${i}`, 'flood'));
    expect(switches).toEqual(['0s flood (lu)']);
    expect(t.wire().takeovers[0]!.alerts).toHaveLength(100);
    for (let i = 0; i < 99; i++) t.onAlert('acknowledged', alert(`a${i}`, 'flood'));
    expect(t.active).toBe(true);
    t.onAlert('cleared', alert('a99', 'flood'));
    expect(switches).toEqual(['0s flood (lu)', '0s overview (lu)']);
    expect(audit).toEqual(['takeover a0 lu', 'takeover:return a0 lu']);
  });

  it('delays a takeover within minIntervalS of the last takeover switch, and switches when the interval has passed', () => {
    const { t, switches, at } = rig();
    t.onAlert('raised', alert('a', 'flood'));
    at(10);
    t.onAlert('acknowledged', alert('a', 'flood'));
    at(20);
    t.onAlert('raised', alert('b', 'flood'));
    expect(t.wire().takeovers[0]).toMatchObject({ alertId: 'b', switched: false });
    expect(t.tick()).toBe(T + 60_000); // when it has to run again
    at(60);
    t.tick();
    expect(switches).toEqual(['0s flood (lu)', '10s overview (lu)', '60s flood (lu)']);
  });

  it('lets a higher-priority rule take the wall once the rate limit allows; the earlier alerts join it', () => {
    const { t, switches, at } = rig();
    t.onAlert('raised', alert('lu-1', 'flood'));
    at(5);
    t.onAlert('raised', alert('chay-1', 'fire')); // higher, but within the interval: joins for now
    expect(t.wire().takeovers[0]).toMatchObject({ rule: 'lu', alerts: ['lu-1', 'chay-1'] });
    at(70);
    t.onAlert('raised', alert('chay-2', 'fire'));
    expect(t.wire().takeovers[0]).toMatchObject({ rule: 'chay', alerts: ['lu-1', 'chay-1', 'chay-2'] });
    expect(switches).toEqual(['0s flood (lu)', '70s fire (chay)']);
    for (const id of ['lu-1', 'chay-1', 'chay-2']) t.onAlert('acknowledged', alert(id, 'x'));
    expect(switches.at(-1)).toBe('70s overview (chay)'); // back to what the wall showed before the first
  });

  it('leaves the wall alone on return when an operator switched during the takeover', () => {
    const { t, switches, operator, audit } = rig();
    t.onAlert('raised', alert('a', 'flood'));
    operator('traffic');
    t.onAlert('acknowledged', alert('a', 'flood'));
    expect(switches).toEqual(['0s flood (lu)']);
    expect(audit.at(-1)).toBe('takeover:return a lu');
  });

  it('drops a prompt nobody confirmed within confirmTimeoutS: audited, nothing switched; matching alerts join the open prompt', () => {
    const { t, switches, audit, closed, at } = rig();
    t.onAlert('raised', alert('s1', 'storm'));
    t.onAlert('raised', alert('s2', 'storm'));
    const prompts = t.wire().prompts;
    expect(prompts).toEqual([expect.objectContaining({ alertId: 's1', alerts: ['s1', 's2'], expiresAt: T + 60_000 })]);
    at(59.999);
    t.tick();
    expect(closed).toEqual([]);
    at(60);
    t.tick();
    expect(closed).toEqual([prompts[0]!.id]);
    expect(switches).toEqual([]);
    expect(audit).toEqual(['prompt s1 hoi', 'prompt:expired s1 hoi']);
    expect(t.confirm(prompts[0]!.id, { name: 'Lan', role: 'operator', via: 'Lan', channel: 'console' })).toBeNull();
  });

  it('resumes from its stored state: alerts done meanwhile are let go, the rate limit holds, a prompt whose alerts are done closes', () => {
    let saved: TakeoverState | null = null;
    const states = new Map<string, Alert['state']>();
    const kept = { state: { load: () => saved, save: (s: TakeoverState) => void (saved = structuredClone(s)) }, alertState: (id: string) => states.get(id) ?? null };
    const first = rig({ layout: 'overview' }, kept);
    first.t.onAlert('raised', alert('s1', 'storm')); // a prompt (before the takeover: then it would join it)
    first.t.onAlert('raised', alert('a', 'flood'));
    first.t.onAlert('raised', alert('b', 'flood'));
    expect(first.switches).toEqual(['0s flood (lu)']);
    // The hub goes down; meanwhile a is acknowledged (done for returnOn ack) and s1 cleared; b is still active.
    states.set('a', 'acknowledged').set('b', 'active').set('s1', 'cleared');
    const second = rig({ layout: 'flood' }, kept);
    second.t.resume();
    expect(second.t.wire()).toEqual({ takeovers: [expect.objectContaining({ rule: 'lu', alertId: 'a', alerts: ['b'], switched: true })], prompts: [] });
    expect(second.audit).toEqual(['prompt:dismissed s1 hoi']);
    expect(second.closed).toHaveLength(1);
    second.at(10);
    second.t.onAlert('raised', alert('c', 'fire')); // higher, but 10 s after the stored takeover switch: joins
    expect(second.t.wire().takeovers[0]).toMatchObject({ rule: 'lu', alerts: ['b', 'c'] });
    second.t.onAlert('acknowledged', alert('b', 'flood'));
    second.t.onAlert('cleared', alert('c', 'fire'));
    expect(second.switches).toEqual(['10s overview (lu)']); // the layout before the takeover, stored with it
    expect(saved!.inForce).toBeNull();
  });
});
