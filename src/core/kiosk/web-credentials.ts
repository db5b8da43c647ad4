/**
 * Signing web tiles in to their dashboards: the secrets of a node's web-credentials.json, checked
 * without ever repeating them; the credentials wall.yaml declares by name (`web.credentials`: an
 * origin and a kind, never a secret); and from both, the headers the shells add to that origin's
 * requests only. Pure: the file is read by src/node/web-credentials-file.ts, the headers added by
 * Electron's webRequest (src/main) and the browser shell's routes (src/shell).
 *
 * A cookie credential is sent as a `Cookie` request header added by the shell, not stored in the
 * browser's cookie jar: inside a cross-site frame a SameSite=Lax (the default) cookie is never
 * sent, whatever the jar holds. See docs/security.md, "Web tiles".
 */
import { originOf } from './frame-response.js';

export type WebCredentialKind = 'basic' | 'header' | 'cookie';

/** One secret as web-credentials.json holds it (its shape says its kind). */
export type WebSecret =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; header: string; value: string }
  | { kind: 'cookie'; cookie: string; value: string };

/** A credential as wall.yaml declares it. */
export interface DeclaredCredential {
  origin: string;
  kind: WebCredentialKind;
}

/** The file's name in messages, whatever its path. */
export const WEB_CREDENTIALS_FILE = 'web-credentials.json';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Header values: printable, no line breaks (a value cannot smuggle a second header). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
/** Headers a credential may not set: they belong to the browser or would break the request. */
const RESERVED = new Set(['host', 'content-length', 'cookie', 'connection', 'transfer-encoding', 'origin']);

function str(v: unknown): v is string {
  return typeof v === 'string';
}

/** One entry of the file as a secret, or what is wrong with it (never quoting the secret). */
function secretOf(name: string, raw: unknown): WebSecret | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `"${name}" is not an object`;
  const e = raw as Record<string, unknown>;
  if ('username' in e || 'password' in e) {
    if (!str(e.username) || !str(e.password)) return `"${name}": username and password must both be strings`;
    if (e.username.includes(':') || /[\r\n]/.test(e.username + e.password)) return `"${name}": username may not contain ':' and neither may contain line breaks`;
    return { kind: 'basic', username: e.username, password: e.password };
  }
  if ('header' in e) {
    if (!str(e.header) || !TOKEN.test(e.header) || RESERVED.has(e.header.toLowerCase())) return `"${name}": header must be a header name (not Host, Cookie, Origin…)`;
    if (!str(e.value) || !HEADER_VALUE.test(e.value)) return `"${name}": value must be a string without line breaks`;
    return { kind: 'header', header: e.header, value: e.value };
  }
  if ('cookie' in e) {
    if (!str(e.cookie) || !TOKEN.test(e.cookie)) return `"${name}": cookie must be a cookie name`;
    if (!str(e.value) || !COOKIE_VALUE.test(e.value)) return `"${name}": value must be a cookie value (no spaces, quotes, commas, semicolons or backslashes)`;
    return { kind: 'cookie', cookie: e.cookie, value: e.value };
  }
  return `"${name}" has none of username/password, header/value, cookie/value`;
}

export interface ParsedSecrets {
  secrets: Record<string, WebSecret>;
  /** What is wrong, per entry or with the whole file; never a secret. */
  problems: string[];
}

/** web-credentials.json's text: `{ name: { username, password } | { header, value } | { cookie, value } }`. */
export function parseWebCredentials(text: string): ParsedSecrets {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault: it could be a secret.
    return { secrets: {}, problems: ['is not valid JSON'] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { secrets: {}, problems: ['must be a JSON object of credentials by name'] };
  const secrets: Record<string, WebSecret> = {};
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    const s = secretOf(name, entry);
    if (typeof s === 'string') problems.push(s);
    else secrets[name] = s;
  }
  return { secrets, problems };
}

/**
 * Why a credentials file with this mode (st_mode) must not be used: readable or writable by group
 * or others (it must be 600, or 400). Null when it is private.
 */
export function credentialFileModeProblem(mode: number, file: string): string | null {
  if ((mode & 0o077) === 0) return null;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return `${file}: refused: other users can read or change it (mode ${octal}); run chmod 600 ${file}`;
}

