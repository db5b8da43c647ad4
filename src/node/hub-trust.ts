/**
 * How a wall, the demo and Node integrations decide that the hub they reached is theirs: its
 * certificate chains to a configured CA (`WALLRUN_HUB_CA`, a PEM file) or has a pinned SHA-256
 * fingerprint (`WALLRUN_HUB_FINGERPRINT`, as `openssl x509 -fingerprint -sha256` and browsers
 * print it). Without either, the system's trust store decides, as for any HTTPS site. One
 * verification for every shell: Electron's certificate check and the browser shell's probe both
 * call `checkHubCertificate` (docs/security.md, "Encrypted hub links").
 */
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';

export interface HubTrustSpec {
  /** A PEM file with the CA (or CAs) that signed the hub's certificate. */
  caFile?: string;
  /** The hub certificate's SHA-256 fingerprint: hex, colons optional, `sha256:` prefix optional. */
  fingerprint?: string;
}

export interface HubTrust {
  readonly cas: readonly X509Certificate[];
  /** Upper-case hex with colons, as openssl prints it. */
  readonly fingerprint: string | null;
  /** What is trusted, for logs and errors: `CA /etc/wallrun/hub-ca.pem` or `fingerprint AB:CD:…`. */
  readonly describe: string;
  /** The CA PEM text, for Node TLS (`ca` option). */
  readonly caPem: string | null;
}

export class HubTrustError extends Error {
  public override readonly name = 'HubTrustError';
}

const FINGERPRINT = /^(?:sha256:)?((?:[0-9a-f]{2}:?){31}[0-9a-f]{2})$/i;

/** `AB:CD:…` from any accepted spelling, or null when it is not a SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | null {
  const m = FINGERPRINT.exec(text.trim());
  if (!m) return null;
  const hex = m[1]!.replace(/:/g, '').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** The trust a spec names; null when it names nothing (the system trust store decides). */
export function loadHubTrust(spec: HubTrustSpec): HubTrust | null {
  if (!spec.caFile && !spec.fingerprint) return null;
  let fingerprint: string | null = null;
  if (spec.fingerprint) {
    fingerprint = normalizeFingerprint(spec.fingerprint);
    if (!fingerprint) throw new HubTrustError(`hub fingerprint "${spec.fingerprint}" is not a SHA-256 fingerprint (64 hex digits, colons optional)`);
  }
  let cas: X509Certificate[] = [];
  let caPem: string | null = null;
  if (spec.caFile) {
    try {
      caPem = readFileSync(spec.caFile, 'utf8');
    } catch (e) {
      throw new HubTrustError(`hub CA ${spec.caFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    cas = pemBlocks(caPem).map((block) => {
      try {
        return new X509Certificate(block);
      } catch {
        throw new HubTrustError(`hub CA ${spec.caFile}: a certificate in it does not parse`);
      }
    });
    if (!cas.length) throw new HubTrustError(`hub CA ${spec.caFile}: no PEM certificate in it`);
  }
  const parts = [spec.caFile ? `CA ${spec.caFile}` : null, fingerprint ? `fingerprint ${fingerprint}` : null].filter(Boolean);
  return { cas, fingerprint, caPem, describe: parts.join(' and ') };
}

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Why the chain `presented` (leaf first, as the hub sent it) is not the hub's for `host`, or null
 * when it is: the pinned fingerprint matches the leaf, or the leaf chains (through the presented
 * intermediates) to a trusted CA, is in date and names the host.
 */
export function checkHubCertificate(presented: readonly X509Certificate[], host: string, trust: HubTrust, now = new Date()): string | null {
  const leaf = presented[0];
  if (!leaf) return 'the hub presented no certificate';
  if (trust.fingerprint && leaf.fingerprint256.toUpperCase() !== trust.fingerprint) {
    return `the hub's certificate has fingerprint ${leaf.fingerprint256}, not the pinned ${trust.fingerprint}`;
  }
  if (!trust.cas.length) return null; // pinned: the key is the identity, names and dates aside
  const bare = host.replace(/^\[|\]$/g, '');
  const named = /^[\d.]+$|:/.test(bare) ? leaf.checkIP(bare) : leaf.checkHost(bare);
  if (!named) return `the hub's certificate is not for ${host} (it names ${leaf.subjectAltName ?? leaf.subject})`;
  if (now < new Date(leaf.validFrom) || now > new Date(leaf.validTo)) {
    return `the hub's certificate is out of date (valid ${leaf.validFrom} to ${leaf.validTo})`;
  }
  let current = leaf;
  for (let depth = 0; depth < 5; depth++) {
    const ca = trust.cas.find((c) => current.checkIssued(c) && current.verify(c.publicKey));
    if (ca) return null;
    const next = presented.find((c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) break;
    current = next;
  }
  return `the hub's certificate (issued by ${leaf.issuer.replace(/\n/g, ', ')}) is not signed by the configured ${trust.describe}`;
}

/** base64 SHA-256 of a certificate's public key (SubjectPublicKeyInfo), as Chromium's SPKI lists take it. */
export function spkiHash(cert: X509Certificate): string {
  return createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function chainOf(peer: PeerCertificate & { issuerCertificate?: PeerCertificate }): X509Certificate[] {
  const out: X509Certificate[] = [];
  let c: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = peer;
  while (c?.raw && out.length < 6) {
    out.push(new X509Certificate(c.raw));
    if (c.issuerCertificate === c) break;
    c = c.issuerCertificate;
  }
  return out;
}

/**
 * Connects to the hub at `url` and checks its certificate against `trust`; resolves with the
 * verified leaf, or rejects with a HubTrustError saying why (wrong CA, wrong fingerprint, no TLS).
 */
export function probeHubCertificate(url: string, trust: HubTrust, timeoutMs = 10_000): Promise<X509Certificate> {
  const u = new URL(url);
  if (u.protocol !== 'https:') return Promise.reject(new HubTrustError(`hub ${url}: a trusted CA or fingerprint is set, but the URL is not https://`));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(u.port || 443), servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false });
    const fail = (why: string): void => {
      socket.destroy();
      reject(new HubTrustError(`hub ${u.origin} refused: ${why}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no TLS answer within ${timeoutMs} ms`));
    socket.once('error', (e) => fail(/wrong version number|packet length too long/i.test(e.message) ? 'it does not speak TLS (a plain HTTP hub?)' : e.message));
    socket.once('secureConnect', () => {
      const chain = chainOf(socket.getPeerCertificate(true));
      const problem = checkHubCertificate(chain, u.hostname, trust);
      if (problem) return fail(problem);
      socket.end();
      resolve(chain[0]!);
    });
  });
}

/**
 * Options for Node's https/tls clients (socket.io-client, https.request) that enforce `trust`:
 * the CA as `ca`, and the pin checked on every connection.
 */
export function nodeTlsOptions(trust: HubTrust): { ca?: string; rejectUnauthorized: boolean; checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined } {
  return {
    ...(trust.caPem ? { ca: trust.caPem } : {}),
    // Node checks the chain itself when a CA is given; a pin alone replaces that check.
    rejectUnauthorized: trust.cas.length > 0,
    checkServerIdentity: (host, cert) => {
      const problem = checkHubCertificate(chainOf(cert), host, trust);
      return problem ? new HubTrustError(problem) : undefined;
    },
  };
}

/** A certificate's SHA-256 fingerprint from its PEM, for printing (`AB:CD:…`). */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}
