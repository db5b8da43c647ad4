/**
 * Whether a web tile's frame can show the page it asked for, decided from the response's status
 * and headers as Chromium decides framing: a refused frame still fires `load` (an empty document),
 * so the page cannot tell; the shells see every sub-frame response (Electron's webRequest, the
 * browser shell's playwright events) and send the page `webFrameStatus` from this verdict.
 * Pure, so both shells apply the same rules and the tests check them without a browser.
 * See docs/security.md, "Web tiles".
 */
import type { HostCommand, WebFrameStatus } from '../page/host-messages.js';

export interface FrameVerdict {
  status: WebFrameStatus;
  /** Short and technical (the header as sent, the HTTP status): the page shows it in its placeholder. */
  reason: string;
}

/** Response headers as either shell gives them: any name case, one value or several. */
export type ResponseHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface FrameResponse {
  /** The URL the response is for (after redirects: its origin is the framed document's). */
  url: string;
  status: number;
  headers: ResponseHeaders;
}

/** Every value of header `name` (case-insensitive), each comma-joined value as sent. */
function headerValues(headers: ResponseHeaders, name: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === 'string') out.push(value);
    else out.push(...value);
  }
  return out;
}

/** `scheme://host[:port]` of an absolute URL, lower-case, default ports dropped; null if none. */
export function originOf(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?/i.exec(url.trim());
  if (!m || !m[2]) return null;
  const scheme = m[1]!.toLowerCase();
  const port = m[3] && !((scheme === 'http' || scheme === 'ws') && m[3] === '80') && !((scheme === 'https' || scheme === 'wss') && m[3] === '443') ? `:${Number(m[3])}` : '';
  return `${scheme}://${m[2].toLowerCase()}${port}`;
}

/** An origin's parts, the port always explicit (the scheme's default when the URL has none). */
export interface Origin {
  scheme: string;
  host: string;
  port: string;
}

function splitOrigin(origin: string): Origin | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?$/.exec(origin);
  if (!m) return null;
  return { scheme: m[1]!, host: m[2]!, port: m[3] ?? defaultPort(m[1]!) };
}

/** CSP3's scheme match: the same scheme, or an upgrade (http → https, ws → wss). */
function schemeMatches(sourceScheme: string, scheme: string): boolean {
  return sourceScheme === scheme || (sourceScheme === 'http' && scheme === 'https') || (sourceScheme === 'ws' && scheme === 'wss');
}

function defaultPort(scheme: string): string {
  return scheme === 'https' || scheme === 'wss' ? '443' : scheme === 'http' || scheme === 'ws' ? '80' : '';
}

/** CSP3's port match: absent means the scheme's default; 80 also allows https on 443. */
function portMatches(sourcePort: string | undefined, page: Origin): boolean {
  if (sourcePort === '*') return true;
  if (sourcePort === undefined) return page.port === defaultPort(page.scheme);
  return sourcePort === page.port || (sourcePort === '80' && page.scheme === 'https' && page.port === '443');
}

