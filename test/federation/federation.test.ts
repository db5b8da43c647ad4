/**
 * Issue 19: a sub-centre feeds the province over NATS JetStream (docs/federation.md). Real
 * nats-servers (province, and the sub-centre's as its leaf node through a proxy the test cuts), two
 * real hubs. While the sub-centre publishes 100 updates/s and raises, updates, acknowledges and
 * clears alerts, the leaf link is cut for ~10 s and the sub-centre hub restarts in the middle of the
 * outage; after healing, the province has every accepted update and alert change exactly once, in
 * order, and its health says caught up. Waits on states, never sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, type FederationConfig } from '../../src/core/files/federation-model.js';
import type { Alert } from '../../src/core/protocol/alerts.js';
import { startHub, type Hub } from '../../src/hub/server.js';
import { TOKEN_SPECS, TOKENS, api, nextEvent, rawWall, tempDir, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';
import { startNatsPair, type NatsPair } from './nats-pair.js';

const SUB = 'son-la';
const TOPICS = ['flood.level.song-da', 'flood.level.nam-la', 'traffic.flow.ql-6', 'traffic.flow.ql-37'];
const NOT_FORWARDED = 'weather.rain.local';

type Health = { federation: any };

describe('federation over NATS JetStream', () => {
  let nats: NatsPair;
  let province: Awaited<ReturnType<typeof testHub>>;
  const subDir = tempDir('wallrun-sub-');
  let sub: Hub | null = null;
  let subPort = 0;
  let wall: RawWallSocket;

  const subConfig = (url: string): FederationConfig => ({
    role: 'sub-centre',
    id: SUB,
    nats: url,
    forward: { topics: ['flood.**', 'traffic.flow.*'], alerts: true },
    retention: DEFAULT_RETENTION,
  });
  const startSub = async (): Promise<Hub> => {
    sub = await startHub({ port: subPort, dataDir: subDir.dir, tokens: TOKEN_SPECS, insecure: true, log: () => undefined, federation: subConfig(nats.sub.url) });
    subPort = sub.port;
    return sub;
  };
  const health = async (hub: { url: string }): Promise<Health> => (await api(hub.url, 'GET', '/healthz', null)).body as Health;

  beforeAll(async () => {
    nats = await startNatsPair(SUB);
    province = await testHub({
      federation: { role: 'province', id: 'son-la-tinh', nats: nats.province.url, subCentres: [SUB], retention: DEFAULT_RETENTION },
      maxBufferedPackets: 1_000_000,
    });
    await startSub();
    wall = rawWall(province.url);
    await nextEvent(wall, 'snapshot');
  }, 30_000);

  afterAll(async () => {
    wall?.close();
    await sub?.destroy();
    await province?.cleanup();
    await nats?.stop();
    subDir.remove();
  });

  it('cut for ~10 s with a sub-centre restart in it: every accepted update and alert change arrives once, in order; lag back to zero', async () => {
    // What the province's walls are told, in order.
    const seen = new Map<string, number[]>();
    wall.on('updates', (b: { updates: { topic: string; value: unknown }[] }) => {
      for (const u of b.updates) seen.set(u.topic, [...(seen.get(u.topic) ?? []), u.value as number]);
    });
    const alertEvents: { kind: string; alert: Alert }[] = [];
    for (const kind of ['raised', 'updated', 'acknowledged', 'cleared'] as const) {
      wall.on(`alert:${kind}`, (alert: Alert) => alertEvents.push({ kind, alert }));
    }

    // What the sub-centre accepted (answered OK), in order.
    const accepted = new Map<string, number[]>();
    const acceptedAlerts: { id: string; kind: string }[] = [];
    let publishing = true;
    let n = 0;
    const publisher = (async () => {
      const started = Date.now();
      for (let slot = 0; publishing; slot++) {
        // 100 updates/s: one REST publish of 2 updates every 20 ms, on schedule; a slot while the
        // hub restarts is skipped (nothing is sent, nothing accepted).
        const due = started + slot * 20;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        if (!sub) continue;
        const updates = [0, 1].map(() => {
          const topic = TOPICS[n % TOPICS.length]!;
          n += 1;
          return { topic, value: n };
        });
        const hub = sub;
        const r = await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [...updates, { topic: NOT_FORWARDED, value: n }] }).catch(() => null);
        if (r?.status === 202) for (const u of updates) accepted.set(u.topic, [...(accepted.get(u.topic) ?? []), u.value]);
      }
    })();
    const alertChange = async (kind: string, id: string, method: string, path: string, token: string, body: unknown): Promise<void> => {
      const r = await api(sub!.url, method, path, token, body);
      expect(r.status, `${kind} ${id}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      acceptedAlerts.push({ id, kind });
    };
    const lifeCycle = async (id: string): Promise<void> => {
      await alertChange('raised', id, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'major', sector: 'flood', area: 'Mường La', title: `Lũ ${id}` });
      await alertChange('updated', id, 'PATCH', `/api/alerts/${id}`, TOKENS.integration, { message: 'nước lên' });
      await alertChange('acknowledged', id, 'POST', `/api/alerts/${id}/ack`, TOKENS.operator, { comment: 'đã nhận' });
      await alertChange('cleared', id, 'POST', `/api/alerts/${id}/clear`, TOKENS.integration, {});
    };

    // Before the cut: flowing, and the province applies it.
    await lifeCycle('lu-1');
    await until(() => alertEvents.some((e) => e.kind === 'cleared' && e.alert.id === `${SUB}:lu-1`), 'lu-1 cleared at the province', 10_000);
    await until(async () => (await health(province)).federation.subCentres[0].link.up, 'link up at the province');

    // Cut the leaf link: the sub-centre keeps accepting.
    nats.link.cut();
    await until(async () => !(await health(province)).federation.subCentres[0].link.up, 'link down at the province', 10_000);
    await until(async () => !(await health(sub!)).federation.province.up, 'link down at the sub-centre', 10_000);
    const cutAt = Date.now();
    await lifeCycle('lu-2');
    await alertChange('raised', 'lu-3', 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-3', severity: 'critical', sector: 'flood', area: 'Sốp Cộp', title: 'Sạt lở' });
    // The sub-centre hub restarts during the outage: what it accepted is on its disk (JetStream).
    const before = sub!;
    sub = null;
    await before.destroy();
    await startSub();
    await alertChange('acknowledged', 'lu-3', 'POST', '/api/alerts/lu-3/ack', TOKENS.operator, {});
    await until(() => Date.now() - cutAt > 10_000, 'a 10 s outage', 15_000, 100);
    const subHealth = await health(sub!);
    expect(subHealth.federation.province.up).toBe(false);
    expect(subHealth.federation.stream.messages).toBeGreaterThan(400);

    // Heal; stop publishing once the link is back, so the accepted lists are final.
    nats.link.heal();
    await until(async () => (await health(province)).federation.subCentres[0].link.up, 'link up again', 15_000);
    publishing = false;
    await publisher;
    const total = [...accepted.values()].reduce((a, v) => a + v.length, 0);
    expect(total).toBeGreaterThan(1500);

    await until(() => TOPICS.every((t) => (seen.get(`${SUB}.${t}`)?.length ?? 0) >= (accepted.get(t)?.length ?? 0)), 'every update at the province', 20_000, 50);
    await until(async () => {
      const f = (await health(province)).federation.subCentres[0];
      return f.link.up && f.backlog === 0 && f.lagMs === 0;
    }, 'caught up at the province', 10_000);

    // Exactly once, in per-topic order: the province's walls saw the accepted values, no more, no less.
    for (const t of TOPICS) expect(seen.get(`${SUB}.${t}`), t).toEqual(accepted.get(t));
    expect([...seen.keys()].some((t) => t.includes('weather'))).toBe(false);
    // Every alert change once, in order, with its origin; an ack at the sub-centre shows who and when.
    const byAlert = (list: { id: string; kind: string }[]) => list.map((e) => `${e.id}:${e.kind}`);
    expect(byAlert(alertEvents.map((e) => ({ id: e.alert.id, kind: e.kind })))).toEqual(byAlert(acceptedAlerts.map((a) => ({ id: `${SUB}:${a.id}`, kind: a.kind }))));
    expect(alertEvents.every((e) => e.alert.origin === SUB)).toBe(true);
    const lu3 = (await api(province.url, 'GET', `/api/alerts/${SUB}:lu-3`, TOKENS.operator)).body;
    expect(lu3.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Thị Lan', origin: SUB });
    expect(lu3.alert.ackedAt).toBeGreaterThan(cutAt);
    expect(lu3.audit.map((a: { action: string }) => a.action).sort()).toEqual(['ack', 'raise']);
    // Stored: the last values are the province's after a flush too.
    const topics = (await api(province.url, 'GET', '/api/topics?values=true', TOKENS.operator)).body.topics as { topic: string; value: number }[];
    for (const t of TOPICS) expect(topics.find((x) => x.topic === `${SUB}.${t}`)?.value).toBe(accepted.get(t)!.at(-1));

    // Ownership: the province may not acknowledge or clear a sub-centre's alert.
    const ack = await api(province.url, 'POST', `/api/alerts/${SUB}:lu-3/ack`, TOKENS.operator, {});
    expect(ack.status).toBe(409);
    expect(JSON.stringify(ack.body)).toContain('owned-by-sub-centre');
    const clear = await api(province.url, 'POST', `/api/alerts/${SUB}:lu-3/clear`, TOKENS.operator, {});
    expect(clear.status).toBe(409);
    expect(JSON.stringify(clear.body)).toContain(SUB);

    // /metrics names the sub-centre's link, backlog and lag.
    const metrics = (await api(province.url, 'GET', '/metrics', null)).body as string;
    expect(metrics).toContain(`wallrun_federation_link_up{sub_centre="${SUB}"} 1`);
    expect(metrics).toContain(`wallrun_federation_backlog_messages{sub_centre="${SUB}"} 0`);
    expect(metrics).toContain(`wallrun_federation_lag_ms{sub_centre="${SUB}"} 0`);
  }, 60_000);
});
