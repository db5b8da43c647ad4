// Conformance of the hub's automation (docs/protocol.md "Automation", docs/automation.md): takeover
// rules driven by alerts over REST, with raw socket.io walls speaking the two-phase switch; the
// return on ack or clear; confirm prompts on walls and consoles; the rate limit under an alert
// storm; GET /api/schedule, POST /api/hold/release and the prompts' routes with their roles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { NO_AUTOMATION, type Automation, type TakeoverRule } from '../../src/core/automation/model.js';
import type { ScheduleAnswer, TakeoverPrompt } from '../../src/core/protocol/automation.js';
import { CONSOLE_NAMESPACE } from '../../src/core/protocol/console-protocol.js';
import type { LayoutCommand, LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { PROTOCOL_VERSION, type WallIdentity } from '../../src/core/protocol/protocol.js';
import type { Layout } from '../../src/core/wall/model.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';

const layout = (id: string): Layout => ({ file: `layouts/${id}.yaml`, id, title: { vi: id, en: id }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 }, tiles: [] });
const LAYOUTS = ['overview', 'flood', 'traffic'].map(layout);
const rule = (r: Partial<TakeoverRule> & Pick<TakeoverRule, 'id' | 'target'>): TakeoverRule => ({ priority: 0, match: {}, mode: 'auto', confirmTimeoutS: 120, returnOn: 'ack', ...r });
const FLOOD = rule({ id: 'lu-khan-cap', priority: 10, match: { severity: ['critical'], sector: ['flood'] }, target: { layout: 'flood' } });
const FIRE = rule({ id: 'chay-xac-nhan', match: { sector: ['fire'] }, target: { layout: 'traffic' }, mode: 'confirm' });
const AUTOMATION: Automation = { ...NO_AUTOMATION, takeover: { rules: [FLOOD, FIRE], minIntervalS: 60 } };
const floodAlert = (id: string) => ({ id, severity: 'critical', sector: 'flood', area: 'Cà Mau', title: 'Mực nước vượt báo động 3' });
const schedule = async (url: string): Promise<ScheduleAnswer> => (await api(url, 'GET', '/api/schedule', TOKENS.operator)).body as ScheduleAnswer;
const auditOf = async (url: string, q: string) => (await api(url, 'GET', `/api/audit?${q}`, TOKENS.operator)).body.audit as { action: string; alertId: string | null; actor: string; via: string; channel: string; detail: any }[];

