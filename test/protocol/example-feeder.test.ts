// docs/example-feeder.mjs runs as documented against a real hub over TLS (its CA given the
// documented way, NODE_EXTRA_CA_CERTS): values published, alert raised.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandbyFront } from '../../src/hub/leadership/standby-front.js';
import { TOKENS, tempDir, testHub } from '../support/hub-fixtures.js';
import { httpsJson, testPki } from '../support/tls-fixtures.js';

describe('docs/example-feeder.mjs', () => {
  let hub: Awaited<ReturnType<typeof testHub>> | null = null;
  const tmp = tempDir('wallrun-feeder-');
  afterEach(async () => {
    await hub?.cleanup();
    tmp.remove();
  });

  it('publishes data and raises an alert over REST', async () => {
    const pki = await testPki(tmp.dir);
    hub = await testHub({ tls: pki.tls, insecure: false });
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['docs/example-feeder.mjs', '--hub', hub!.url, '--rounds', '3', '--interval-ms', '10'], {
        env: { ...process.env, WALLRUN_TOKEN: TOKENS.integration, NODE_EXTRA_CA_CERTS: pki.caFile },
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (c) => resolve({ code: c, out }));
    });
    expect(code, out).toBe(0);
    expect(out).toContain('raised alert ganh-hao-bd1-');
    const topics = (await httpsJson(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator, pki.caPem)).body.topics;
    expect(topics.find((t: { topic: string }) => t.topic === 'flood.water-level.song-ganh-hao').value).toBe(1.1);
    const alerts = (await httpsJson(hub.url, 'GET', '/api/alerts?sector=flood', TOKENS.operator, pki.caPem)).body.alerts;
    expect(alerts).toEqual([expect.objectContaining({ severity: 'minor', state: 'active', source: 'he-thong-thuy-van' })]);
    expect(alerts[0].message).toContain('gia cố bờ bao');
  });

  it('given a standby first in --hub, goes to the leader it names', async () => {
    const own = tempDir('wallrun-feeder-standby-');
    const pki = await testPki(own.dir);
    hub = await testHub({ tls: pki.tls, insecure: false });
    const front = await startStandbyFront({ transport: { tls: pki.tls }, port: 0, host: '127.0.0.1', leader: () => hub!.url });
    try {
      const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['docs/example-feeder.mjs', '--hub', `${front.url},${hub!.url}`, '--rounds', '1', '--interval-ms', '10'], {
          env: { ...process.env, WALLRUN_TOKEN: TOKENS.integration, NODE_EXTRA_CA_CERTS: pki.caFile },
        });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (out += c));
        child.on('close', (c) => resolve({ code: c, out }));
      });
      expect(code, out).toBe(0);
      expect(out).toContain(`connected to ${hub.url} as`);
      const topics = (await httpsJson(hub.url, 'GET', '/api/topics?values=true', TOKENS.operator, pki.caPem)).body.topics;
      expect(topics.find((t: { topic: string }) => t.topic === 'flood.water-level.song-ganh-hao').value).toBe(1.1);
    } finally {
      await front.close();
      own.remove();
    }
  });

  it('says what is wrong without a token', async () => {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const env = { ...process.env };
      delete env.WALLRUN_TOKEN;
      const child = spawn(process.execPath, ['docs/example-feeder.mjs'], { env });
      let out = '';
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (c) => resolve({ code: c, out }));
    });
    expect(code).toBe(2);
    expect(out).toContain('WALLRUN_TOKEN');
  });
});
