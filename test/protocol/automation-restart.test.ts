// The automation across a hub restart (docs/automation.md "Restart"): an in-process hub taken down
// and started again on the same data directory resumes the takeover in force and the open
// takeover prompts; a takeover whose alerts were done while it was down returns at start; a
// prompt that expired meanwhile is dropped, audited `prompt:expired`.
import { afterEach, describe, expect, it } from 'vitest';
import { NO_AUTOMATION, type Automation, type TakeoverRule } from '../../src/core/automation/model.js';
import type { ScheduleAnswer, TakeoverPrompt } from '../../src/core/protocol/automation.js';
import type { LayoutCommand } from '../../src/core/protocol/layout-commands.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import type { Layout } from '../../src/core/wall/model.js';
import { SqliteStore } from '../../src/hub/storage/sqlite/sqlite-store.js';
import type { HubOptions } from '../../src/hub/server.js';
import { TOKENS, api, nextEvent, rawWall, tempDir, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';

const layout = (id: string): Layout => ({ file: `layouts/${id}.yaml`, id, title: { vi: id, en: id }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 }, tiles: [] });
const LAYOUTS = ['overview', 'flood', 'traffic'].map(layout);
const rule = (r: Partial<TakeoverRule> & Pick<TakeoverRule, 'id' | 'target'>): TakeoverRule => ({ priority: 0, match: {}, mode: 'auto', confirmTimeoutS: 120, returnOn: 'ack', ...r });
const FLOOD = rule({ id: 'lu-khan-cap', priority: 10, match: { sector: ['flood'] }, target: { layout: 'flood' } });
const FIRE = rule({ id: 'chay-xac-nhan', match: { sector: ['fire'] }, target: { layout: 'traffic' }, mode: 'confirm' });
const AUTOMATION: Automation = { ...NO_AUTOMATION, takeover: { rules: [FLOOD, FIRE], minIntervalS: 60 } };
const schedule = async (url: string): Promise<ScheduleAnswer> => (await api(url, 'GET', '/api/schedule', TOKENS.operator)).body as ScheduleAnswer;
const auditOf = async (url: string, q: string) => (await api(url, 'GET', `/api/audit?${q}`, TOKENS.operator)).body.audit as { action: string; alertId: string | null; via: string; detail: any }[];
const current = async (url: string) => (await api(url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout as string | undefined;

describe('automation across a hub restart (same data directory)', () => {
  const sockets: RawWallSocket[] = [];
  const hubs: { cleanup(): Promise<void> }[] = [];
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const h of hubs.splice(0)) await h.cleanup();
    for (const d of dirs.splice(0)) d.remove();
  });

  const start = async (dataDir: string, extra: Partial<HubOptions> = {}) => {
    const hub = await testHub({ dataDir, layouts: LAYOUTS, automation: AUTOMATION, ...extra });
    hubs.push(hub);
    return hub;
  };
  const stop = async (hub: { cleanup(): Promise<void> }): Promise<void> => {
    hubs.splice(hubs.indexOf(hub), 1);
    await hub.cleanup();
  };
  /** A two-phase window that answers every prepare ok. */
  const wall = async (url: string): Promise<RawWallSocket> => {
    const s = rawWall(url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-1', window: 'w1', screens: ['a'] }, features: ['two-phase-switch'] });
    sockets.push(s);
    s.on('layout:prepare', (p) => s.emit('layout:prepared', { switchId: p.switchId, ok: true }));
    await nextEvent(s, 'snapshot');
    return s;
  };
  const dataDir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.dir;
  };
  /** The flood takeover in force on a first hub, which then goes down. */
  const takenThenDown = async (dir: string): Promise<void> => {
    const first = await start(dir);
    await wall(first.url);
    expect((await api(first.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'overview' })).status).toBe(202);
    expect((await api(first.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-1', severity: 'critical', sector: 'flood', area: 'Cà Mau', title: 'Lũ' })).status).toBe(201);
    await until(async () => (await current(first.url)) === 'flood', 'the takeover');
    for (const s of sockets.splice(0)) s.close();
    await stop(first);
  };

  it('keeps a takeover in force across a restart, and returns when its alert is acknowledged afterwards', async () => {
    const dir = dataDir();
    await takenThenDown(dir);
    const second = await start(dir);
    const answer = await schedule(second.url);
    expect(answer.now).toMatchObject({ source: 'takeover', target: { layout: 'flood' }, reason: 'lu-khan-cap' });
    expect(answer.takeovers).toEqual([expect.objectContaining({ rule: 'lu-khan-cap', alertId: 'lu-1', alerts: ['lu-1'], switched: true })]);
    const w = await wall(second.url);
    const back = nextEvent<LayoutCommand>(w, 'layout:switch', (c) => c.layout === 'overview');
    expect((await api(second.url, 'POST', '/api/alerts/lu-1/ack', TOKENS.operator, {})).status).toBe(200);
    await back;
    expect((await auditOf(second.url, 'action=takeover:return'))[0]).toMatchObject({ alertId: 'lu-1', via: 'lu-khan-cap', detail: { on: 'acknowledged', why: 'returned', target: { layout: 'overview' } } });
    expect((await schedule(second.url)).takeovers).toEqual([]);
  });

  it('returns at start from a takeover whose alerts were done while the hub was down', async () => {
    const dir = dataDir();
    await takenThenDown(dir);
    const store = SqliteStore.open(dir); // the alert cleared while the hub was down (by another writer of its store)
    const alert = (await store.alerts.get('lu-1'))!;
    await store.alerts.save({ ...alert, state: 'cleared', clearedAt: Date.now(), updatedAt: Date.now() }, 'clear', { name: 'kttv', role: 'integration', via: 'kttv', channel: 'rest' }, Date.now());
    await store.destroy();
    const second = await start(dir);
    await until(async () => (await current(second.url)) === 'overview', 'the return at start');
    expect((await auditOf(second.url, 'action=takeover:return'))[0]).toMatchObject({ alertId: 'lu-1', via: 'lu-khan-cap', detail: { on: 'restart', why: 'returned' } });
    const answer = await schedule(second.url);
    expect(answer.takeovers).toEqual([]);
    expect(answer.now).toMatchObject({ source: 'hold', target: { layout: 'overview' } }); // the operator's switch before the takeover holds still
  });

  it('keeps an open prompt across a restart (walls get it again), and it can be confirmed then', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const w1 = await wall(first.url);
    const prompted = nextEvent<TakeoverPrompt>(w1, 'takeover:prompt');
    await api(first.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'chay-1', severity: 'major', sector: 'fire', area: 'Q.1', title: 'Cháy kho' });
    const prompt = await prompted;
    for (const s of sockets.splice(0)) s.close();
    await stop(first);

    const second = await start(dir);
    expect((await schedule(second.url)).prompts).toEqual([{ ...prompt, alerts: ['chay-1'] }]);
    const late = rawWall(second.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-2', window: 'w1', screens: ['b'] } });
    sockets.push(late);
    expect((await nextEvent<TakeoverPrompt>(late, 'takeover:prompt')).id).toBe(prompt.id);
    expect((await api(second.url, 'POST', `/api/prompts/${prompt.id}/confirm`, TOKENS.operator)).status).toBe(202);
    await until(async () => (await current(second.url)) === 'traffic', 'the confirmed takeover');
    expect(await auditOf(second.url, 'action=takeover')).toEqual([expect.objectContaining({ via: 'chay-xac-nhan', detail: expect.objectContaining({ confirmedBy: 'Nguyễn Thị Lan' }) })]);
  });

  it('drops a prompt that expired while the hub was down, audited prompt:expired, and nothing switches', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await api(first.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'chay-2', severity: 'major', sector: 'fire', area: 'Q.3', title: 'Khói' });
    const [prompt] = (await schedule(first.url)).prompts;
    expect(prompt).toBeDefined();
    await stop(first);

    const second = await start(dir, { clock: () => Date.now() + 121_000 }); // back after confirmTimeoutS (120 s)
    expect((await schedule(second.url)).prompts).toEqual([]);
    expect(await auditOf(second.url, 'action=prompt:expired')).toEqual([
      expect.objectContaining({ alertId: 'chay-2', via: 'chay-xac-nhan', detail: { rule: 'chay-xac-nhan', alerts: ['chay-2'], timeoutS: 120 } }),
    ]);
    expect(await current(second.url)).toBeUndefined();
    expect((await api(second.url, 'POST', `/api/prompts/${prompt!.id}/confirm`, TOKENS.operator)).status).toBe(404);
  });
});