describe('automation (hub, raw socket.io walls)', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  const sockets: (RawWallSocket | Socket)[] = [];
  let prepares: LayoutPrepare[];
  let commits: LayoutCommand[];

  /** A two-phase window that answers every prepare ok and records what it was told. */
  const wall = async (identity: WallIdentity): Promise<RawWallSocket> => {
    const s = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity, features: ['two-phase-switch'] });
    sockets.push(s);
    s.on('layout:prepare', (p) => {
      prepares.push(p);
      s.emit('layout:prepared', { switchId: p.switchId, ok: true });
    });
    s.on('layout:switch', (c) => void commits.push(c));
    await nextEvent(s, 'snapshot');
    return s;
  };
  const current = async () => (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout as string | undefined;

  beforeEach(async () => {
    prepares = [];
    commits = [];
    hub = await testHub({ layouts: LAYOUTS, automation: AUTOMATION });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.cleanup();
  });

  it('takes the wall for a critical flood alert through the two-phase switch, audited with the rule id, and returns on ack', async () => {
    const w1 = await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    await wall({ node: 'node-2', window: 'w1', screens: ['b'] });
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'overview' })).status).toBe(202);
    const taken = nextEvent<LayoutCommand>(w1, 'layout:switch', (c) => c.layout === 'flood');
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, floodAlert('lu-1'));
    expect(raised.status).toBe(201);
    await taken;
    expect(prepares.filter((p) => p.layout === 'flood')).toHaveLength(2); // both windows prepared it
    const answer = await schedule(hub.url);
    expect(answer.now).toMatchObject({ source: 'takeover', target: { layout: 'flood' }, reason: 'lu-khan-cap' });
    expect(answer.takeovers).toEqual([expect.objectContaining({ rule: 'lu-khan-cap', alertId: 'lu-1', returnOn: 'ack', switched: true })]);
    const rows = await auditOf(hub.url, 'channel=rule');
    expect(rows.map((r) => [r.action, r.via, r.alertId])).toEqual([['layout', 'lu-khan-cap', null], ['takeover', 'lu-khan-cap', 'lu-1']]);
    expect(rows[0]!.detail.layout).toBe('flood');

    const back = nextEvent<LayoutCommand>(w1, 'layout:switch', (c) => c.layout === 'overview');
    expect((await api(hub.url, 'POST', '/api/alerts/lu-1/ack', TOKENS.operator, {})).status).toBe(200);
    await back;
    const returned = await auditOf(hub.url, 'channel=rule&action=takeover:return');
    expect(returned).toEqual([expect.objectContaining({ alertId: 'lu-1', via: 'lu-khan-cap', detail: expect.objectContaining({ target: { layout: 'overview' }, why: 'returned' }) })]);
    expect((await schedule(hub.url)).takeovers).toEqual([]);
  });

  it('retries a takeover switch that a window could not prepare (after 5 s), listed in problems meanwhile', async () => {
    const w = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-1', window: 'w1', screens: ['a'] }, features: ['two-phase-switch'] });
    sockets.push(w);
    let refusals = 1;
    w.on('layout:prepare', (p) => {
      prepares.push(p);
      w.emit('layout:prepared', p.layout === 'flood' && refusals-- > 0 ? { switchId: p.switchId, ok: false, error: 'decoder busy' } : { switchId: p.switchId, ok: true });
    });
    await nextEvent(w, 'snapshot');
    const taken = nextEvent<LayoutCommand>(w, 'layout:switch', (c) => c.layout === 'flood', 15_000);
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, floodAlert('lu-3'));
    await until(async () => (await auditOf(hub.url, 'action=layout:failed')).length === 1, 'the aborted switch');
    const waiting = await until(async () => (await schedule(hub.url)).problems.find((p) => p.includes('try 2')), 'the retry listed');
    expect(waiting).toMatch(/^takeover "lu-khan-cap": the switch to layout "flood" failed \(.*decoder busy.*\); try 2 at \d\d:\d\d:\d\d$/);
    await taken;
    expect(prepares.map((p) => p.layout)).toEqual(['flood', 'flood']);
    const rows = await auditOf(hub.url, 'channel=rule');
    expect(rows.map((r) => [r.action, r.via])).toEqual([['layout', 'lu-khan-cap'], ['layout:failed', 'lu-khan-cap'], ['takeover', 'lu-khan-cap']]);
    expect((await schedule(hub.url)).problems).toEqual([]);
  }, 20_000);

  it('leaves the wall where an operator put it during the takeover', async () => {
    await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'overview' });
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, floodAlert('lu-2'));
    await until(async () => (await current()) === 'flood', 'the takeover');
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' })).status).toBe(202);
    await api(hub.url, 'POST', '/api/alerts/lu-2/clear', TOKENS.integration, {});
    await until(async () => (await auditOf(hub.url, 'action=takeover:return')).length === 1, 'the return');
    expect((await auditOf(hub.url, 'action=takeover:return'))[0]!.detail.why).toBe('an operator switched since: the wall stays');
    expect(await current()).toBe('traffic');
  });

  it('switches once for 100 matching alerts in one second, and returns when the last is done', async () => {
    await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => api(hub.url, 'POST', '/api/alerts', TOKENS.integration, floodAlert(`bao-${i}`))));
    expect(Date.now() - started).toBeLessThan(1000 + 2000); // the burst itself (a loaded machine may stretch it a little)
    expect(answers.every((a) => a.status === 201)).toBe(true);
    await until(async () => (await current()) === 'flood', 'the takeover');
    expect(prepares.map((p) => p.layout)).toEqual(['flood']);
    expect((await auditOf(hub.url, 'action=takeover')).length).toBe(1);
    expect((await schedule(hub.url)).takeovers[0]!.alerts).toHaveLength(100);
    for (let i = 0; i < 99; i++) await api(hub.url, 'POST', `/api/alerts/bao-${i}/clear`, TOKENS.integration, {});
    expect((await auditOf(hub.url, 'action=takeover:return')).length).toBe(0);
    await api(hub.url, 'POST', '/api/alerts/bao-99/clear', TOKENS.integration, {});
    // Nothing was shown before the takeover and nothing is scheduled: the return has nowhere to go.
    await until(async () => (await auditOf(hub.url, 'action=takeover:return')).length === 1, 'the return');
    expect(prepares).toHaveLength(1);
  });

  it('asks before a confirm rule switches: a prompt on walls and consoles, the switch only after POST confirm', async () => {
    const w = await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    const consoleSocket = io(`${hub.url}${CONSOLE_NAMESPACE}`, { auth: { token: TOKENS.operator }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(consoleSocket);
    await nextEvent(consoleSocket, 'hello');
    const prompted = nextEvent<TakeoverPrompt>(w, 'takeover:prompt');
    const heard = nextEvent(consoleSocket, 'automation:changed');
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'chay-1', severity: 'major', sector: 'fire', area: 'Q.1', title: 'Cháy kho' });
    const prompt = await prompted;
    await heard;
    expect(prompt).toMatchObject({ rule: 'chay-xac-nhan', alertId: 'chay-1', title: 'Cháy kho', severity: 'major', target: { layout: 'traffic' } });
    expect(prompt.expiresAt - prompt.createdAt).toBe(120_000);
    expect((await schedule(hub.url)).prompts.map((p) => p.id)).toEqual([prompt.id]);
    const late = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-3', window: 'w1', screens: ['c'] } });
    sockets.push(late);
    expect((await nextEvent<TakeoverPrompt>(late, 'takeover:prompt')).id).toBe(prompt.id); // a window connecting later shows it too
    expect(prepares).toEqual([]); // nothing switches before an operator confirms
    expect((await api(hub.url, 'POST', '/api/prompts/nope/confirm', TOKENS.operator)).status).toBe(404);
    expect((await api(hub.url, 'POST', `/api/prompts/${prompt.id}/confirm`, TOKENS.integration)).status).toBe(403);
    const closed = nextEvent<{ id: string }>(w, 'takeover:prompt-closed');
    const switched = nextEvent<LayoutCommand>(w, 'layout:switch', (c) => c.layout === 'traffic');
    const confirmed = await api(hub.url, 'POST', `/api/prompts/${prompt.id}/confirm`, TOKENS.operator);
    expect(confirmed.status).toBe(202);
    expect(confirmed.body.prompts).toEqual([]);
    expect((await closed).id).toBe(prompt.id);
    await switched;
    const takeover = await auditOf(hub.url, 'action=takeover');
    expect(takeover).toEqual([expect.objectContaining({ via: 'chay-xac-nhan', channel: 'rule', detail: expect.objectContaining({ confirmedBy: 'Nguyễn Thị Lan' }) })]);
    expect((await api(hub.url, 'POST', `/api/prompts/${prompt.id}/confirm`, TOKENS.operator)).status).toBe(404);
  });

  it('drops a dismissed prompt, audited, and nothing switches', async () => {
    const w = await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    const prompted = nextEvent<TakeoverPrompt>(w, 'takeover:prompt');
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'chay-2', severity: 'minor', sector: 'fire', area: 'Q.3', title: 'Khói' });
    const prompt = await prompted;
    const dismissed = await api(hub.url, 'POST', `/api/prompts/${prompt.id}/dismiss`, TOKENS.editor);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.prompts).toEqual([]);
    expect(await auditOf(hub.url, 'action=prompt&action=prompt:dismissed')).toEqual([
      expect.objectContaining({ action: 'prompt:dismissed', actor: 'Trần Văn Bình', alertId: 'chay-2' }),
      expect.objectContaining({ action: 'prompt', via: 'chay-xac-nhan', alertId: 'chay-2' }),
    ]);
    expect(prepares).toEqual([]);
  });

  it('answers GET /api/schedule to operators, editors and integrations; releases a hold for staff only', async () => {
    await wall({ node: 'node-1', window: 'w1', screens: ['a'] });
    for (const t of [TOKENS.operator, TOKENS.editor, TOKENS.integration]) expect((await api(hub.url, 'GET', '/api/schedule', t)).status).toBe(200);
    expect((await api(hub.url, 'GET', '/api/schedule', TOKENS.wall)).status).toBe(403);
    const empty = await schedule(hub.url);
    expect(empty).toEqual({
      hubTime: expect.any(Number), timezone: 'Asia/Ho_Chi_Minh', now: { source: 'none', target: null, reason: '', since: null },
      hold: null, takeovers: [], prompts: [], next: [], rotation: null, queue: [], problems: [],
    });
    await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' });
    const held = await schedule(hub.url);
    expect(held.hold).toMatchObject({ by: 'Nguyễn Thị Lan', target: { layout: 'traffic' } });
    expect(held.hold!.until! - held.hold!.since).toBe(30 * 60_000);
    expect(held.now.source).toBe('hold');
    expect((await api(hub.url, 'POST', '/api/hold/release', TOKENS.integration)).status).toBe(403);
    const released = await api(hub.url, 'POST', '/api/hold/release', TOKENS.operator, undefined, { 'X-Wallrun-Client': 'console' });
    expect(released.status).toBe(200);
    expect(released.body.hold).toBeNull();
    expect(await auditOf(hub.url, 'action=hold:release')).toEqual([expect.objectContaining({ actor: 'Nguyễn Thị Lan', channel: 'console', detail: expect.objectContaining({ by: 'Nguyễn Thị Lan' }) })]);
  });
});

