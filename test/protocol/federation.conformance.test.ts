/**
 * Federation's additions within protocol v1 (docs/protocol.md "History", docs/federation.md): a
 * province's forwarded alert carries `origin` in snapshots and alert events and still passes the
 * published schemas; it is read-only there (409 owned-by-sub-centre over REST, a permanent
 * `forbidden` for a wall's ack); an ack at the sub-centre shows at the province with who and when;
 * both hubs' /healthz carry their `federation` section. Real nats-servers, the leaf link up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/core/files/federation-model.js';
import type { Alert } from '../../src/core/protocol/alerts.js';
import { checkAckResult, checkAlert, checkSnapshot } from '../../src/core/protocol/protocol-validate.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';
import { startNatsPair, type NatsPair } from '../federation/nats-pair.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

describe('federation within protocol v1', () => {
  let nats: NatsPair;
  let province: TestHub;
  let sub: TestHub;
  const sockets: RawWallSocket[] = [];
  const wall = async () => {
    const s = rawWall(province.url);
    sockets.push(s);
    return { s, snapshot: await nextEvent(s, 'snapshot') };
  };

  beforeAll(async () => {
    nats = await startNatsPair('moc-chau');
    province = await testHub({ federation: { role: 'province', id: 'son-la', nats: nats.province.url, subCentres: ['moc-chau'], retention: DEFAULT_RETENTION } });
    sub = await testHub({ federation: { role: 'sub-centre', id: 'moc-chau', nats: nats.sub.url, forward: { topics: ['flood.**'], alerts: true }, retention: DEFAULT_RETENTION } });
  }, 30_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await sub?.cleanup();
    await province?.cleanup();
    await nats?.stop();
  });

  it("carries origin in snapshots and events; the sub-centre's alert is read-only at the province; its ack shows there", async () => {
    const { s } = await wall();
    const raised = nextEvent<Alert>(s, 'alert:raised', (a) => a.id === 'moc-chau:lu-quet-1');
    const r = await api(sub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-quet-1', severity: 'critical', sector: 'flood', area: 'Suối Sập', title: 'Lũ quét' });
    expect(r.status).toBe(201);
    expect(r.body.alert.origin).toBeUndefined(); // the sub-centre's own alert has no origin there
    const event = await raised;
    expect(checkAlert(event)).toEqual({ ok: true, value: event });
    expect(event).toMatchObject({ origin: 'moc-chau', title: 'Lũ quét', state: 'active' });

    const { snapshot } = await wall();
    expect(checkSnapshot(snapshot).ok).toBe(true);
    expect(snapshot.alerts.find((a: Alert) => a.id === 'moc-chau:lu-quet-1')?.origin).toBe('moc-chau');

    // Read-only at the province: REST and a wall's ack are refused, naming the sub-centre.
    for (const [method, path, body] of [
      ['POST', '/api/alerts/moc-chau:lu-quet-1/ack', {}],
      ['POST', '/api/alerts/moc-chau:lu-quet-1/clear', {}],
      ['PATCH', '/api/alerts/moc-chau:lu-quet-1', { message: 'x' }],
      ['POST', '/api/alerts', { id: 'moc-chau:lu-quet-1', severity: 'minor', sector: 'flood', area: 'x', title: 'x' }],
    ] as const) {
      const refused = await api(province.url, method, path, TOKENS.operator, body);
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect(refused.body.error.code).toBe('owned-by-sub-centre');
      expect(refused.body.error.message).toContain('moc-chau');
    }
    const wallAck = await s.timeout(5000).emitWithAck('ack', { ackId: crypto.randomUUID(), alertId: 'moc-chau:lu-quet-1', operator: 'Võ Thị Sáu', screen: 'r1c1', at: Date.now() } as never);
    expect(checkAckResult(wallAck).ok).toBe(true);
    expect(wallAck).toMatchObject({ ok: false, reason: 'forbidden', permanent: true });

    // Acknowledged at the sub-centre: the province shows who, when and from where.
    const acked = nextEvent<Alert>(s, 'alert:acknowledged', (a) => a.id === 'moc-chau:lu-quet-1');
    expect((await api(sub.url, 'POST', '/api/alerts/lu-quet-1/ack', TOKENS.operator, {})).status).toBe(200);
    const ackEvent = await acked;
    expect(checkAlert(ackEvent).ok).toBe(true);
    expect(ackEvent).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Thị Lan', origin: 'moc-chau' });
    const audit = (await api(province.url, 'GET', '/api/audit?alertId=moc-chau:lu-quet-1', TOKENS.operator)).body.audit as { action: string; actor: string; via: string; detail: Record<string, unknown> }[];
    // The two refused acks at the province (REST, then the wall's) are in its trail too.
    expect(audit.map((a) => a.action)).toEqual(['ack', 'ack:refused', 'ack:refused', 'raise']);
    expect(audit[0]).toMatchObject({ actor: 'Nguyễn Thị Lan', via: 'federation:moc-chau', detail: { origin: 'moc-chau', acknowledgedBy: 'Nguyễn Thị Lan' } });
  });

  it('gives both hubs a federation section on /healthz', async () => {
    await until(async () => (await api(province.url, 'GET', '/healthz', null)).body.federation.subCentres[0].link.up, 'the province sees the link up');
    const p = (await api(province.url, 'GET', '/healthz', null)).body;
    expect(p.federation).toEqual({
      role: 'province',
      id: 'son-la',
      subCentres: [{ id: 'moc-chau', link: { up: true, since: expect.any(Number) }, backlog: expect.any(Number), lagMs: expect.any(Number), applied: expect.anything(), appliedCount: expect.any(Number) }],
    });
    await until(async () => (await api(sub.url, 'GET', '/healthz', null)).body.federation.province.up, 'the sub-centre sees the link up');
    const s = (await api(sub.url, 'GET', '/healthz', null)).body;
    expect(s.federation).toEqual({
      role: 'sub-centre',
      id: 'moc-chau',
      province: { up: true, since: expect.any(Number) },
      stream: { name: 'WALLRUN_FWD_MOC_CHAU', messages: expect.any(Number), bytes: expect.any(Number), lastSeq: expect.any(Number) },
    });
  });

  // Last: it stops the sub-centre's nats-server.
  it("answers 503 federation-unavailable when the sub-centre's own nats-server is away; /healthz still answers at once", async () => {
    const raised = await api(sub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-quet-2', severity: 'major', sector: 'flood', area: 'Mường Sang', title: 'Lũ quét' });
    expect(raised.status).toBe(201);
    await nats.sub.stop();
    const local = await api(sub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'weather.rain.moc-chau', value: 3 }] });
    expect(local.status).toBe(202); // not a forwarded topic: nothing waits for JetStream
    const forwarded = await api(sub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.level.suoi-sap', value: 7 }] });
    expect(forwarded.status).toBe(503);
    expect(forwarded.body.error.code).toBe('federation-unavailable');
    const asked = Date.now();
    const health = await api(sub.url, 'GET', '/healthz', null);
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(health.body.federation).toMatchObject({ role: 'sub-centre', stream: { name: 'WALLRUN_FWD_MOC_CHAU' } });
    await until(async () => (await api(sub.url, 'GET', '/healthz', null)).body.federation.province.up === false, 'the link shown down');

    // An ack made here while it cannot be forwarded: committed, answered as not done, forwarded when repeated.
    const ack = await api(sub.url, 'POST', '/api/alerts/lu-quet-2/ack', TOKENS.operator, { ackId: 'b7d7a3c4-2f0e-4e43-9a39-3f1c2b0d5e61' });
    expect(ack.status).toBe(503);
    expect((await api(sub.url, 'GET', '/api/alerts/lu-quet-2', TOKENS.operator)).body.alert.state).toBe('acknowledged');
    const again = await api(sub.url, 'POST', '/api/alerts/lu-quet-2/ack', TOKENS.operator, { ackId: 'b7d7a3c4-2f0e-4e43-9a39-3f1c2b0d5e61' });
    expect(again.status).toBe(503); // the repeat tries the forward again (a plain duplicate would be 200)
    const subWall = rawWall(sub.url);
    sockets.push(subWall);
    await nextEvent(subWall, 'snapshot');
    const wallAck = await subWall.timeout(5000).emitWithAck('ack', { ackId: crypto.randomUUID(), alertId: 'lu-quet-2', operator: 'Võ Thị Sáu', screen: 'r1c1', at: Date.now() } as never);
    expect(wallAck).toMatchObject({ ok: false, reason: 'internal', permanent: false });
  }, 20_000);
});
