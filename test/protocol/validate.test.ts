// The runtime checks of src/core/protocol/protocol-validate.ts and rest-validate.ts, which the receivers run on what they get.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol/limits.js';
import {
  checkAckRequest,
  checkAckResult,
  checkAlert,
  checkHandshakeAuth,
  checkHealthReport,
  checkSnapshot,
  checkUpdateBatch,
} from '../../src/core/protocol/protocol-validate.js';
import { checkPublishRequest, checkRaiseAlert } from '../../src/core/protocol/rest-validate.js';

const T = 1_750_000_000_000;
const alert = { id: 'a-1', severity: 'major', sector: 'flood', area: 'Cà Mau', source: 's', title: 'Ngập', message: '', state: 'active', raisedAt: T, updatedAt: T };

describe('protocol validators', () => {
  it('accept well-formed payloads and return them with text in NFC', () => {
    expect(checkAlert(alert)).toEqual({ ok: true, value: alert });
    const r = checkAlert({ ...alert, title: 'Ca\u0300 Mau' }); // "Cà Mau" with a combining grave accent
    expect(r.ok && r.value.title).toBe('C\u00e0 Mau');
    expect(checkHandshakeAuth({ token: 't', protocol: 1, identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] } }).ok).toBe(true);
    expect(checkUpdateBatch({ seq: 3, updates: [{ topic: 'flood.water-level.song-ganh-hao', value: -0.42, t: T }] }).ok).toBe(true);
    expect(checkSnapshot({ protocol: 1, hubTime: T, seq: 0, layout: null, values: [], alerts: [alert], late: [] }).ok).toBe(true);
    expect(checkAckResult({ ok: true, committed: true, duplicate: false, alert }).ok).toBe(true);
    expect(checkAckResult({ ok: false, reason: 'unknown-alert', permanent: true }).ok).toBe(true);
  });

  it('reject wrong types, missing and unknown fields, naming each', () => {
    const r = checkAlert({ ...alert, severity: 'fatal', raisedAt: '2025', extra: 1, id: undefined });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'extra: is not a known field',
      'id: is required',
      'severity: must be one of critical, major, minor, warning, info',
      'raisedAt: must be a finite number',
    ]);
    expect(checkAckResult({ ok: true, committed: false, duplicate: false, alert }).ok).toBe(false);
    expect(checkAckResult('ok').ok).toBe(false);
  });

  // Found by test/fuzz/validators.fuzz.test.ts: a blank name read as ` : is not a known field`.
  it('quote an unknown field whose name is not a plain word, so it is seen', () => {
    const r = checkAlert({ ...alert, ' ': 1, '': 2, 'a.b': 3, 'x:y': 4, 'bad\u0000': 5 });
    expect(!r.ok && r.errors).toEqual([
      '" ": is not a known field',
      '"": is not a known field',
      '"a.b": is not a known field',
      '"x:y": is not a known field',
      '"bad\\u0000": is not a known field',
    ]);
    expect(checkUpdateBatch({ seq: 1, updates: [{ topic: 'a.b', value: 1, t: T, ' ': 0 }] })).toEqual({ ok: false, errors: ['updates[0]." ": is not a known field'] });
    expect(checkUpdateBatch({ seq: -1, updates: [] }).ok).toBe(false);
    expect(checkUpdateBatch({ seq: 1.5, updates: [] }).ok).toBe(false);
  });

  it('cap strings, arrays, nesting and node counts', () => {
    expect(checkAlert({ ...alert, title: 'x'.repeat(LIMITS.title + 1) }).ok).toBe(false);
    expect(checkAlert({ ...alert, message: 'x'.repeat(LIMITS.message) }).ok).toBe(true);
    expect(checkAlert({ ...alert, message: 'x'.repeat(LIMITS.message + 1) }).ok).toBe(false);
    expect(checkAckRequest({ ackId: crypto.randomUUID(), alertId: 'a', operator: 'o'.repeat(LIMITS.name + 1), screen: 's', at: T }).ok).toBe(false);
    expect(checkHealthReport({ at: T, layout: null, fps: 60, memory: { usedMB: 1 }, streams: Array.from({ length: LIMITS.streams + 1 }, () => ({ tile: 't', state: 'playing', since: T })) }).ok).toBe(false);
    const wide = Object.fromEntries(Array.from({ length: LIMITS.valueNodes }, (_, i) => [`k${i}`, i]));
    expect(checkPublishRequest({ updates: [{ topic: 'a.b', value: wide }] }).ok).toBe(false);
    let deep: unknown = 0;
    for (let i = 0; i <= LIMITS.valueDepth; i++) deep = { d: deep };
    expect(checkPublishRequest({ updates: [{ topic: 'a.b', value: deep }] }).ok).toBe(false);
    expect(checkPublishRequest({ updates: [{ topic: 'a.b', value: { d: { d: 1 } } }] }).ok).toBe(true);
    // A huge string is refused before it is normalised or scanned in full.
    expect(checkRaiseAlert({ severity: 'info', sector: 'a', area: 'b', title: 'x'.repeat(5_000_000) }).ok).toBe(false);
  });

  it('treat text as text: markup is allowed as characters, control characters are not', () => {
    const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = checkRaiseAlert({ severity: 'info', sector: 'security', area: 'TP Cà Mau', title: html, message: 'dòng 1\ndòng 2\ttab' });
    expect(r.ok && r.value.title).toBe(html);
    expect(checkRaiseAlert({ severity: 'info', sector: 'a', area: 'b', title: 'line\nbreak' }).ok).toBe(false);
    expect(checkRaiseAlert({ severity: 'info', sector: 'a', area: 'b', title: 'bell\u0007' }).ok).toBe(false);
    expect(checkRaiseAlert({ severity: 'info', sector: 'a', area: 'b', title: 'sep\u2028' }).ok).toBe(false);
    expect(checkRaiseAlert({ severity: 'info', sector: 'Lũ', area: 'b', title: 't' }).ok).toBe(false); // sectors are ids
  });

  it('accept only JSON data as topic values', () => {
    const bad = [undefined, () => 1, new Date(), new Map(), new Uint8Array(2), Number.POSITIVE_INFINITY, Object.create({ inherited: 1 })];
    for (const value of bad) expect(checkPublishRequest({ updates: [{ topic: 'a.b', value }] }).ok, String(value)).toBe(false);
    expect(checkPublishRequest({ updates: [{ topic: 'a.b', value: JSON.parse('{"__proto__": {"polluted": true}}') }] }).ok).toBe(false);
    for (const value of [null, true, 0, -1.5, 'chữ', [1, 'a'], { 'tp-ca-mau': 120 }]) {
      expect(checkPublishRequest({ updates: [{ topic: 'a.b', value }] }).ok).toBe(true);
    }
  });

  it('check topic names as docs/formats.md defines them', () => {
    const ok = (topic: string) => checkPublishRequest({ updates: [{ topic, value: 1 }] }).ok;
    expect(ok('traffic.flow.ca-mau.tran-hung-dao')).toBe(true);
    expect(ok('a.b.c.d.e.f')).toBe(true);
    for (const t of ['single', 'a.b.c.d.e.f.g', 'A.b', 'a..b', 'a.-b', 'a.b-', `a.${'x'.repeat(127)}`]) expect(ok(t), t).toBe(false);
  });

  it('check a snapshot\'s chart history: columns of equal length, times in order, each topic once, within the limits', () => {
    const base = { protocol: 1, hubTime: T, seq: 0, layout: null, values: [], alerts: [], late: [] };
    const snap = (history: unknown) => checkSnapshot({ ...base, history });
    const h = (topic: string, n: number, step = 1000) => ({ topic, t: Array.from({ length: n }, (_, i) => T + i * step), v: Array.from({ length: n }, (_, i) => i / 3) });
    expect(snap([h('a.b', 3), h('a.c', 0)])).toEqual({ ok: true, value: { ...base, history: [h('a.b', 3), h('a.c', 0)] } });
    expect(checkSnapshot(base).ok).toBe(true); // absent: a hub that has none, or a wall that did not ask
    expect(snap([{ ...h('a.b', 3), v: [1, 2] }])).toMatchObject({ ok: false, errors: ['history[0].v: must have as many items as t (3)'] });
    expect(snap([{ ...h('a.b', 3), t: [T, T + 2, T + 1] }])).toMatchObject({ ok: false, errors: ['history[0].t[2]: must be later than the item before'] });
    expect(snap([{ ...h('a.b', 2), t: [T, T] }]).ok).toBe(false);
    expect(snap([h('a.b', 2), h('a.b', 1)])).toMatchObject({ ok: false, errors: ['history[1].topic: names a topic listed before'] });
    expect(snap([{ ...h('a.b', 1), v: ['1'] }]).ok).toBe(false);
    expect(snap([{ ...h('a.b', 1), v: [null] }]).ok).toBe(false);
    expect(snap([{ ...h('a.b', 1), extra: 1 }]).ok).toBe(false);
    expect(snap([{ ...h('A.b', 1) }]).ok).toBe(false);
    expect(snap([h('a.b', LIMITS.historyPoints)]).ok).toBe(true);
    expect(snap([h('a.b', LIMITS.historyPoints + 1)]).ok).toBe(false);
    const perTopic = LIMITS.historyPoints;
    const topics = Math.ceil(LIMITS.historyTotal / perTopic);
    const full = Array.from({ length: topics }, (_, i) => h(`a.t${i}`, perTopic));
    expect(snap(full)).toMatchObject({ ok: false, errors: [`history: has more than ${LIMITS.historyTotal} points in all`] });
    full[0] = h('a.t0', perTopic - (topics * perTopic - LIMITS.historyTotal));
    expect(snap(full).ok).toBe(true);
  });

  it('count lengths after NFC, and word each kind of error naming its field', () => {
    // 200 Vietnamese letters sent decomposed are 400 UTF-16 units: within the title's 200 once composed.
    const nfd = 'ế'.repeat(LIMITS.title).normalize('NFD');
    expect(nfd.length).toBeGreaterThan(LIMITS.title);
    const r = checkRaiseAlert({ severity: 'info', sector: 'a', area: 'b', title: nfd });
    expect(r.ok && r.value.title).toBe('ế'.repeat(LIMITS.title));
    // Text already in NFC is not written back, so a frozen payload checks too.
    expect(checkAlert(Object.freeze({ ...alert })).ok).toBe(true);
    expect(checkAlert(Object.freeze({ ...alert, title: 'Ca\u0300 Mau' }))).toEqual({ ok: false, errors: ['payload: is read-only and holds text not in NFC'] });
    expect(checkUpdateBatch({ seq: 1, updates: [{ topic: 'a.b', value: 1, t: T }, { topic: 7, value: 1, t: T }] })).toEqual({
      ok: false,
      errors: ['updates[1].topic: must be a string'],
    });
    expect(checkHandshakeAuth({ token: '', protocol: 1.5, identity: { node: 'n', window: 'w', screens: ['a b'] } })).toEqual({
      ok: false,
      errors: ['token: must not be empty', 'protocol: must be an integer', 'identity.screens[0]: must match ^[A-Za-z0-9][A-Za-z0-9._:-]*$'],
    });
    expect(checkHealthReport({ at: T, layout: null, fps: 2000, streams: [] })).toEqual({ ok: false, errors: ['fps: must be between 0 and 1000'] });
    expect(checkHealthReport({ at: T, layout: null, fps: 60, streams: [{ tile: 'c', state: 'playing', since: T, path: 'hls', fallback: 'refused' }] }).ok).toBe(true);
    expect(checkHealthReport({ at: T, layout: null, fps: 60, streams: [{ tile: 'c', state: 'playing', since: T, path: 'webrtc', fallback: 'bogus' }] }).ok).toBe(false);
    expect(checkAckResult({ ok: false, reason: 'invalid', permanent: true, detail: 'a\u0007' })).toEqual({ ok: false, errors: ['detail: contains control characters'] });
    expect(checkAckResult('ok')).toEqual({ ok: false, errors: ['payload: must be an object'] });
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 1]));
    const capped = checkAlert({ ...alert, ...many });
    expect(!capped.ok && capped.errors.length).toBe(20);
  });

  it('accept the handshake features the protocol knows, and nothing else', () => {
    const auth = { token: 't', protocol: 1, identity: { node: 'node-1', window: 'w1', screens: ['r1c1'] } };
    expect(checkHandshakeAuth({ ...auth, features: ['history', 'two-phase-switch'] }).ok).toBe(true);
    expect(checkHandshakeAuth({ ...auth, features: ['histories'] }).ok).toBe(false);
  });
});
