/**
 * The demo's TLS pair: a CA-signed hub certificate for the names the hub answers on, the key
 * private to the hub's user, kept between runs and made again when it no longer fits.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import { checkHubTls } from '../transport.js';
import { ensureDemoCertificate } from './demo-certificate.js';

describe('the demo certificate', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('is signed by the demo CA, names localhost and 127.0.0.1, keeps its key 600, and passes the hub\'s own check', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const made = await ensureDemoCertificate(tmp.dir, '127.0.0.1');
    expect(made.created).toBe(true);
    expect(made.caFile).toBe(join(tmp.dir, 'tls', 'demo-ca.pem'));
    const ca = new X509Certificate(readFileSync(made.caFile));
    const leaf = new X509Certificate(made.tls.cert);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.fingerprint256).toBe(made.fingerprint);
    expect(statSync(made.tls.keyFile!).mode & 0o777).toBe(0o600);
    expect(statSync(join(tmp.dir, 'tls')).mode & 0o777).toBe(0o700);
    expect(checkHubTls(made.tls)).toEqual({}); // in date for more than 30 days
    // No CA key is kept: nothing else can be signed with it.
    expect(readFileSync(made.caFile, 'utf8')).not.toMatch(/PRIVATE KEY/);
    expect(readFileSync(made.tls.certFile!, 'utf8')).not.toMatch(/PRIVATE KEY/);
  });

  it('is kept between runs, and made again for a host it does not name or when it lapses within 30 days', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const first = await ensureDemoCertificate(tmp.dir, '127.0.0.1');
    const again = await ensureDemoCertificate(tmp.dir, '127.0.0.1');
    expect(again).toMatchObject({ created: false, fingerprint: first.fingerprint });
    const otherHost = await ensureDemoCertificate(tmp.dir, '10.77.0.5');
    expect(otherHost.created).toBe(true);
    expect(new X509Certificate(otherHost.tls.cert).checkIP('10.77.0.5')).toBe('10.77.0.5');
    const later = Date.now() + 380 * 86_400_000; // 397-day certificate, 17 days left
    const renewed = await ensureDemoCertificate(tmp.dir, '10.77.0.5', later);
    expect(renewed.created).toBe(true);
    expect(new Date(new X509Certificate(renewed.tls.cert).validTo).getTime()).toBeGreaterThan(later + 300 * 86_400_000);
  });
});
