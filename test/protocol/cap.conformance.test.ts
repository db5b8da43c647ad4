// CAP 1.2 in (docs/protocol.md "CAP 1.2", docs/automation.md "CAP") against an in-process hub on a
// stepped clock: sample messages make, update and clear ONE alert; replays are duplicates; Exercise
// and expired messages are stored, never raised; hostile or wrong messages are refused and audited.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { NO_AUTOMATION } from '../../src/core/automation/model.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlert } from '../../src/core/protocol/protocol-validate.js';
import { TOKENS, api, nextEvent, rawWall, tempDir, testHub, until } from '../support/hub-fixtures.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

const SENDER = 'kttv-khanhhoa@vnmha.gov.vn';
/** Another sender the hub takes: it may not change SENDER's warnings. */
const OTHER = 'kttv-ninhthuan@vnmha.gov.vn';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/cap/${name}`, import.meta.url), 'utf8');
const MAX_BODY = 64 * 1024;

describe('CAP 1.2 (POST /api/cap)', () => {
  let hub: TestHub;
  let now = Date.parse('2026-12-07T10:00:00+07:00');
  const call = (method: string, url: string, token: string | null, body?: string, type = 'application/cap+xml') =>
    api(hub.url, method, url, token, body, body !== undefined ? { 'Content-Type': type } : {});
  const post = (xml: string, type?: string) => call('POST', '/api/cap', TOKENS.integration, xml, type);
  const alerts = async () => (await call('GET', '/api/alerts?state=active,acknowledged,cleared', TOKENS.operator)).body.alerts as any[];

  beforeAll(async () => {
    hub = await testHub({ clock: () => now, capSweepMs: 20, automation: { ...NO_AUTOMATION, cap: { maxBodyBytes: MAX_BODY, senders: [SENDER, OTHER], feeds: [] } } });
  });
  afterAll(async () => {
    await hub.cleanup();
  });

  it('makes one alert from an Alert, updates it from an Update, clears it from a Cancel; replays are duplicates', async () => {
    const wall = rawWall(hub.url);
    await nextEvent(wall, 'snapshot');
    const raised = nextEvent<any>(wall, 'alert:raised');
    const first = await post(fixture('alert.xml'));
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ alertId: expect.stringMatching(/^cap-[0-9a-f]{40}$/), status: 'Actual', action: 'created' });
    const id = first.body.alertId as string;

    // The Vietnamese info block is shown; the shapes are kept as CAP gives them (lat,lon) and pass the wire's schema.
    const stored = (await call('GET', `/api/alerts/${id}`, TOKENS.operator)).body.alert;
    expect(stored).toMatchObject({
      severity: 'major',
      sector: 'flood',
      area: 'TP. Nha Trang',
      source: SENDER,
      title: 'Cảnh báo lũ trên sông Cái Nha Trang',
      state: 'active',
      areas: {
        polygons: [[[12.3, 109.1], [12.3, 109.25], [12.2, 109.25], [12.2, 109.1], [12.3, 109.1]]],
        circles: [{ lat: 12.25, lon: 109.19, radiusKm: 5 }],
      },
    });
    expect(stored.message).toContain('Đồng Trăng');
    expect(stored.message).toContain('chủ động di dời');
    const pushed = await raised;
    expect(checkAlert(pushed)).toMatchObject({ ok: true });
    expect(pushed.areas.circles).toHaveLength(1);
    wall.close();

    expect((await post(fixture('alert.xml'))).body).toEqual({ alertId: id, status: 'Actual', action: 'duplicate' });

    const update = await post(fixture('update.xml'));
    expect(update.body).toEqual({ alertId: id, status: 'Actual', action: 'updated' });
    expect((await call('GET', `/api/alerts/${id}`, TOKENS.operator)).body.alert).toMatchObject({
      severity: 'critical',
      title: 'Lũ vượt báo động 3 trên sông Cái Nha Trang',
      area: 'TP. Nha Trang, huyện Diên Khánh',
      areas: { polygons: [], circles: [{ lat: 12.25, lon: 109.15, radiusKm: 12.5 }] },
    });
    expect((await post(fixture('update.xml'))).body.action).toBe('duplicate');

    // Another sender the hub takes cannot cancel this sender's warning.
    const foreign = fixture('cancel.xml').replace(`<sender>${SENDER}</sender>`, `<sender>${OTHER}</sender>`);
    expect((await post(foreign)).body).toEqual({ alertId: null, status: 'Actual', action: 'stored' });
    expect((await call('GET', `/api/alerts/${id}`, TOKENS.operator)).body.alert.state).toBe('active');
    const cancel = await post(fixture('cancel.xml'));
    expect(cancel.body).toEqual({ alertId: id, status: 'Actual', action: 'cleared' });
    expect((await post(fixture('cancel.xml'))).body.action).toBe('duplicate');
    expect((await post(fixture('alert.xml'))).body.action).toBe('duplicate');

    const all = await alerts();
    expect(all.map((a) => [a.id, a.state])).toEqual([[id, 'cleared']]);
    const audit = (await call('GET', `/api/alerts/${id}`, TOKENS.operator)).body.audit.map((e: any) => e.action);
    expect(audit.sort()).toEqual(['clear', 'raise', 'update']);
  });

  it('stores Exercise and already expired messages for the console without raising anything', async () => {
    const before = (await alerts()).length;
    expect((await post(fixture('exercise.xml'))).body).toEqual({ alertId: null, status: 'Exercise', action: 'stored' });
    expect((await post(fixture('expired.xml'))).body).toEqual({ alertId: null, status: 'Actual', action: 'stored' });
    expect((await post(fixture('exercise.xml'))).body.action).toBe('duplicate');
    expect(await alerts()).toHaveLength(before);
    const listed = (await call('GET', '/api/cap/messages', TOKENS.operator)).body.messages as any[];
    expect(listed.find((m) => m.identifier === 'KTTV-KH-DIENTAP-07')).toMatchObject({
      status: 'Exercise',
      action: 'stored',
      alertId: null,
      headline: 'DIỄN TẬP: sạt lở đất ở Khánh Vĩnh',
      severity: 'Extreme',
      note: 'not-actual',
    });
    expect(listed.find((m) => m.identifier === 'KTTV-KH-2026-1206-009')).toMatchObject({ action: 'stored', note: 'expired' });
    expect(listed.filter((m) => m.identifier === 'KTTV-KH-2026-1207-001')).toHaveLength(1);
  });

  it('clears an alert when its info blocks expire, on the hub clock', async () => {
    const xml = fixture('alert.xml').replace('KTTV-KH-2026-1207-001', 'KTTV-KH-2026-1207-050');
    const r = await post(xml);
    expect(r.body.action).toBe('created');
    const get = async () => (await call('GET', `/api/alerts/${r.body.alertId}`, TOKENS.operator)).body.alert;
    expect((await get()).state).toBe('active');
    now = Date.parse('2026-12-08T09:00:01+07:00');
    const cleared = await until(async () => ((await get()).state === 'cleared' ? await get() : null), 'the expired CAP alert cleared');
    expect(cleared.clearedAt).toBe(now);
  });

  it('refuses hostile and wrong messages with the field named, audits them, and changes nothing', async () => {
    const before = await alerts();
    const cases: [string, number, string, RegExp][] = [
      ['other-sender.xml', 403, 'cap-sender-refused', /sender: sender someone@example\.org/],
      ['doctype.xml', 400, 'cap-doctype', /2:1: a DOCTYPE/],
      ['external-entity.xml', 400, 'cap-doctype', /DOCTYPE or entity/],
      ['billion-laughs.xml', 400, 'cap-doctype', /DOCTYPE or entity/],
      ['undeclared-entity.xml', 400, 'cap-malformed', /undefined entity/i],
      ['wrong-namespace.xml', 400, 'invalid-cap', /urn:oasis:names:tc:emergency:cap:1\.1.*expected/],
      ['missing-identifier.xml', 400, 'invalid-cap', /^identifier: missing$/],
    ];
    for (const [file, status, code, detail] of cases) {
      const r = await post(fixture(file));
      expect([file, r.status, r.body.error?.code]).toEqual([file, status, code]);
      expect(r.body.error.details.some((d: string) => detail.test(d)), `${file}: ${r.body.error.details}`).toBe(true);
    }
    const bad = fixture('alert.xml').replace('<severity>Severe</severity>', '<severity>Catastrophic</severity>');
    expect((await post(bad)).body.error.details).toContain('info[0].severity: "Catastrophic" is not one of Extreme, Severe, Moderate, Minor, Unknown');
    const long = fixture('alert.xml').replace('Flood warning on the Cai River', 'x'.repeat(1001));
    expect((await post(long)).body.error.details).toContain('info[0].headline: longer than 1000 characters');

    const oversized = `${fixture('alert.xml')}<!--${'x'.repeat(MAX_BODY)}-->`;
    const tooLarge = await post(oversized);
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'body-too-large']);
    expect((await post('{}', 'application/json')).status).toBe(415);
    expect((await call('POST', '/api/cap', TOKENS.operator, fixture('alert.xml'))).status).toBe(403);
    expect((await call('GET', '/api/cap/messages', TOKENS.wall)).status).toBe(403);
    expect((await call('GET', '/api/cap/messages?limit=0', TOKENS.operator)).body.error.details).toEqual(['limit: an integer from 1 to 1000']);

    expect(await alerts()).toEqual(before);
    const refused = (await call('GET', '/api/audit?action=cap:refused', TOKENS.operator)).body.audit as any[];
    expect(refused.map((e) => e.detail.code)).toEqual(
      expect.arrayContaining(['cap-sender-refused', 'cap-doctype', 'cap-malformed', 'invalid-cap', 'body-too-large']),
    );
    expect(refused.find((e) => e.detail.code === 'cap-sender-refused')).toMatchObject({ actor: 'he-thong-thuy-van', detail: { sender: 'someone@example.org' } });
  });

  it('answers a 10 MB body 413 from its headers, before reading it, and stays up', async () => {
    const url = new URL(`${hub.url}/api/cap`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
          headers: { Authorization: `Bearer ${TOKENS.integration}`, 'Content-Type': 'application/cap+xml', 'Content-Length': 10 * 1024 * 1024 } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('x'.repeat(64 * 1024)); // the rest never comes: the answer must not wait for it
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('body-too-large');
    expect((await call('GET', '/healthz', null)).status).toBe(200);
  });

  it('keeps the shapes to the wire schema: a wall refuses an alert whose point is off the globe', () => {
    const base = { id: 'cap-x', severity: 'major', sector: 'flood', area: 'A', source: 'S', title: 'T', message: '', state: 'active', raisedAt: 1e12, updatedAt: 1e12 };
    expect(checkAlert({ ...base, areas: { polygons: [[[9, 105], [9, 106], [10, 106], [9, 105]]], circles: [] } })).toMatchObject({ ok: true });
    const bad = checkAlert({ ...base, areas: { polygons: [[[9, 105], [9, 106], [100, 106], [9, 105]]], circles: [] } });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('areas.polygons[0][2][0]');
  });
});

describe('CAP 1.2 across a restart and out of order', () => {
  it('clears at start an alert that expired while the hub was down; an Update before its Alert makes one alert', async () => {
    const dir = tempDir();
    let now = Date.parse('2026-12-07T10:00:00+07:00');
    const options = { dataDir: dir.dir, clock: () => now, capSweepMs: 20 };
    const first = await testHub(options);
    const post = (hub: TestHub, xml: string) => api(hub.url, 'POST', '/api/cap', TOKENS.integration, xml, { 'Content-Type': 'application/cap+xml' });
    // The Update arrives first: it raises the alert under the original's identity…
    const update = await post(first, fixture('update.xml'));
    expect(update.body.action).toBe('created');
    // …and the original, arriving late, is older than what it shows: kept, changing nothing.
    expect((await post(first, fixture('alert.xml'))).body).toEqual({ alertId: update.body.alertId, status: 'Actual', action: 'stored' });
    const shown = (await api(first.url, 'GET', `/api/alerts/${update.body.alertId}`, TOKENS.operator)).body.alert;
    expect([shown.severity, shown.title]).toEqual(['critical', 'Lũ vượt báo động 3 trên sông Cái Nha Trang']);
    await first.destroy();

    now = Date.parse('2026-12-09T00:00:00+07:00'); // past both expires
    const second = await testHub(options);
    try {
      const all = await until(async () => {
        const alerts = (await api(second.url, 'GET', '/api/alerts?state=active,acknowledged,cleared', TOKENS.operator)).body.alerts as any[];
        return alerts.every((a) => a.state === 'cleared') ? alerts : null;
      }, 'the expired alert cleared at start');
      expect(all.map((a) => a.id)).toEqual([update.body.alertId]);
    } finally {
      await second.destroy();
      dir.remove();
    }
  });
});
