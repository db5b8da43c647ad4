/**
 * The rules of web tiles (issue 14) a schema cannot express: wall.yaml `web` names canonical origins
 * and credentials for listed origins and holds no secret; a tile's URL is a URL a browser opens,
 * with no password in it, whose origin wall.yaml allows and whose credential exists for that very
 * origin; a tile stays on one screen (one browser frame cannot be split across a bezel the way the
 * scene is sampled).
 */
import type { Diagnostic } from './diagnostics.js';
import { tileCoverage, tileRect } from '../wall/geometry.js';
import type { Layout, Tile, Wall, WebAccess } from '../wall/model.js';
import { parseWebUrl, redactUserInfo, webOrigin } from '../wall/web-origin.js';
import type { UnknownFieldHook } from './schema-errors.js';
import { didYouMean } from './suggest.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

type Indexed<T> = { index: number; value: T };
/** schema-parts.ts's CleanTest (whether a path passed the schema), restated: importing it would close a cycle through checks.ts. */
type CleanTest = (path: (string | number)[]) => boolean;

/** Keys that carry a secret (or what pairs with one): they belong in the node's web-credentials.json. */
const SECRET_KEYS = new Set(['password', 'passwd', 'pass', 'value', 'token', 'secret', 'username', 'user', 'header', 'cookie', 'apikey', 'api-key', 'key']);

export const WEB_SECRETS_FILE = 'web-credentials.json';

/** A secret in a wall.yaml credential gets its own code and sentence instead of "unknown field". */
export const webSecretField: UnknownFieldHook = (parent, name) => {
  const inCredential = parent.length === 3 && parent[0] === 'web' && parent[1] === 'credentials';
  if (!inCredential || !SECRET_KEYS.has(name.toLowerCase())) return undefined;
  const message =
    `"${name}" is a secret and has no place in wall.yaml: secrets belong in each node's ${WEB_SECRETS_FILE} ` +
    `(mode 600); a credential here names only its origin and kind`;
  return { code: 'web-secret-in-project', message };
};

/**
 * wall.yaml `web`, on the parts that passed the schema: origins written as browsers write them,
 * credentials for listed origins (checked only while the origins list itself is sound).
 */
export function checkWebAccess(yaml: YamlFile, raw: unknown, clean: CleanTest): Diagnostic[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const web = raw as { origins?: unknown; credentials?: unknown };
  const out: Diagnostic[] = [];
  const origins = Array.isArray(web.origins) ? (web.origins as unknown[]) : [];
  origins.forEach((origin, i) => {
    if (typeof origin !== 'string' || !clean(['web', 'origins', i])) return;
    const canonical = webOrigin(origin);
    if (canonical === origin) return;
    const message = canonical
      ? `write the origin as browsers do: "${canonical}" (lowercase host, no default port), so it matches the tiles' URLs and the page's frame-src`
      : `"${origin}" is not an http(s) origin a browser can use`;
    out.push(diagnosticAt(yaml, ['web', 'origins', i], 'web-origin-not-canonical', message));
  });
  const credentials = web.credentials !== null && typeof web.credentials === 'object' ? (web.credentials as Record<string, unknown>) : {};
  if (!clean(['web', 'origins'])) return out;
  for (const [name, credential] of Object.entries(credentials)) {
    const at = ['web', 'credentials', name, 'origin'];
    const given = (credential as { origin?: unknown } | null)?.origin;
    if (typeof given !== 'string' || !clean(at)) continue;
    const origin = webOrigin(given) ?? given;
    if (origins.includes(origin)) continue;
    const message = `credential "${name}" is for ${origin}, which web.origins does not list (add it there, or no tile could use it)`;
    out.push(diagnosticAt(yaml, at, 'web-origin-not-allowed', message));
  }
  return out;
}

function urlOf(tile: Tile): string | undefined {
  return typeof tile.props.url === 'string' ? tile.props.url : undefined;
}

/** A layout's web tiles in the file alone: a URL that parses and carries no user name or password. */
export function checkWebTileUrls(yaml: YamlFile, tiles: readonly Indexed<Tile>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { index, value } of tiles) {
    const url = urlOf(value);
    if (value.widget !== 'web' || url === undefined) continue;
    const at = ['tiles', index, 'props', 'url'];
    const parsed = parseWebUrl(url);
    if (!parsed) {
      const message = `is not an http(s) URL a browser can open: scheme://host[:port]/path, host in ASCII (got ${JSON.stringify(redactUserInfo(url))})`;
      out.push(diagnosticAt(yaml, at, 'web-url-invalid', message));
      continue;
    }
    if (!parsed.hasUserInfo) continue;
    const message =
      `puts a user name or password in the URL: name a credential from wall.yaml web.credentials in props.credential ` +
      `and keep the secret in each node's ${WEB_SECRETS_FILE}`;
    out.push(diagnosticAt(yaml, at, 'web-secret-in-project', message));
  }
  return out;
}

/** A layout's web tiles against wall.yaml `web`: origin allowed, credential declared and for that origin. */
export function checkWebTilesOnWall(yaml: YamlFile, web: WebAccess, tiles: readonly Indexed<Tile>[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { index, value } of tiles) {
    const url = urlOf(value);
    const origin = url === undefined || value.widget !== 'web' ? undefined : webOrigin(url);
    if (!origin) continue;
    if (!web.origins.includes(origin)) {
      const listed = web.origins.length > 0 ? `listed: ${web.origins.join(', ')}` : 'it lists none';
      const message = `origin ${origin} is not allowed: add it to wall.yaml web.origins (${listed})`;
      out.push(diagnosticAt(yaml, ['tiles', index, 'props', 'url'], 'web-origin-not-allowed', message));
    }
    const name = value.props.credential;
    if (typeof name !== 'string') continue;
    const at = ['tiles', index, 'props', 'credential'];
    const credential = web.credentials[name];
    const known = Object.keys(web.credentials);
    if (!credential) {
      const hint = didYouMean(name, known) || (known.length > 0 ? ` (credentials: ${known.join(', ')})` : ' (wall.yaml declares no web.credentials)');
      out.push(diagnosticAt(yaml, at, 'unknown-web-credential', `unknown credential "${name}"${hint}`));
    } else if ((webOrigin(credential.origin) ?? credential.origin) !== origin) {
      const message = `credential "${name}" is for ${credential.origin}, not this page's origin ${origin} (a credential is only sent to its own origin)`;
      out.push(diagnosticAt(yaml, at, 'web-credential-origin-mismatch', message));
    }
  }
  return out;
}

/** Web tiles (already on the wall) whose rect shows on more than one screen. */
export function webTilesCrossingBezels(
  yaml: YamlFile,
  wall: Wall,
  subdivision: Layout['subdivision'],
  tiles: readonly Indexed<Tile>[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { index, value: tile } of tiles) {
    if (tile.widget !== 'web') continue;
    const screens = tileCoverage(wall, tileRect(wall, { subdivision }, tile)).map((c) => c.screen.id);
    if (screens.length < 2) continue;
    const name = typeof tile.id === 'string' ? `web tile "${tile.id}"` : 'this web tile';
    const message =
      `${name} crosses a bezel (it covers screens ${screens.join(', ')}): one browser frame cannot be split ` +
      `across screens with the bezels hidden; place it within one screen`;
    out.push(diagnosticAt(yaml, ['tiles', index, tile.cell ? 'cell' : 'rect'], 'web-crosses-bezel', message));
  }
  return out;
}
