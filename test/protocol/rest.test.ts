// The REST API (docs/protocol.md, "REST API") against an in-process hub: roles, validation,
// plain-text handling of hostile text, filters, layout switch, walls, health and metrics.
import { AUDIT_ACTIONS, AUDIT_CHANNELS } from '../../src/core/protocol/audit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol/limits.js';
import { TOKENS, api, nextEvent, rawWall, testHub } from '../support/hub-fixtures.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

describe('REST API', () => {
  let hub: TestHub;
  const call = (method: string, url: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
    api(hub.url, method, url, token, body, headers);
  const alert = (extra: Record<string, unknown> = {}) => ({ severity: 'minor', sector: 'flood', area: 'U Minh', title: 'Triều cường', ...extra });

  beforeAll(async () => {
    hub = await testHub({
      layouts: [
        { file: 'l.yaml', id: 'overview', title: { vi: 'Tổng quan', en: 'Overview' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles: [] },
        { file: 'f.yaml', id: 'flood', title: { vi: 'Lũ', en: 'Flood' }, theme: 't', subdivision: { columns: 1, rows: 1 }, tiles: [] },
      ],
    });
  });
  afterAll(async () => {
    await hub.cleanup();
  });

  it('refuses requests without a known token (401) and roles that may not (403)', async () => {
    const cases: [string, string, string | null, unknown, number][] = [
      ['GET', '/api/alerts', null, undefined, 401],
      ['GET', '/api/alerts', 'not-a-token-000000000000000000', undefined, 401],
      ['GET', '/api/alerts', TOKENS.wall, undefined, 403],
      ['POST', '/api/data', TOKENS.operator, { updates: [{ topic: 'a.b', value: 1 }] }, 403],
      ['POST', '/api/data', TOKENS.wall, { updates: [{ topic: 'a.b', value: 1 }] }, 403],
      ['POST', '/api/alerts', TOKENS.wall, alert(), 403],
      ['POST', '/api/alerts/x/ack', TOKENS.integration, {}, 403],
      ['POST', '/api/layout', TOKENS.integration, { layout: 'flood' }, 403],
      ['GET', '/api/audit', TOKENS.integration, undefined, 403],
    ];
    for (const [method, url, token, body, status] of cases) {
      const r = await call(method, url, token, body);
      expect([method, url, r.status]).toEqual([method, url, status]);
      expect(r.body.error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    }
    expect((await call('GET', '/api/alerts', null)).headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('GET', '/api', TOKENS.wall)).body).toMatchObject({ role: 'wall', name: 'test-wall', protocol: 1, timezone: 'Asia/Ho_Chi_Minh' });
  });

  it('rejects malformed bodies with every problem listed, and never half-applies a batch', async () => {
    const bad: [unknown, RegExp][] = [
      [{ updates: [] }, /at least 1/],
      [{ updates: [{ topic: 'Traffic.Flow', value: 1 }] }, /updates\[0\]\.topic/],
      [{ updates: [{ topic: 'a.b', value: 1, extra: 2 }] }, /extra: is not a known field/],
      [{ updates: [{ topic: 'a.b' }] }, /value: is required/],
      [{ updates: [{ topic: 'a.b', value: 'x'.repeat(LIMITS.valueString + 1) }] }, /string over/],
      [{ updates: [{ topic: 'a.b', value: 1, t: 'yesterday' }] }, /t: must be a finite number/],
      [{ updates: Array.from({ length: LIMITS.publishBatch + 1 }, () => ({ topic: 'a.b', value: 1 })) }, /more than 1000/],
      [{ updates: [{ topic: 'a.b', value: 1 }, { topic: 'a.c', value: [[[[[[[[[[1]]]]]]]]]] }] }, /updates\[1\]\.value: is nested deeper/],
    ];
    for (const [body, message] of bad) {
      const r = await call('POST', '/api/data', TOKENS.integration, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid');
      expect(r.body.error.details.join('\n')).toMatch(message);
    }
    expect((await call('GET', '/api/topics', TOKENS.operator)).body.topics).toEqual([]); // nothing applied
    expect((await call('POST', '/api/data', TOKENS.integration, '{"updates": [', {})).status).toBe(400);
    expect((await call('POST', '/api/data', TOKENS.integration, 'updates=1', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const huge = JSON.stringify({ updates: [{ topic: 'a.b', value: 'x'.repeat(1_200_000) }] });
    expect((await call('POST', '/api/data', TOKENS.integration, huge)).status).toBe(413);
    for (const a of [alert({ severity: 'catastrophic' }), alert({ title: 'x'.repeat(LIMITS.title + 1) }), alert({ title: 'a\u0000b' }), alert({ sector: 'Lũ lụt' }), alert({ html: '<b>' })]) {
      expect((await call('POST', '/api/alerts', TOKENS.integration, a)).status).toBe(400);
    }
  });

  it('stores HTML and script in alert text as plain text and returns it verbatim as JSON', async () => {
    const title = '<img src=x onerror="alert(1)"><script>alert("xss")</script> Ngập & "sạt lở"';
    const s = rawWall(hub.url);
    await nextEvent(s, 'snapshot');
    const pushed = nextEvent(s, 'alert:raised');
    const r = await call('POST', '/api/alerts', TOKENS.integration, alert({ title, message: '</textarea><b>đậm</b>\nDòng 2' }));
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.body.alert.title).toBe(title);
    expect((await pushed).title).toBe(title);
    s.disconnect();
    const got = await call('GET', `/api/alerts/${r.body.alert.id}`, TOKENS.operator);
    expect(got.body.alert).toMatchObject({ title, message: '</textarea><b>đậm</b>\nDòng 2' });
  });

  it('normalises Vietnamese text to NFC', async () => {
    const decomposed = 'Mu\u031ba lo\u031b\u0301n'; // "Mưa lớn" with combining marks
    const r = await call('POST', '/api/alerts', TOKENS.integration, alert({ title: decomposed }));
    expect(r.body.alert.title).toBe('Mưa lớn'.normalize('NFC'));
  });

  it('keeps an acknowledgement\'s comment, trimmed, in the ack record and the audit; refuses one over 500 characters', async () => {
    await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'c-1' }));
    await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'c-2' }));
    const tooLong = await call('POST', '/api/alerts/c-1/ack', TOKENS.operator, { comment: 'x'.repeat(LIMITS.ackComment + 1) });
    expect([tooLong.status, tooLong.body.error.details]).toEqual([400, ['comment: is longer than 500 characters']]);
    expect((await call('POST', '/api/alerts/c-1/ack', TOKENS.operator, { comment: 'a\u0000b' })).status).toBe(400);
    const comment = 'Đã gọi đội cứu hộ <b>phường 3</b>\nsẽ báo lại';
    expect((await call('POST', '/api/alerts/c-1/ack', TOKENS.operator, { comment: `  ${comment}\n ` })).body).toMatchObject({ ok: true, duplicate: false });
    expect((await call('POST', '/api/alerts/c-1/ack', TOKENS.operator, { comment: 'lần hai' })).body).toMatchObject({ duplicate: true });
    const got = (await call('GET', '/api/alerts/c-1', TOKENS.operator)).body;
    expect(got.ack).toMatchObject({ operator: 'Nguyễn Thị Lan', comment });
    expect(got.audit.filter((a: { action: string }) => a.action === 'ack')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ comment }) })]);
    // Blank is no comment at all.
    await call('POST', '/api/alerts/c-2/ack', TOKENS.operator, { comment: ' \n ' });
    const blank = (await call('GET', '/api/alerts/c-2', TOKENS.operator)).body;
    expect(blank.ack.comment).toBeNull();
    expect(blank.audit.find((a: { action: string }) => a.action === 'ack').detail).not.toHaveProperty('comment');
  });

  it('says where each audit row came from: the console by its header (informational only), any other caller is REST', async () => {
    const fromConsole = { 'X-Wallrun-Client': 'console' };
    await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'ch-1' }));
    await call('POST', '/api/alerts/ch-1/ack', TOKENS.operator, { comment: 'từ bàn điều khiển' }, fromConsole);
    // The header grants nothing: an integration claiming to be the console is still refused an ack.
    expect((await call('POST', '/api/alerts/ch-1/ack', TOKENS.integration, {}, fromConsole)).status).toBe(403);
    await call('PATCH', '/api/alerts/ch-1', TOKENS.integration, { title: 'Triều cường cao' }, { 'X-Wallrun-Client': 'something-else' });
    const rows = (await call('GET', '/api/audit?alertId=ch-1', TOKENS.operator)).body.audit;
    expect(rows.map((a: { action: string; channel: string; via: string }) => [a.action, a.channel, a.via])).toEqual([
      ['update', 'rest', 'he-thong-thuy-van'],
      ['ack', 'console', 'Nguyễn Thị Lan'],
      ['raise', 'rest', 'he-thong-thuy-van'],
    ]);
    const consoleRows = (await call('GET', '/api/audit?channel=console&action=ack,update', TOKENS.operator)).body.audit;
    expect(consoleRows.map((a: { alertId: string }) => a.alertId)).toEqual(['ch-1']);
    const bad = await call('GET', '/api/audit?channel=fax&action=reboot', TOKENS.operator);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      `channel[0]: must be one of ${AUDIT_CHANNELS.join(', ')}`,
      `action[0]: must be one of ${AUDIT_ACTIONS.join(', ')}`,
    ]);
  });

  it('raises, updates (idempotent re-raise), acknowledges once and clears; filters the list', async () => {
    const raised = await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'f-9', severity: 'critical', sector: 'emergency' }));
    expect(raised.status).toBe(201);
    expect(raised.body.alert).toMatchObject({ state: 'active', source: 'he-thong-thuy-van', message: '' });
    const again = await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'f-9', severity: 'major', sector: 'emergency', title: 'Cập nhật' }));
    expect(again.status).toBe(200);
    expect(again.body.alert).toMatchObject({ id: 'f-9', severity: 'major', title: 'Cập nhật', raisedAt: raised.body.alert.raisedAt });
    const ack1 = await call('POST', '/api/alerts/f-9/ack', TOKENS.operator, { screen: 'r2c2' });
    expect(ack1.body).toMatchObject({ ok: true, committed: true, duplicate: false, alert: { state: 'acknowledged', acknowledgedBy: 'Nguyễn Thị Lan' } });
    expect((await call('POST', '/api/alerts/f-9/ack', TOKENS.operator, {})).body).toMatchObject({ duplicate: true });
    expect((await call('POST', '/api/alerts/nope/ack', TOKENS.operator, {})).status).toBe(404);
    const cleared = await call('POST', '/api/alerts/f-9/clear', TOKENS.operator, { reason: 'Đã xử lý' });
    expect(cleared.body.alert).toMatchObject({ state: 'cleared', acknowledgedBy: 'Nguyễn Thị Lan' });
    expect((await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'f-9' }))).status).toBe(409);
    expect((await call('PATCH', '/api/alerts/f-9', TOKENS.integration, { title: 'x' })).status).toBe(409);

    const audit = (await call('GET', '/api/audit?alertId=f-9', TOKENS.operator)).body.audit as { action: string; actor: string; screen: string | null }[];
    expect(audit.map((a) => a.action)).toEqual(['clear', 'ack', 'update', 'raise']);
    expect(audit[1]).toMatchObject({ actor: 'Nguyễn Thị Lan', screen: 'r2c2', channel: 'rest' });
    const refusedAcks = (await call('GET', '/api/audit?alertId=nope', TOKENS.operator)).body.audit;
    expect(refusedAcks).toEqual([expect.objectContaining({ action: 'ack:refused', actor: 'Nguyễn Thị Lan', detail: expect.objectContaining({ code: 'unknown-alert', reason: 'no alert nope' }) })]);

    await call('POST', '/api/alerts', TOKENS.integration, alert({ id: 'w-1', severity: 'warning', sector: 'traffic' }));
    const list = async (q: string) => ((await call('GET', `/api/alerts${q}`, TOKENS.operator)).body.alerts as { id: string }[]).map((a) => a.id);
    expect(await list('?state=cleared')).toEqual(['f-9']);
    expect(await list('?severity=warning&sector=traffic')).toEqual(['w-1']);
    expect(await list('?state=open&sector=emergency')).toEqual([]);
    expect(await list(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect(await list('?severity=critical,warning&severity=info&sector=traffic&limit=5000')).toEqual(['w-1']);
    // Queries are checked against their schemas: every bad or unknown parameter named.
    const refused = async (q: string) => {
      const r = await call('GET', `/api/alerts${q}`, TOKENS.operator);
      return [r.status, r.body.error?.details];
    };
    expect(await refused('?severity=bad')).toEqual([400, ['severity[0]: must be one of critical, major, minor, warning, info']]);
    expect(await refused('?limit=0')).toEqual([400, ['limit: must be 1 to 5000']]);
    expect(await refused('?limit=1&limit=2')).toEqual([400, ['limit: must be a string']]);
    expect(await refused('?since=yesterday&fooBar=1&__proto__=x')).toEqual([400, ['fooBar: is not a known field', '__proto__: is not a known field', 'since: must be ms since the epoch or an ISO 8601 date']]);
    expect((await call('GET', '/api/audit?alertId=../x', TOKENS.operator)).body.error.details).toEqual(['alertId: must match ^[A-Za-z0-9][A-Za-z0-9._:-]*$']);
    expect((await call('GET', '/api/topics?values=yes', TOKENS.operator)).status).toBe(400);
  });

  it('switches layouts it knows, with a lead; lists walls; answers /healthz and /metrics', async () => {
    expect((await call('POST', '/api/layout', TOKENS.operator, { layout: 'no-such' })).status).toBe(404);
    const sw = await call('POST', '/api/layout', TOKENS.operator, { layout: 'flood', leadMs: 3000 });
    expect(sw.status).toBe(202);
    expect(sw.body.command.at - sw.body.command.issuedAt).toBe(3000);
    expect((await call('GET', '/api/layout', TOKENS.integration)).body).toEqual({ current: sw.body.command, layouts: ['overview', 'flood'] });

    const s = rawWall(hub.url);
    await nextEvent(s, 'snapshot');
    const walls = (await call('GET', '/api/walls', TOKENS.operator)).body.walls;
    expect(walls).toEqual([expect.objectContaining({ node: 'node-1', window: 'w1', connected: true })]);
    const health = await call('GET', '/healthz', null);
    expect(health.body).toMatchObject({ ok: true, protocol: 1, walls: 1, store: { backend: 'sqlite', reachable: true, problem: null } });
    const metrics = await call('GET', '/metrics', null);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(metrics.body).toMatch(/^wallrun_walls_connected 1$/m);
    expect(metrics.body).toMatch(/^wallrun_alerts_open\{severity="warning"\} \d+$/m);
    expect(metrics.body).toMatch(/^wallrun_acks_total \d+$/m);
    expect(metrics.body).toMatch(/^wallrun_topic_updates_per_second [\d.]+$/m);
    s.disconnect();
    expect((await call('GET', '/nope', null)).status).toBe(404);
    expect((await call('DELETE', '/api/alerts', TOKENS.operator)).status).toBe(405);
  });

  it('keeps at most LIMITS.topics distinct topics; updates to known ones still pass', async () => {
    for (let b = 0; b < LIMITS.topics / 1000; b++) {
      const updates = Array.from({ length: 1000 }, (_, i) => ({ topic: `load.t${b}-${i}.v`, value: i }));
      expect((await call('POST', '/api/data', TOKENS.integration, { updates })).status).toBe(202);
    }
    const more = await call('POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'load.one.more', value: 1 }] });
    expect([more.status, more.body.error.code]).toEqual([409, 'topic-limit']);
    expect((await call('POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'load.t0-0.v', value: 2 }] })).status).toBe(202);
  });
});
