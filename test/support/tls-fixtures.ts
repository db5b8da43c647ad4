/**
 * Certificates for TLS tests, made here with the `selfsigned` library directly (not with the
 * product's demo certificate code, which has tests of its own): a test CA and a hub certificate it
 * signs for 127.0.0.1 and localhost, a second CA that signed nothing of the hub's (the "wrong CA"),
 * and JSON over HTTPS with a chosen trust, since Node's fetch cannot take a CA.
 */
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { HubTls } from '../../src/hub/transport.js';

export interface TestPki {
  tls: HubTls;
  caFile: string;
  caPem: string;
  /** A CA that did not sign the hub's certificate. */
  wrongCaFile: string;
  /** The hub certificate's SHA-256 fingerprint, `AB:CD:…`. */
  fingerprint: string;
}

async function makeCa(name: string): Promise<{ cert: string; key: string }> {
  const ca = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { cert: ca.cert, key: ca.private };
}

/** A CA, a hub certificate it signs (127.0.0.1, localhost) and a wrong CA, as files in `dir`. */
export async function testPki(dir: string, hosts: { dns?: string[]; ips?: string[] } = {}): Promise<TestPki> {
  const ca = await makeCa('wallrun test CA');
  const wrong = await makeCa('wallrun test CA (wrong)');
  const dns = hosts.dns ?? ['localhost'];
  const ips = hosts.ips ?? ['127.0.0.1'];
  const leaf = await generate([{ name: 'commonName', value: 'wallrun test hub' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  const files = { ca: join(dir, 'ca.pem'), wrong: join(dir, 'wrong-ca.pem'), cert: join(dir, 'hub-cert.pem'), key: join(dir, 'hub-key.pem') };
  writeFileSync(files.ca, ca.cert);
  writeFileSync(files.wrong, wrong.cert);
  writeFileSync(files.cert, `${leaf.cert.trim()}\n${ca.cert.trim()}\n`);
  writeFileSync(files.key, leaf.private, { mode: 0o600 });
  return {
    tls: { cert: `${leaf.cert.trim()}\n${ca.cert.trim()}\n`, key: leaf.private, certFile: files.cert, keyFile: files.key },
    caFile: files.ca,
    caPem: ca.cert,
    wrongCaFile: files.wrong,
    fingerprint: new X509Certificate(leaf.cert).fingerprint256,
  };
}

/** A JSON call over HTTPS trusting only `caPem`; rejects on a TLS failure (the message says why). */
export function httpsJson(base: string, method: string, path: string, token: string | null, caPem: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${base}${path}`,
      {
        method,
        ca: caPem,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(data ? { 'Content-Type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.once('error', reject);
    req.end(data);
  });
}