const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|\*\.[^:/]+|\[[^\]]+\]|[^:/*]+)(?::(\d+|\*))?(?:\/.*)?$/;

/**
 * Whether one frame-ancestors source expression allows the ancestor `page` for a document from
 * `self` (CSP3 "does url match expression"): '*', 'self', scheme sources (`https:`) and host
 * sources (`[scheme://]host[:port][/path]`, `*.` wildcard hosts, `*` ports). Keywords and nonces
 * that mean nothing here allow nothing.
 */
export function sourceAllows(expression: string, page: Origin, self: Origin): boolean {
  const e = expression.toLowerCase();
  // Network schemes, and the framed document's own scheme: never an app:// or data: ancestor.
  if (e === '*') return ['http', 'https', 'ws', 'wss'].includes(page.scheme) || page.scheme === self.scheme;
  if (e === "'self'") {
    return page.host === self.host && schemeMatches(self.scheme, page.scheme) && (page.port === self.port || (self.port === defaultPort(self.scheme) && page.port === defaultPort(page.scheme)));
  }
  const scheme = /^([a-z][a-z0-9+.-]*):$/.exec(e);
  if (scheme) return schemeMatches(scheme[1]!, page.scheme);
  const host = HOST_SOURCE.exec(e);
  if (!host) return false;
  const [, sourceScheme, sourceHost, sourcePort] = host;
  // Without a scheme, a host source means the framed document's scheme (or its upgrade).
  if (!schemeMatches(sourceScheme ?? self.scheme, page.scheme)) return false;
  if (sourceHost!.startsWith('*.')) {
    if (!page.host.endsWith(sourceHost!.slice(1))) return false;
  } else if (sourceHost !== '*' && sourceHost !== page.host) return false;
  return portMatches(sourcePort, page);
}

/**
 * The `frame-ancestors` directives of the enforced policies (Content-Security-Policy, each header
 * and each comma-separated policy on its own; report-only ones never block), as source lists.
 */
export function frameAncestorsLists(headers: ResponseHeaders): string[][] {
  const lists: string[][] = [];
  for (const header of headerValues(headers, 'content-security-policy')) {
    for (const policy of header.split(',')) {
      for (const directive of policy.split(';')) {
        const [name, ...sources] = directive.trim().split(/\s+/);
        // The first occurrence of a directive in a policy counts; later ones are ignored.
        if (name?.toLowerCase() === 'frame-ancestors') {
          lists.push(sources.filter((s) => s !== ''));
          break;
        }
      }
    }
  }
  return lists;
}

/** The first frame-ancestors list that refuses the page, as the reason; null when all allow it. */
function frameAncestorsRefusal(headers: ResponseHeaders, page: Origin, self: Origin): string | null {
  for (const sources of frameAncestorsLists(headers)) {
    const none = sources.length === 0 || (sources.length === 1 && sources[0]!.toLowerCase() === "'none'");
    if (none || !sources.some((s) => sourceAllows(s, page, self))) {
      return `Content-Security-Policy: frame-ancestors ${sources.length ? sources.join(' ') : "'none'"}`;
    }
  }
  return null;
}

/**
 * X-Frame-Options as Chromium applies it: DENY refuses, SAMEORIGIN refuses unless the page is of
 * the frame's origin, conflicting values refuse, ALLOW-FROM and anything invalid are ignored.
 */
function xFrameOptionsRefusal(headers: ResponseHeaders, pageOrigin: string, frameOrigin: string): string | null {
  const values = headerValues(headers, 'x-frame-options').flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()).filter((v) => v !== '');
  const known = [...new Set(values)];
  if (known.length === 0) return null;
  if (known.length > 1) return known.some((v) => v === 'DENY' || v === 'SAMEORIGIN') ? `X-Frame-Options: ${known.join(', ')}` : null;
  if (known[0] === 'DENY') return 'X-Frame-Options: DENY';
  if (known[0] === 'SAMEORIGIN' && pageOrigin !== frameOrigin) return 'X-Frame-Options: SAMEORIGIN';
  return null;
}

/**
 * What a sub-frame response means for the wall page at `pageUrl`: null when the frame shows the
 * page; refused (framing headers), sign-in-expired (401, 403), http-error (other ≥ 400).
 * Redirects (3xx) are not a verdict: the frame follows them and the final response decides.
 */
export function frameVerdict(response: FrameResponse, pageUrl: string): FrameVerdict | null {
  if (response.status >= 300 && response.status < 400) return null;
  if (response.status === 401 || response.status === 403) return { status: 'sign-in-expired', reason: `HTTP ${response.status}` };
  if (response.status >= 400) return { status: 'http-error', reason: `HTTP ${response.status}` };
  const pageOrigin = originOf(pageUrl) ?? 'null';
  const frameOrigin = originOf(response.url) ?? 'null';
  const page = splitOrigin(pageOrigin);
  const self = splitOrigin(frameOrigin);
  // A policy with frame-ancestors makes X-Frame-Options ignored (CSP3, Chromium).
  if (frameAncestorsLists(response.headers).length > 0) {
    const refusal = page && self ? frameAncestorsRefusal(response.headers, page, self) : 'Content-Security-Policy: frame-ancestors';
    return refusal ? { status: 'refused', reason: refusal } : null;
  }
  const refusal = xFrameOptionsRefusal(response.headers, pageOrigin, frameOrigin);
  return refusal ? { status: 'refused', reason: refusal } : null;
}

/**
 * A sub-frame request that failed before any response (`error`: Chromium's net error name as the
 * shell reports it). Null for failures that are no verdict: a navigation the page itself replaced
 * (aborted) and a refusal already decided from the response (blocked by response).
 */
export function frameFailureVerdict(error: string): FrameVerdict | null {
  const name = /ERR_[A-Z_]+/.exec(error)?.[0] ?? error.trim();
  if (name === 'ERR_ABORTED' || name === 'ERR_BLOCKED_BY_RESPONSE') return null;
  if (name === 'ERR_BLOCKED_BY_CSP') return { status: 'refused', reason: "wall page CSP: frame-src does not list this origin" };
  return { status: 'unreachable', reason: name || 'network error' };
}

/** The host command for a verdict on the frame that requested `url`. */
export function webFrameStatusCommand(url: string, verdict: FrameVerdict): HostCommand {
  return { type: 'webFrameStatus', url, status: verdict.status, reason: verdict.reason };
}
