/**
 * A sub-centre's message sequence is always its stream sequence (forwarder.ts publish): a publish
 * whose predecessor is not the stream's last is refused (503 federation-unavailable), the next one
 * continues from the stream's last, and a restarted forwarder never reuses an id. Real nats-server.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/core/files/federation-model.js';
import { SubCentreForwarder } from '../../src/hub/federation/forwarder.js';
import { tempDir } from '../support/hub-fixtures.js';
import { startNatsPair, type NatsPair } from './nats-pair.js';

describe('SubCentreForwarder', () => {
  let nats: NatsPair;
  let nc: NatsConnection;
  const data = tempDir('wallrun-fwd-');
  const config = () => ({ role: 'sub-centre' as const, id: 'yen-chau', nats: nats.sub.url, forward: { topics: ['flood.**'], alerts: true }, retention: DEFAULT_RETENTION });
  const bodies = async (): Promise<number[]> => {
    const jsm = await nc.jetstreamManager();
    const last = (await jsm.streams.info('WALLRUN_FWD_YEN_CHAU')).state.last_seq;
    const out: number[] = [];
    for (let seq = 1; seq <= last; seq++) {
      const m = await jsm.streams.getMessage('WALLRUN_FWD_YEN_CHAU', { seq });
      out.push((JSON.parse(m.string()) as { seq?: number }).seq ?? -1);
    }
    return out;
  };

  beforeAll(async () => {
    nats = await startNatsPair('yen-chau');
    nc = await connect({ servers: nats.sub.url });
  }, 20_000);
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    data.remove();
  });

  it('keeps message ids equal to stream sequences through a stray message and a restart', async () => {
    let f = await SubCentreForwarder.start(config(), data.dir, Date.now, () => undefined);
    const update = (value: number) => [{ topic: 'flood.level.nam-pan', value, t: 1 }];
    await f.forwardUpdates(update(1));
    await f.forwardUpdates([{ topic: 'weather.rain.local', value: 0, t: 1 }]); // not forwarded: nothing stored
    await f.forwardUpdates(update(2));
    // Something else writes to the stream: the next publish's expectation fails, then it resyncs.
    await (await nc.jetstream()).publish('wallrun.fwd.yen-chau', new TextEncoder().encode('{}'));
    await expect(f.forwardUpdates(update(3))).rejects.toMatchObject({ status: 503, code: 'federation-unavailable' });
    await f.forwardUpdates(update(4));
    expect(await bodies()).toEqual([1, 2, -1, 4]);
    await f.destroy();

    f = await SubCentreForwarder.start(config(), data.dir, Date.now, () => undefined);
    await f.forwardUpdates(update(5));
    expect(await bodies()).toEqual([1, 2, -1, 4, 5]);
    expect((await f.health()).stream).toMatchObject({ name: 'WALLRUN_FWD_YEN_CHAU', messages: 5, lastSeq: 5 });
    await f.destroy();
  });
});
