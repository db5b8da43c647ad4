/**
 * The origin of a web tile's URL, as a browser computes it (lowercase scheme and host, no default
 * port), without the URL class: src/core runs where no URL global is typed. One place for the
 * validator (web-checks.ts) and the page's CSP frame-src (kiosk/page-csp.ts), so both agree.
 */

/** scheme://[userinfo@]host[:port][path/query/fragment]; hosts are ASCII names or bracketed IPv6. */
const WEB_URL = /^(https?):\/\/(?:([^@/?#\s]*)@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

export interface WebUrl {
  /** e.g. `https://grafana.ioc.example` or `http://10.0.0.5:3000`. */
  origin: string;
  /** Whether the URL carries a user name or password (`https://user:pass@host/`). */
  hasUserInfo: boolean;
}

/** The parts of an http(s) URL that matter to the wall, or undefined when it is not one a browser opens. */
export function parseWebUrl(url: string): WebUrl | undefined {
  const m = WEB_URL.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[3] as string).toLowerCase();
  const port = m[4] === undefined ? undefined : String(Number(m[4]));
  if (port !== undefined && Number(port) > 65535) return undefined;
  const shownPort = port === undefined || port === DEFAULT_PORTS[scheme] ? '' : `:${port}`;
  return { origin: `${scheme}://${host}${shownPort}`, hasUserInfo: m[2] !== undefined };
}

/** The origin of an http(s) URL, or undefined. */
export function webOrigin(url: string): string | undefined {
  return parseWebUrl(url)?.origin;
}

/**
 * A URL as a message may quote it: `scheme://user:password@host` loses its user name and password
 * (`scheme://…@host`), so a diagnostic or a log line never repeats a secret someone put in a URL.
 */
export function redactUserInfo(text: string): string {
  // The scheme is bounded (real ones are short): unbounded, a long run of letters without "://"
  // made every position rescan the rest, quadratic (a 1 MB value took minutes). A longer
  // "scheme" still loses its user info: the match starts at its last 32 characters.
  return text.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^@/?#\s]*@/gi, '$1…@');
}
