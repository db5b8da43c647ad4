/**
 * Presets on a real in-process hub (src/hub/presets.ts): editors create, change and delete them,
 * naming the version they started from; operators only read and activate; activation reaches a
 * two-phase wall in the prepare and in the commit with the preset's cameras; presets survive a
 * hub restart; consoles hear of every change.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE } from '../../src/core/protocol/console-protocol.js';
import type { LayoutCommand, LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { layout, tile } from '../support/fixtures.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, tempDir, testHub, type RawWallSocket } from '../support/hub-fixtures.js';

const cell = { col: 0, row: 0, colSpan: 1, rowSpan: 1 };
const LAYOUTS = [
  layout('city', [
    tile({ id: 'cam-a', widget: 'camera', cell, props: { source: 'a.m3u8', label: { vi: 'Cầu A' } } }),
    tile({ id: 'cam-b', widget: 'camera', cell, props: { source: 'b.m3u8' } }),
    tile({ id: 'kpi', widget: 'kpi', cell, props: {} }),
  ]),
  layout('flood', [tile({ id: 'st-1', widget: 'camera', cell, props: { source: 'c.m3u8', label: { vi: 'Trạm C' } } })]),
];
const URBAN = { title: { vi: 'Ngập đô thị', en: 'Urban flooding' }, layout: 'flood', cameras: [{ tile: 'st-1', source: 'a.m3u8' }], version: 0 };

type Hub = Awaited<ReturnType<typeof testHub>>;

describe('presets (hub)', () => {
  const data = tempDir('wallrun-presets-');
  let hub: Hub;
  const sockets: (Socket | RawWallSocket)[] = [];
  const track = <S extends Socket | RawWallSocket>(s: S): S => (sockets.push(s), s);

  beforeAll(async () => {
    hub = await testHub({ dataDir: data.dir, layouts: LAYOUTS });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await hub?.destroy();
    data.remove();
  });

  it('lists the project’s layouts with their camera tiles and the camera catalogue to every reader', async () => {
    for (const token of [TOKENS.operator, TOKENS.editor, TOKENS.integration]) {
      const r = await api(hub.url, 'GET', '/api/presets', token);
      expect(r.status).toBe(200);
      expect(r.body.layouts.map((l: { id: string; cameraTiles: { id: string }[] }) => [l.id, l.cameraTiles.map((t) => t.id)])).toEqual([
        ['city', ['cam-a', 'cam-b']],
        ['flood', ['st-1']],
      ]);
      expect(r.body.cameras.map((c: { source: string }) => c.source)).toEqual(['a.m3u8', 'b.m3u8', 'c.m3u8']);
    }
    expect((await api(hub.url, 'GET', '/api/presets', TOKENS.wall)).status).toBe(403);
    expect((await api(hub.url, 'GET', '/api/presets', null)).status).toBe(401);
  });

  it('lets only editors create a preset; the hub fills in captions, versions and who, and audits it', async () => {
    for (const token of [TOKENS.operator, TOKENS.integration, TOKENS.wall]) {
      expect((await api(hub.url, 'PUT', '/api/presets/ngap-do-thi', token, URBAN)).status).toBe(403);
    }
    expect((await api(hub.url, 'GET', '/api/presets/ngap-do-thi', TOKENS.operator)).status).toBe(404);
    const created = await api(hub.url, 'PUT', '/api/presets/ngap-do-thi', TOKENS.editor, URBAN);
    expect(created.status).toBe(201);
    expect(created.body.preset).toMatchObject({
      id: 'ngap-do-thi',
      layout: 'flood',
      cameras: [{ tile: 'st-1', source: 'a.m3u8', label: { vi: 'Cầu A' } }],
      version: 1,
      updatedBy: 'Trần Văn Bình',
    });
    const audit = await api(hub.url, 'GET', '/api/audit', TOKENS.operator);
    expect(audit.body.audit[0]).toMatchObject({ action: 'preset:save', actor: 'Trần Văn Bình', role: 'editor', detail: { preset: 'ngap-do-thi', version: 1 } });
  });

  it('refuses a stale save or delete with the current preset, and keeps what is stored', async () => {
    const again = await api(hub.url, 'PUT', '/api/presets/ngap-do-thi', TOKENS.editor, URBAN);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('version-conflict');
    expect(again.body.current).toMatchObject({ id: 'ngap-do-thi', version: 1 });

    const v2 = await api(hub.url, 'PUT', '/api/presets/ngap-do-thi', TOKENS.editor, { ...URBAN, title: { vi: 'Ngập đô thị (sửa)' }, version: 1 });
    expect(v2.status).toBe(200);
    expect(v2.body.preset.version).toBe(2);
    const stale = await api(hub.url, 'PUT', '/api/presets/ngap-do-thi', TOKENS.editor, { ...URBAN, cameras: [], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('version 2');
    expect(stale.body.current.title).toEqual({ vi: 'Ngập đô thị (sửa)' });
    expect((await api(hub.url, 'DELETE', '/api/presets/ngap-do-thi?version=1', TOKENS.editor)).status).toBe(409);
    const stored = await api(hub.url, 'GET', '/api/presets/ngap-do-thi', TOKENS.operator);
    expect(stored.body.preset).toMatchObject({ version: 2, cameras: [{ tile: 'st-1', source: 'a.m3u8' }] });
  });

  it('refuses bad presets naming the field, and changes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/presets/Bad_Id', URBAN, 'bad preset id'],
      ['/api/presets/x', { ...URBAN, layout: 'nope' }, 'layout: no layout "nope"'],
      ['/api/presets/x', { ...URBAN, cameras: [{ tile: 'kpi', source: 'a.m3u8' }], layout: 'city' }, 'cameras[0].tile'],
      ['/api/presets/x', { ...URBAN, cameras: [{ tile: 'st-1', source: 'http://evil.example/s.m3u8' }] }, 'cameras[0].source'],
      ['/api/presets/x', { ...URBAN, title: { vi: '' } }, 'title'],
      ['/api/presets/x', { ...URBAN, extra: 1 }, 'extra'],
    ];
    for (const [url, body, expected] of cases) {
      const r = await api(hub.url, 'PUT', url, TOKENS.editor, body);
      expect(r.status, url).toBe(400);
      expect(`${r.body.error.message} ${(r.body.error.details ?? []).join(' ')}`).toContain(expected);
    }
    const list = await api(hub.url, 'GET', '/api/presets', TOKENS.operator);
    expect(list.body.presets.map((p: { id: string }) => p.id)).toEqual(['ngap-do-thi']);
  });

  it('activates a preset for operators through the two-phase switch, cameras in the prepare and the commit', async () => {
    const wall = track(rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, features: ['two-phase-switch'] }));
    await nextEvent(wall, 'snapshot');
    wall.on('layout:prepare', (p: LayoutPrepare) => wall.emit('layout:prepared', { switchId: p.switchId, ok: true }));
    const prepare = nextEvent<LayoutPrepare>(wall, 'layout:prepare');
    const commit = nextEvent<LayoutCommand>(wall, 'layout:switch');
    const r = await api(hub.url, 'POST', '/api/presets/ngap-do-thi/activate', TOKENS.operator, {});
    expect(r.status).toBe(202);
    const expected = { id: 'ngap-do-thi', version: 2, cameras: [{ tile: 'st-1', source: 'a.m3u8', label: { vi: 'Cầu A' } }] };
    expect((await prepare).preset).toEqual(expected);
    expect(await commit).toMatchObject({ layout: 'flood', by: 'Nguyễn Thị Lan', preset: expected });
    expect(r.body.switch).toMatchObject({ layout: 'flood', preset: { id: 'ngap-do-thi', version: 2 }, state: 'committed' });
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.preset.id).toBe('ngap-do-thi');
    expect((await api(hub.url, 'GET', '/api/presets', TOKENS.operator)).body.active).toEqual({ id: 'ngap-do-thi', version: 2 });

    // A plain layout switch shows the layout as its file says: no preset is active any more.
    const plain = nextEvent<LayoutCommand>(wall, 'layout:switch');
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.editor, { layout: 'flood' })).status).toBe(202);
    expect((await plain).preset).toBeUndefined();
    expect((await api(hub.url, 'GET', '/api/presets', TOKENS.operator)).body.active).toBeNull();
    expect((await api(hub.url, 'POST', '/api/presets/ngap-do-thi/activate', TOKENS.integration, {})).status).toBe(403);
    expect((await api(hub.url, 'POST', '/api/presets/khong-co/activate', TOKENS.operator, {})).status).toBe(404);
  });

  it('tells consoles of saves and deletes', async () => {
    const c = track(io(`${hub.url}${CONSOLE_NAMESPACE}`, { auth: { token: TOKENS.editor }, transports: ['websocket'], reconnection: false, forceNew: true }));
    expect(await nextEvent(c, 'hello')).toMatchObject({ role: 'editor' });
    const saved = nextEvent<{ id: string; version: number | null }>(c, 'presets:changed');
    expect((await api(hub.url, 'PUT', '/api/presets/tam', TOKENS.editor, { ...URBAN, version: 0 })).status).toBe(201);
    expect(await saved).toMatchObject({ id: 'tam', version: 1 });
    const deleted = nextEvent<{ id: string; version: number | null }>(c, 'presets:changed');
    expect((await api(hub.url, 'DELETE', '/api/presets/tam?version=1', TOKENS.editor)).status).toBe(200);
    expect(await deleted).toMatchObject({ id: 'tam', version: null });
    expect((await api(hub.url, 'DELETE', '/api/presets/tam?version=1', TOKENS.editor)).status).toBe(404);
  });

  it('keeps presets and the active one across a hub restart', async () => {
    expect((await api(hub.url, 'POST', '/api/presets/ngap-do-thi/activate', TOKENS.editor, {})).status).toBe(202);
    await hub.destroy();
    hub = await testHub({ dataDir: data.dir, layouts: LAYOUTS });
    const r = await api(hub.url, 'GET', '/api/presets', TOKENS.operator);
    expect(r.body.presets.map((p: { id: string; version: number }) => [p.id, p.version])).toEqual([['ngap-do-thi', 2]]);
    const wall = track(rawWall(hub.url));
    const snapshot = await nextEvent<{ layout: LayoutCommand | null }>(wall, 'snapshot');
    expect(snapshot.layout).toMatchObject({ layout: 'flood', preset: { id: 'ngap-do-thi', version: 2 } }); // a late wall shows the preset too
  });

  it('refuses to activate a preset the project no longer fits, naming what is gone', async () => {
    // The same data directory under a project whose flood layout lost its camera tile.
    await hub.destroy();
    const changed = [LAYOUTS[0]!, layout('flood', [tile({ id: 'st-1', widget: 'kpi', cell, props: {} })])];
    hub = await testHub({ dataDir: data.dir, layouts: changed });
    const r = await api(hub.url, 'POST', '/api/presets/ngap-do-thi/activate', TOKENS.operator, {});
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('preset-stale');
    expect(r.body.error.details.join(' ')).toContain('cameras[0].tile');
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.preset.version).toBe(2); // unchanged
    expect((await api(hub.url, 'POST', '/api/presets/khong-co/activate', TOKENS.operator, {}, { 'X-Wallrun-Client': 'console' })).status).toBe(404);
    const failed = (await api(hub.url, 'GET', '/api/audit?action=layout:failed&limit=2', TOKENS.operator)).body.audit; // newest first
    expect(failed).toEqual([
      expect.objectContaining({ actor: 'Nguyễn Thị Lan', channel: 'console', detail: { code: 'unknown-preset', reason: 'no preset "khong-co"', preset: 'khong-co' } }),
      expect.objectContaining({ channel: 'rest', detail: expect.objectContaining({ code: 'preset-stale', preset: 'ngap-do-thi', layout: 'flood', presetVersion: 2 }) }),
    ]);
    expect(failed[1].detail.reason).toContain('cameras[0].tile');
  });
});
