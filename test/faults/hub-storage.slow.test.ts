/**
 * Faults: the hub's database locked by another process, and the disk full (a file-size limit on
 * the hub child). REST answers a clear 503 (storage-busy) or 507 (storage-full) naming the cause;
 * what was stored before is still read and kept; published values accepted meanwhile are stored
 * when the fault ends; writes succeed again after it, and a restart finds everything.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, TOKENS, TOKEN_SPECS, tempDir, until } from '../support/hub-fixtures.js';
import { buildHubEntry, spawnHub, type HubProcess } from '../support/hub-process.js';
import { fileSizeLimit, holdExclusiveLock, liftFileSizeLimit } from './storage-faults.js';

const TOPIC = 'flood.water-level.song-ganh-hao';
const alertBody = (id: string) => ({ id, severity: 'major', sector: 'flood', area: 'TP. Cà Mau', title: `Ngập sâu tại ${id} `.padEnd(190, '·'), message: 'Mực nước '.padEnd(1000, '·') });

describe('fault: hub storage', () => {
  const hubs: HubProcess[] = [];
  const dirs: { remove(): void }[] = [];
  const start = async (dataDir: string, prefix: string[] = []): Promise<HubProcess> => {
    const hub = await spawnHub({ port: 0, dataDir, tokens: TOKEN_SPECS, flushMs: 50 }, 20_000, prefix);
    hubs.push(hub);
    return hub;
  };
  const data = (): string => {
    const tmp = tempDir('wallrun-fault-storage-');
    dirs.push(tmp);
    return path.join(tmp.dir, 'hub');
  };
  beforeAll(async () => {
    await buildHubEntry();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.stop()));
    for (const d of dirs.splice(0)) d.remove();
  });

  /** Asserts a storage refusal: its status, code, a message naming hub.sqlite, and Retry-After. */
  const expectRefused = (r: Awaited<ReturnType<typeof api>>, status: number, code: string): void => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error).toMatchObject({ code, message: expect.stringContaining('hub.sqlite') });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  };
  const alertIds = async (hub: HubProcess): Promise<string[]> =>
    ((await api(hub.url, 'GET', '/api/alerts?limit=1000', TOKENS.operator)).body.alerts as { id: string }[]).map((a) => a.id).sort();
  const publish = (hub: HubProcess, value: unknown) => api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value }] });
  const storedValue = async (dir: string): Promise<unknown> => {
    const hub = await start(dir);
    const topics = (await api(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator)).body.topics as { topic: string; value?: unknown }[];
    return { alerts: await alertIds(hub), value: topics.find((t) => t.topic === TOPIC)?.value };
  };

  it('database locked: 503 storage-busy, stored alerts still read, values kept in memory; writes succeed once the lock is gone', async () => {
    const dir = data();
    const hub = await start(dir);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, alertBody('before-lock'))).status).toBe(201);
    expect((await publish(hub, 1.1)).status).toBe(202);
    const lock = await holdExclusiveLock(path.join(dir, 'hub.sqlite'));
    expectRefused(await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, alertBody('during-lock')), 503, 'storage-busy');
    expect(await alertIds(hub)).toEqual(['before-lock']);
    // A value published meanwhile is accepted (it lives in memory) and the timed flush, which cannot
    // write, keeps it instead of crashing the hub.
    expect((await publish(hub, 1.2)).status).toBe(202);
    await until(() => hub.stderr().includes('topic values are kept in memory'), 'the flush reports the lock', 15_000);
    await lock.release();
    await until(() => hub.stderr().includes('topic values are stored again'), 'the flush stores again', 15_000);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, alertBody('after-lock'))).status).toBe(201);
    expect(hub.child.exitCode).toBeNull();
    await hub.stop();
    expect(await storedValue(dir)).toEqual({ alerts: ['after-lock', 'before-lock'], value: 1.2 });
  });

  it('disk full (file-size limit): 507 storage-full, nothing stored is lost, writes succeed once there is room', async () => {
    const dir = data();
    await (await start(dir)).stop();
    // The limit is a little above the largest file SQLite keeps (the WAL may not be checkpointed).
    const size = Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).size));
    const hub = await start(dir, fileSizeLimit(size + 64 * 1024));
    const stored: string[] = [];
    let refused: Awaited<ReturnType<typeof api>> | null = null;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, alertBody(`a-${String(i).padStart(3, '0')}`));
      if (r.status === 201) stored.push(`a-${String(i).padStart(3, '0')}`);
      else refused = r;
    }
    expect(stored.length).toBeGreaterThan(0);
    expectRefused(refused!, 507, 'storage-full');
    expect(await alertIds(hub)).toEqual(stored);
    // A value larger than the room left (40 strings of 1,900 characters): the timed flush cannot write it.
    const big = Array.from({ length: 40 }, (_, i) => `mực nước trạm ${i} `.padEnd(1900, '·'));
    expect((await publish(hub, big)).status).toBe(202);
    await until(() => hub.stderr().includes('topic values are kept in memory'), 'the flush reports the full disk', 15_000);

    liftFileSizeLimit(hub.child.pid!);
    await until(() => hub.stderr().includes('topic values are stored again'), 'the flush stores again', 15_000);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, alertBody('after-full'))).status).toBe(201);
    await hub.stop();
    expect(await storedValue(dir)).toEqual({ alerts: [...stored, 'after-full'].sort(), value: big });
  });
});
