/**
 * The demo's TLS: a private CA made for this data folder and a hub certificate it signs, for
 * localhost, this machine's name and addresses. Walls of the demo trust `demo-ca.pem` (the CA's
 * key is thrown away once it has signed, so nothing else can be signed with it). Kept between runs
 * and remade when it lapses within 30 days or does not name a host the hub now answers on. A real
 * site uses its own certificate (docs/security.md, "Encrypted hub links").
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../storage/private-files.js';
import type { HubTls } from '../transport.js';

export interface DemoCertificate {
  tls: HubTls;
  /** The CA file walls trust (WALLRUN_HUB_CA). */
  caFile: string;
  /** The hub certificate's SHA-256 fingerprint (WALLRUN_HUB_FINGERPRINT, browsers show it). */
  fingerprint: string;
  /** True when made in this call (the hub says so at start). */
  created: boolean;
}

const LEAF_DAYS = 397;
const RENEW_WITHIN_MS = 30 * 86_400_000;

/** The names and addresses the certificate must hold for a hub bound to `host`. */
export function demoCertificateHosts(host: string): { dns: string[]; ips: string[] } {
  const dns = new Set(['localhost', hostname()]);
  const ips = new Set(['127.0.0.1', '::1']);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal) ips.add(a.address.replace(/%.*$/, ''));
  } else if (/^[\d.]+$|:/.test(host)) ips.add(host);
  else dns.add(host);
  return { dns: [...dns].filter(Boolean), ips: [...ips] };
}

function covers(cert: X509Certificate, hosts: { dns: string[]; ips: string[] }): boolean {
  return hosts.dns.every((h) => cert.checkHost(h) !== undefined) && hosts.ips.every((ip) => cert.checkIP(ip) !== undefined);
}

function reusable(dir: string, hosts: { dns: string[]; ips: string[] }, now: number): DemoCertificate | null {
  const [caFile, certFile, keyFile] = [join(dir, 'demo-ca.pem'), join(dir, 'hub-cert.pem'), join(dir, 'hub-key.pem')];
  if (![caFile, certFile, keyFile].every((f) => existsSync(f))) return null;
  try {
    const tls = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
    const leaf = new X509Certificate(tls.cert);
    const ca = new X509Certificate(readFileSync(caFile, 'utf8'));
    const fresh = new Date(leaf.validTo).getTime() - now > RENEW_WITHIN_MS && new Date(leaf.validFrom).getTime() <= now;
    if (!fresh || !covers(leaf, hosts) || !leaf.verify(ca.publicKey)) return null;
    return { tls, caFile, fingerprint: leaf.fingerprint256, created: false };
  } catch {
    return null; // unreadable or damaged: made again
  }
}

/** The demo certificate of `dataDir` for a hub bound to `host`, made when missing or unfit. */
export async function ensureDemoCertificate(dataDir: string, host: string, now = Date.now()): Promise<DemoCertificate> {
  const dir = join(dataDir, 'tls');
  const hosts = demoCertificateHosts(host);
  const kept = reusable(dir, hosts, now);
  if (kept) return kept;
  ensurePrivateDir(dataDir);
  ensurePrivateDir(dir);
  const notBeforeDate = new Date(now - 60_000);
  const notAfterDate = new Date(now + LEAF_DAYS * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: `wallrun demo CA (${hostname()})` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'wallrun hub (demo)' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...hosts.dns.map((value) => ({ type: 2 as const, value })), ...hosts.ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  const [caFile, certFile, keyFile] = [join(dir, 'demo-ca.pem'), join(dir, 'hub-cert.pem'), join(dir, 'hub-key.pem')];
  writeFileSync(keyFile, leaf.private, { mode: PRIVATE_FILE_MODE });
  writeFileSync(certFile, `${leaf.cert.trim()}\n${ca.cert.trim()}\n`, { mode: PRIVATE_FILE_MODE });
  writeFileSync(caFile, `${ca.cert.trim()}\n`, { mode: 0o644 }); // public: walls read it
  const tls = { cert: readFileSync(certFile, 'utf8'), key: leaf.private, certFile, keyFile };
  return { tls, caFile, fingerprint: new X509Certificate(leaf.cert).fingerprint256, created: true };
}
