/**
 * Electron's certificate check for the hub against a stand-in session: the hub's host is trusted
 * only with the configured CA or pin, other hosts keep Chromium's verdict, and a trust setting that
 * could not be read refuses the hub (never trusts it unchecked), each refusal logged once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHubTrust, HubTrustError } from '../node/hub-trust.js';
import { tempDir } from '../../test/support/hub-fixtures.js';
import { testPki, type TestPki } from '../../test/support/tls-fixtures.js';
import { trustHubCertificates, type CertificateSession, type CertificateVerifyRequest, type ElectronCertificate } from './hub-certificates.js';

/** Electron's Certificate of a PEM chain, leaf first: each one's issuerCert is the next. */
function electronChain(pems: string[]): ElectronCertificate {
  const certs: ElectronCertificate[] = pems.map((data) => ({ data }));
  certs.forEach((c, i) => (c.issuerCert = certs[i + 1] ?? c));
  return certs[0]!;
}

function pemsOf(chain: string): string[] {
  return chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
}

function installed(hubUrl: string | string[], trust: Parameters<typeof trustHubCertificates>[2]): { verdict(r: CertificateVerifyRequest): number; log: string[] } {
  let proc: Parameters<CertificateSession['setCertificateVerifyProc']>[0] | undefined;
  const log: string[] = [];
  trustHubCertificates({ setCertificateVerifyProc: (p) => (proc = p) }, hubUrl, trust, (m) => log.push(m));
  return {
    log,
    verdict: (r) => {
      let v = NaN;
      proc!(r, (x) => (v = x));
      return v;
    },
  };
}

describe('the hub certificate check in Electron', () => {
  const tmp = tempDir('wallrun-electron-tls-');
  let pki: TestPki;
  beforeAll(async () => {
    pki = await testPki(tmp.dir);
  });
  afterAll(() => tmp.remove());

  it('trusts the hub host with the configured CA, refuses it with another CA, and leaves other hosts to Chromium', () => {
    const chain = electronChain(pemsOf(pki.tls.cert));
    const good = installed('https://127.0.0.1:7400', loadHubTrust({ caFile: pki.caFile })!);
    expect(good.verdict({ hostname: '127.0.0.1', certificate: chain })).toBe(0);
    expect(good.verdict({ hostname: 'tiles.example.org', certificate: chain })).toBe(-3);
    expect(good.log).toEqual([`hub: its certificate must match CA ${pki.caFile}`]);

    const wrong = installed('https://127.0.0.1:7400', loadHubTrust({ caFile: pki.wrongCaFile })!);
    expect(wrong.verdict({ hostname: '127.0.0.1', certificate: chain })).toBe(-2);
    expect(wrong.verdict({ hostname: '127.0.0.1', certificate: chain })).toBe(-2);
    expect(wrong.log.slice(1)).toEqual([
      `hub https://127.0.0.1:7400 refused: the hub's certificate (issued by CN=wallrun test CA) is not signed by the configured CA ${pki.wrongCaFile}`,
    ]);
  });

  it('with a pinned fingerprint: the pinned certificate only', () => {
    const chain = electronChain(pemsOf(pki.tls.cert));
    expect(installed('https://localhost:7400', loadHubTrust({ fingerprint: pki.fingerprint })!).verdict({ hostname: 'localhost', certificate: chain })).toBe(0);
    const caOnly = electronChain(pemsOf(pki.tls.cert).slice(1)); // the CA's own certificate is not the hub's
    expect(installed('https://localhost:7400', loadHubTrust({ fingerprint: pki.fingerprint })!).verdict({ hostname: 'localhost', certificate: caOnly })).toBe(-2);
  });

  it('a trust setting that could not be read refuses the hub, saying why', () => {
    const broken = installed('https://[::1]:7400', new HubTrustError('hub CA /etc/wallrun/ca.pem: cannot read it (ENOENT)'));
    expect(broken.verdict({ hostname: '::1', certificate: electronChain(pemsOf(pki.tls.cert)) })).toBe(-2);
    expect(broken.log[0]).toBe('hub: refused until fixed: hub CA /etc/wallrun/ca.pem: cannot read it (ENOENT)');
  });

  it('with several hubs (an active/standby group), checks each of their hosts and leaves other hosts to Chromium', () => {
    const chain = electronChain(pemsOf(pki.tls.cert));
    const group = installed(['https://127.0.0.1:7400', 'https://localhost:7400'], loadHubTrust({ caFile: pki.caFile })!);
    expect(group.verdict({ hostname: '127.0.0.1', certificate: chain })).toBe(0);
    expect(group.verdict({ hostname: 'localhost', certificate: chain })).toBe(0);
    expect(group.verdict({ hostname: 'tiles.example.org', certificate: chain })).toBe(-3);
    const wrong = installed(['https://127.0.0.1:7400', 'https://localhost:7400'], loadHubTrust({ caFile: pki.wrongCaFile })!);
    expect(wrong.verdict({ hostname: 'localhost', certificate: chain })).toBe(-2);
    expect(wrong.log[1]).toMatch(/^hub https:\/\/localhost:7400 refused: /);
  });
});
