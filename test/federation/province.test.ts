/**
 * The province's reading loop (province.ts) over real nats-servers: a batch whose apply fails (the
 * store refused an alert change) is applied again from the failed message on, before anything
 * newer, and each message once: nothing newer is applied first and then skipped on its return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/core/files/federation-model.js';
import type { Alert } from '../../src/core/protocol/alerts.js';
import { SubCentreForwarder } from '../../src/hub/federation/forwarder.js';
import { ProvinceFederation } from '../../src/hub/federation/province.js';
import { SqliteStore } from '../../src/hub/storage/sqlite/sqlite-store.js';
import { tempDir, until } from '../support/hub-fixtures.js';
import { startNatsPair, type NatsPair } from './nats-pair.js';

const actor = { name: 'Cầm Văn Thắng', role: 'operator', via: 't', channel: 'rest' as const };
const alert = (id: string): Alert => ({ id, severity: 'major', sector: 'flood', area: 'Yên Châu', source: 's', title: 'Lũ', message: '', state: 'active', raisedAt: 1, updatedAt: 1 });

describe('ProvinceFederation', () => {
  let nats: NatsPair;
  const dirs = [tempDir('wallrun-prov-'), tempDir('wallrun-sub-')];
  afterAll(async () => {
    await nats?.stop();
    for (const d of dirs) d.remove();
  });
  beforeAll(async () => {
    nats = await startNatsPair('yen-chau');
  }, 20_000);

  it('re-applies a failed batch from the failure on, in order, each message once', async () => {
    const store = SqliteStore.open(dirs[0]!.dir);
    const applied: string[] = [];
    let refuseOnce = true;
    const province = await ProvinceFederation.start(
      { role: 'province', id: 'son-la', nats: nats.province.url, subCentres: ['yen-chau'], retention: DEFAULT_RETENTION },
      {
        store: store.federation,
        publishTopics: (u) => void applied.push(...u.map((x) => `${x.topic}=${String(x.value)}`)),
        flushTopics: async () => undefined,
        applyAlert: async (kind, a, by, mark) => {
          if (refuseOnce) {
            refuseOnce = false;
            throw new Error('database is locked');
          }
          await store.federation.applyAlert(a, 'raise', by, 1, null, mark);
          applied.push(`${kind} ${a.id}`);
        },
      },
      dirs[0]!.dir,
      Date.now,
      () => undefined,
    );
    const sub = await SubCentreForwarder.start(
      { role: 'sub-centre', id: 'yen-chau', nats: nats.sub.url, forward: { topics: ['flood.**'], alerts: true }, retention: DEFAULT_RETENTION },
      dirs[1]!.dir,
      Date.now,
      () => undefined,
    );
    try {
      await sub.forwardUpdates([{ topic: 'flood.level.chieng-hac', value: 1, t: 1 }]);
      await sub.forwardAlert('raised', alert('lu-1'), actor);
      await sub.forwardUpdates([{ topic: 'flood.level.chieng-hac', value: 2, t: 2 }]);
      await until(() => applied.length >= 3, 'three messages applied', 15_000);
      await until(async () => (await province.health()).subCentres[0]!.backlog === 0, 'no backlog', 10_000);
      expect(applied).toEqual(['yen-chau.flood.level.chieng-hac=1', 'raised yen-chau:lu-1', 'yen-chau.flood.level.chieng-hac=2']);
      expect(await store.federation.loadApplied()).toMatchObject([{ subCentre: 'yen-chau', seq: 3 }]);
    } finally {
      await sub.destroy();
      await province.destroy();
      await store.destroy();
    }
  }, 30_000);
});
