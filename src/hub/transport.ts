/**
 * What the hub listens with: HTTPS and WSS from a certificate and key (PEM), or plain HTTP only when
 * asked for by name (`insecure`), with a warning at start and on /healthz. Bearer tokens, operator
 * credentials and acknowledgements cross the IOC network: in clear, anyone on it could read them
 * (docs/security.md, "Encrypted hub links").
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import path from 'node:path';
import { warnIfShared } from './storage/private-files.js';

export interface HubTls {
  /** PEM: the hub's certificate, then any intermediates (a "fullchain" file). */
  cert: string;
  /** PEM: its private key. */
  key: string;
  /** Where they came from, for messages (default "the TLS certificate" / "the TLS key"). */
  certFile?: string;
  keyFile?: string;
}

/** Exactly one: a certificate pair, or plain HTTP on purpose. */
export type HubTransport = { tls: HubTls; insecure?: false } | { tls?: undefined; insecure: true };

export const INSECURE_WARNING =
  'plain HTTP (--insecure): tokens, operator credentials and acknowledgements cross the network unencrypted; use it only on a link that is encrypted otherwise (a TLS proxy on this host, docs/security.md)';

/** Reads the certificate and key files; errors name the file. */
export function readHubTls(certFile: string, keyFile: string): HubTls {
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${what} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  return { cert: read(certFile, 'TLS certificate'), key: read(keyFile, 'TLS key'), certFile, keyFile };
}

/**
 * The pair checked before the hub listens: the certificate parses and is in date, the key parses
 * and belongs to it. Returns a warning when it expires within 30 days.
 */
export function checkHubTls(tls: HubTls, now = new Date()): { warning?: string } {
  const certName = `TLS certificate${tls.certFile ? ` ${tls.certFile}` : ''}`;
  const keyName = `TLS key${tls.keyFile ? ` ${tls.keyFile}` : ''}`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(tls.cert);
  } catch {
    throw new Error(`${certName}: not a PEM certificate`);
  }
  try {
    createPrivateKey(tls.key);
  } catch {
    throw new Error(`${keyName}: not a PEM private key (an encrypted key is not supported: decrypt it for the hub's account)`);
  }
  if (!cert.checkPrivateKey(createPrivateKey(tls.key))) throw new Error(`${keyName} does not belong to ${certName}`);
  try {
    createSecureContext({ cert: tls.cert, key: tls.key });
  } catch (e) {
    throw new Error(`${certName} / ${keyName}: ${(e as Error).message}`);
  }
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (now < from || now > to) throw new Error(`${certName} is out of date: valid ${cert.validFrom} to ${cert.validTo}`);
  const days = Math.floor((to.getTime() - now.getTime()) / 86_400_000);
  return days < 30 ? { warning: `${certName} expires in ${days} day(s), on ${cert.validTo}: renew it` } : {};
}

/** The server for `transport`, and the URL scheme it answers on. */
export function createHubServer(transport: HubTransport, handler: RequestListener): { server: HttpServer; scheme: 'https' | 'http' } {
  if (transport.tls) {
    const server = createHttpsServer({ cert: transport.tls.cert, key: transport.tls.key, minVersion: 'TLSv1.2' }, handler);
    return { server: server as unknown as HttpServer, scheme: 'https' };
  }
  return { server: createHttpServer(handler), scheme: 'http' };
}

/**
 * The transport `options` name, checked before the hub listens; the warnings (plain HTTP, a
 * certificate about to lapse, a key others may read) go to `log`. Throws naming what is wrong.
 */
export function checkedTransport(options: { tls?: HubTls; insecure?: boolean }, log: (message: string) => void): HubTransport {
  const transport = transportOf(options);
  if (!transport.tls) {
    log(`warning: ${INSECURE_WARNING}`);
    return transport;
  }
  const { warning } = checkHubTls(transport.tls);
  if (warning) log(`warning: ${warning}`);
  const keyFile = transport.tls.keyFile;
  if (keyFile) warnIfShared(path.dirname(keyFile), [path.basename(keyFile)], log);
  return transport;
}

/** The transport options name, refused when they name none or both. */
export function transportOf(options: { tls?: HubTls; insecure?: boolean }): HubTransport {
  if (options.tls && options.insecure) throw new Error('the hub was given both a TLS certificate and insecure: choose one');
  if (options.tls) return { tls: options.tls };
  if (options.insecure) return { insecure: true };
  throw new Error('the hub serves HTTPS only: give a certificate and key (--tls-cert, --tls-key) or, for plain HTTP on purpose, --insecure');
}