describe('automation: the schedule at start', () => {
  it('applies the entry in force once at start, audited with channel schedule, actor lịch and the entry id; GET /api/schedule says so', async () => {
    const a: Automation = { ...NO_AUTOMATION, schedule: [{ id: 'nua-dem', target: { layout: 'traffic' }, at: '00:00' }] };
    const hub = await testHub({ layouts: LAYOUTS, automation: a });
    try {
      await until(async () => (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout === 'traffic', 'the entry applied');
      const rows = await auditOf(hub.url, 'channel=schedule');
      expect(rows.map((r) => [r.action, r.actor, r.via, r.detail.layout])).toEqual([['layout', 'lịch', 'nua-dem', 'traffic']]);
      const answer = await schedule(hub.url);
      expect(answer.now).toMatchObject({ source: 'schedule', target: { layout: 'traffic' }, reason: 'nua-dem' });
      expect(answer.next[0]).toMatchObject({ entry: 'nua-dem', local: expect.stringMatching(/^\d{4}-\d\d-\d\d 00:00$/) });
      expect(answer.next[0]!.at).toBeGreaterThan(answer.hubTime);
    } finally {
      await hub.cleanup();
    }
  });
});

describe('automation problems', () => {
  it('lists entries naming a preset that does not exist', async () => {
    const a: Automation = { ...NO_AUTOMATION, takeover: { rules: [rule({ id: 'bao', target: { preset: 'khong-co' } })], minIntervalS: 60 } };
    const hub = await testHub({ layouts: LAYOUTS, automation: a });
    try {
      expect((await schedule(hub.url)).problems).toEqual(['takeover rule "bao": no preset "khong-co": it will not switch']);
      const saved = await api(hub.url, 'PUT', '/api/presets/khong-co', TOKENS.editor, { title: { vi: 'Bão' }, layout: 'flood', cameras: [], version: 0 });
      expect(saved.status).toBe(201);
      expect((await schedule(hub.url)).problems).toEqual([]); // an editor made it: the rule can run now
    } finally {
      await hub.cleanup();
    }
  });
});
