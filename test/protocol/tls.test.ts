/**
 * Encrypted hub links (docs/security.md, "Encrypted hub links"): the hub answers HTTPS and WSS
 * only with a certificate, or plain HTTP when told `insecure`, saying so; a client that trusts the
 * hub's CA or pins its fingerprint gets in, one that trusts another CA or pin is refused, naming
 * why. Certificates are made by test/support/tls-fixtures.ts, not by the product.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, WALL_NAMESPACE } from '../../src/core/protocol/protocol.js';
import { loadHubTrust, nodeTlsOptions, probeHubCertificate, spkiHash } from '../../src/node/hub-trust.js';
import { startHub } from '../../src/hub/server.js';
import { api, IDENTITY, nextEvent, tempDir, testHub, TOKEN_SPECS, TOKENS } from '../support/hub-fixtures.js';
import { httpsJson, testPki, type TestPki } from '../support/tls-fixtures.js';

describe('the hub over TLS', () => {
  const tmp = tempDir('wallrun-tls-');
  let pki: TestPki;
  let hub: Awaited<ReturnType<typeof testHub>>;
  const logged: string[] = [];
  beforeAll(async () => {
    pki = await testPki(tmp.dir);
    hub = await testHub({ tls: pki.tls, insecure: false, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await hub?.cleanup();
    tmp.remove();
  });

  it('serves https:// and says so on /healthz, with no warning', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await httpsJson(hub.url, 'GET', '/healthz', null, pki.caPem)).body).toMatchObject({ ok: true, transport: 'tls' });
    expect((await httpsJson(hub.url, 'GET', '/healthz', null, pki.caPem)).body.warning).toBeUndefined();
    expect(logged.filter((m) => /warning/.test(m))).toEqual([]);
  });

  it('plain HTTP on the TLS port gets no answer', async () => {
    await expect(api(hub.url.replace('https:', 'http:'), 'GET', '/healthz', null)).rejects.toThrow();
  });

  it('a wall trusting the CA connects over WSS and gets its snapshot; one trusting another CA gets connect_error, not a hang', async () => {
    const trust = loadHubTrust({ caFile: pki.caFile })!;
    const good = io(`${hub.url}${WALL_NAMESPACE}`, {
      auth: { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...nodeTlsOptions(trust),
    });
    try {
      const snapshot = nextEvent(good, 'snapshot');
      good.connect();
      expect(await snapshot).toMatchObject({ protocol: PROTOCOL_VERSION, values: expect.any(Array) });
    } finally {
      good.close();
    }
    const wrong = io(`${hub.url}${WALL_NAMESPACE}`, {
      auth: { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...nodeTlsOptions(loadHubTrust({ caFile: pki.wrongCaFile })!),
    });
    try {
      const refused = nextEvent<Error>(wrong, 'connect_error');
      wrong.connect();
      expect((await refused).message).toMatch(/websocket error/i);
    } finally {
      wrong.close();
    }
  });

  it('probe: the right CA or pin yields the hub key; a wrong CA, a wrong pin and a plain-HTTP hub are refused naming why', async () => {
    const leaf = await probeHubCertificate(hub.url, loadHubTrust({ caFile: pki.caFile })!);
    expect(leaf.fingerprint256).toBe(pki.fingerprint);
    expect(spkiHash(leaf)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await probeHubCertificate(hub.url, loadHubTrust({ fingerprint: pki.fingerprint.replace(/:/g, '').toLowerCase() })!)).fingerprint256).toBe(pki.fingerprint);
    await expect(probeHubCertificate(hub.url, loadHubTrust({ caFile: pki.wrongCaFile })!)).rejects.toThrow(
      `hub ${hub.url} refused: the hub's certificate (issued by CN=wallrun test CA) is not signed by the configured CA ${pki.wrongCaFile}`,
    );
    const otherPin = `sha256:${'AB:'.repeat(31)}AB`;
    await expect(probeHubCertificate(hub.url, loadHubTrust({ fingerprint: otherPin })!)).rejects.toThrow(`not the pinned ${'AB:'.repeat(31)}AB`);
    const plain = await testHub();
    try {
      await expect(probeHubCertificate(plain.url.replace('http:', 'https:'), loadHubTrust({ caFile: pki.caFile })!)).rejects.toThrow(/does not speak TLS/);
    } finally {
      await plain.cleanup();
    }
  });

  it('a certificate for another host is refused even from the right CA', async () => {
    const dir = tempDir('wallrun-tls-other-');
    const other = await testPki(dir.dir, { dns: ['hub.example.org'], ips: ['10.9.9.9'] });
    const h = await testHub({ tls: other.tls, insecure: false });
    try {
      await expect(probeHubCertificate(h.url, loadHubTrust({ caFile: other.caFile })!)).rejects.toThrow(/is not for 127\.0\.0\.1/);
    } finally {
      await h.cleanup();
      dir.remove();
    }
  });
});

describe('what the hub is given to listen with', () => {
  it('neither a certificate nor insecure: refuses to start, naming both ways', async () => {
    const tmp = tempDir();
    try {
      await expect(startHub({ dataDir: tmp.dir, tokens: TOKEN_SPECS, log: () => undefined })).rejects.toThrow(
        'the hub serves HTTPS only: give a certificate and key (--tls-cert, --tls-key) or, for plain HTTP on purpose, --insecure',
      );
    } finally {
      tmp.remove();
    }
  });

  it('a key of another certificate, or a file that is no certificate, is refused naming the files', async () => {
    const tmp = tempDir();
    try {
      const a = await testPki(tmp.dir);
      const keyOfA = a.tls.key;
      const b = await testPki(tempDir().dir);
      await expect(startHub({ dataDir: tmp.dir, tokens: TOKEN_SPECS, log: () => undefined, tls: { ...b.tls, key: keyOfA, keyFile: a.tls.keyFile! } })).rejects.toThrow(
        `TLS key ${a.tls.keyFile} does not belong to TLS certificate ${b.tls.certFile}`,
      );
      await expect(startHub({ dataDir: tmp.dir, tokens: TOKEN_SPECS, log: () => undefined, tls: { cert: 'hello', key: keyOfA, certFile: '/x/cert.pem' } })).rejects.toThrow(
        'TLS certificate /x/cert.pem: not a PEM certificate',
      );
    } finally {
      tmp.remove();
    }
  });

  it('insecure: warns in the log and on /healthz', async () => {
    const logged: string[] = [];
    const hub = await testHub({ log: (m) => logged.push(m) });
    try {
      expect(hub.url).toMatch(/^http:\/\//);
      expect(logged.some((m) => m.startsWith('warning: plain HTTP (--insecure)'))).toBe(true);
      const health = await api(hub.url, 'GET', '/healthz', null);
      expect(health.body).toMatchObject({ transport: 'insecure', warning: expect.stringContaining('unencrypted') });
    } finally {
      await hub.cleanup();
    }
  });

  it('a trust file that cannot be read, or a pin that is no SHA-256, is refused naming it', () => {
    expect(() => loadHubTrust({ caFile: '/nonexistent/ca.pem' })).toThrow('hub CA /nonexistent/ca.pem: cannot read it (ENOENT)');
    expect(() => loadHubTrust({ fingerprint: 'AB:CD' })).toThrow('hub fingerprint "AB:CD" is not a SHA-256 fingerprint');
    expect(loadHubTrust({})).toBeNull();
  });
});