/** wall.yaml's `web.credentials`, read from the wall without relying on its type (name → origin, kind). */
export function declaredWebCredentials(wall: unknown): Record<string, DeclaredCredential> {
  const web = (wall as { web?: { credentials?: unknown } } | null)?.web;
  const creds = web?.credentials;
  const out: Record<string, DeclaredCredential> = {};
  if (typeof creds !== 'object' || creds === null) return out;
  for (const [name, c] of Object.entries(creds as Record<string, unknown>)) {
    const { origin, kind } = (c ?? {}) as { origin?: unknown; kind?: unknown };
    if (str(origin) && (kind === 'basic' || kind === 'header' || kind === 'cookie')) out[name] = { origin: origin.replace(/\/+$/, '').toLowerCase(), kind };
  }
  return out;
}

/** wall.yaml's `web.origins` (the origins web tiles may show), normalised, read without relying on the wall's type. */
export function declaredWebOrigins(wall: unknown): string[] {
  const origins = (wall as { web?: { origins?: unknown } } | null)?.web?.origins;
  if (!Array.isArray(origins)) return [];
  return origins.map((o) => (typeof o === 'string' ? originOf(o) : null)).filter((o): o is string => o !== null);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of text (core runs anywhere: no TextEncoder or Buffer in its lib). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** base64 of UTF-8 text, as RFC 7617 asks of Basic credentials. */
function base64Utf8(text: string): string {
  const b = utf8(text);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + (i + 1 < b.length ? BASE64[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? BASE64[n & 63]! : '=');
  }
  return out;
}

/** The request header a secret adds: Authorization, its own header, or a Cookie pair. */
export function secretHeader(secret: WebSecret): [name: string, value: string] {
  if (secret.kind === 'basic') return ['Authorization', `Basic ${base64Utf8(`${secret.username}:${secret.password}`)}`];
  if (secret.kind === 'header') return [secret.header, secret.value];
  return ['Cookie', `${secret.cookie}=${secret.value}`];
}

/** What a shell does for requests to one origin. */
export interface OriginSignIn {
  /** Headers to add, name → value (a Cookie pair is merged into the request's own cookies). */
  headers: Record<string, string>;
  /**
   * Declared credentials for this origin with no usable secret: the frame's tile says so
   * (`webFrameStatus` sign-in-expired with this reason), nothing else is affected.
   */
  missing: string[];
}

/**
 * For each declared credential's origin: the headers its secret adds, or why it has none. `secrets`
 * is the parsed file, or a string saying why the file cannot be used (missing, refused, invalid).
 */
export function signInPlan(declared: Record<string, DeclaredCredential>, secrets: Record<string, WebSecret> | string): Map<string, OriginSignIn> {
  const plan = new Map<string, OriginSignIn>();
  for (const [name, { origin, kind }] of Object.entries(declared)) {
    const entry = plan.get(origin) ?? { headers: {}, missing: [] };
    plan.set(origin, entry);
    const secret = typeof secrets === 'string' ? undefined : secrets[name];
    if (typeof secrets === 'string') entry.missing.push(`credential "${name}": ${secrets}`);
    else if (!secret) entry.missing.push(`credential "${name}": not in ${WEB_CREDENTIALS_FILE}`);
    else if (secret.kind !== kind) entry.missing.push(`credential "${name}": ${WEB_CREDENTIALS_FILE} gives a ${secret.kind} secret, wall.yaml declares ${kind}`);
    else {
      const [header, value] = secretHeader(secret);
      const key = Object.keys(entry.headers).find((k) => k.toLowerCase() === header.toLowerCase()) ?? header;
      entry.headers[key] = header === 'Cookie' && entry.headers[key] ? `${entry.headers[key]}; ${value}` : value;
    }
  }
  return plan;
}

/**
 * A request's headers with the origin's sign-in added: the credential's header replaces one of
 * the same name (case-insensitive), its cookie joins the request's own.
 */
export function withSignIn(request: Readonly<Record<string, string>>, add: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...request };
  for (const [name, value] of Object.entries(add)) {
    const existing = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing && name.toLowerCase() === 'cookie' && out[existing]) out[existing] = `${out[existing]}; ${value}`;
    else {
      if (existing) delete out[existing];
      out[name] = value;
    }
  }
  return out;
}
