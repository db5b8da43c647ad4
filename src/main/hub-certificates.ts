/**
 * Electron's certificate check for the hub: connections to the hub's host are accepted only when
 * the certificate chains to the configured CA or has the pinned fingerprint (src/node/hub-trust.ts,
 * the same check the browser shell makes). Every other host keeps Chromium's own verdict. A trust
 * setting that cannot be read refuses the hub rather than trusting it: the wall then runs on what
 * it has, and the log says why (docs/install-wall-pc.md, "Encrypted hub link").
 */
import { X509Certificate } from 'node:crypto';
import { checkHubCertificate, type HubTrust } from '../node/hub-trust.js';

/** What Electron's `Certificate` carries that the check reads (leaf first, issuers chained). */
export interface ElectronCertificate {
  data: string;
  issuerCert?: ElectronCertificate;
}
export interface CertificateVerifyRequest {
  hostname: string;
  certificate: ElectronCertificate;
}
/** 0: trusted; -2: refused; -3: Chromium's own verdict (Electron's setCertificateVerifyProc). */
export type VerifyVerdict = 0 | -2 | -3;
export interface CertificateSession {
  setCertificateVerifyProc(proc: (request: CertificateVerifyRequest, callback: (verdict: number) => void) => void): void;
}

function chainOf(cert: ElectronCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (let c: ElectronCertificate | undefined = cert; c && out.length < 6; c = c.issuerCert === c ? undefined : c.issuerCert) {
    out.push(new X509Certificate(c.data));
  }
  return out;
}

/** The verdict for one connection: `trust` is a HubTrust, or the error that kept it from loading. */
export function hubCertificateVerdict(request: CertificateVerifyRequest, hubHost: string, trust: HubTrust | Error): { verdict: VerifyVerdict; problem?: string } {
  if (request.hostname.toLowerCase() !== hubHost) return { verdict: -3 };
  if (trust instanceof Error) return { verdict: -2, problem: trust.message };
  let problem: string | null;
  try {
    problem = checkHubCertificate(chainOf(request.certificate), request.hostname, trust);
  } catch (e) {
    problem = `the hub's certificate does not parse (${(e as Error).message})`;
  }
  return problem ? { verdict: -2, problem } : { verdict: 0 };
}

/**
 * Installs the check on `session` for the hub at `hubUrl`, or for each hub of an active/standby
 * group (docs/scaling.md). Each refusal is logged once per reason (Chromium asks again on every
 * reconnect).
 */
export function trustHubCertificates(session: CertificateSession, hubUrl: string | readonly string[], trust: HubTrust | Error, log: (message: string) => void): void {
  const hubs = new Map<string, string>();
  for (const url of typeof hubUrl === 'string' ? [hubUrl] : hubUrl) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!hubs.has(host)) hubs.set(host, url);
  }
  const told = new Set<string>();
  log(trust instanceof Error ? `hub: refused until fixed: ${trust.message}` : `hub: its certificate must match ${trust.describe}`);
  session.setCertificateVerifyProc((request, callback) => {
    const host = request.hostname.toLowerCase();
    const url = hubs.get(host);
    if (url === undefined) return callback(-3);
    const { verdict, problem } = hubCertificateVerdict(request, host, trust);
    if (problem && !told.has(`${host} ${problem}`)) {
      told.add(`${host} ${problem}`);
      log(`hub ${url} refused: ${problem}`);
    }
    callback(verdict);
  });
}
