/**
 * Bearer tokens with roles. A token is a random secret (≥ 24 characters) given to one wall node,
 * operator or integration. The hub keeps them in `<dataDir>/tokens.json` (or gets them as options):
 *
 *   { "tokens": [
 *       { "name": "node-1",        "role": "wall",        "token": "…", "node": "node-1" },
 *       { "name": "Nguyễn Văn An", "role": "operator",    "sha256": "<hex of the token>" },
 *       { "name": "he-thong-quan-trac-nuoc", "role": "integration", "token": "…" } ] }
 *
 * `token` holds the secret in clear; `sha256` its SHA-256 in hex instead, so the file need not hold
 * secrets. `node` (walls only, optional) pins the token to one wall node. An operator's `name` is
 * who acknowledged, in the audit trail.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../core/protocol/rest-bodies.js';
import { readDataFile } from './data-file.js';
import type { Actor, AuditChannel } from './storage/store-types.js';

export interface TokenSpec {
  name: string;
  role: Role;
  /** The secret in clear… */
  token?: string;
  /** …or its SHA-256 in hex. */
  sha256?: string;
  /** Wall tokens: the only node id this token may connect as. */
  node?: string;
}

/** Who a request or a connection is. */
export interface Principal {
  name: string;
  role: Role;
  node?: string;
}

/**
 * Who did something, for the audit trail: the token's name and role (null on public routes: `?`),
 * and where it came from (request-actor.ts tells the console from other REST callers).
 */
export const actorOf = (p: Principal | null, channel: AuditChannel): Actor => ({
  name: p?.name ?? '?',
  role: p?.role ?? '?',
  via: p?.name ?? '?',
  channel,
});

export const TOKENS_FILE = 'tokens.json';
const MIN_TOKEN_LENGTH = 24;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Checks a list of token specs; throws one error naming every problem. */
export function parseTokenSpecs(raw: unknown, where: string): TokenSpec[] {
  const list = (raw as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list)) throw new Error(`${where}: expected { "tokens": [ … ] }`);
  const problems: string[] = [];
  const specs: TokenSpec[] = [];
  list.forEach((t: Record<string, unknown>, i) => {
    const at = `${where}: tokens[${i}]`;
    if (typeof t !== 'object' || t === null) return void problems.push(`${at}: not an object`);
    const unknown = Object.keys(t).filter((k) => !['name', 'role', 'token', 'sha256', 'node'].includes(k));
    if (unknown.length) problems.push(`${at}: unknown field(s) ${unknown.join(', ')}`);
    if (typeof t.name !== 'string' || !t.name || t.name.length > 100) problems.push(`${at}.name: a name of 1 to 100 characters`);
    if (!ROLES.includes(t.role as Role)) problems.push(`${at}.role: one of ${ROLES.join(', ')}`);
    const hasToken = typeof t.token === 'string';
    const hasHash = typeof t.sha256 === 'string';
    if (hasToken === hasHash) problems.push(`${at}: give exactly one of token, sha256`);
    if (hasToken && (t.token as string).length < MIN_TOKEN_LENGTH) problems.push(`${at}.token: at least ${MIN_TOKEN_LENGTH} characters`);
    if (hasHash && !/^[0-9a-f]{64}$/i.test(t.sha256 as string)) problems.push(`${at}.sha256: 64 hex digits`);
    if (t.node !== undefined && (typeof t.node !== 'string' || t.role !== 'wall')) problems.push(`${at}.node: a node id, on wall tokens only`);
    specs.push(t as unknown as TokenSpec);
  });
  if (!problems.length) problems.push(...sharedSecrets(specs, where));
  if (problems.length) throw new Error(problems.join('\n'));
  return specs;
}

/**
 * Entries that give one secret to two names or roles (in clear or as SHA-256, in any mix): the hub
 * could not tell who is calling, and the later entry would silently win. One problem per pair.
 */
function sharedSecrets(specs: readonly TokenSpec[], where: string): string[] {
  const problems: string[] = [];
  const first = new Map<string, number>();
  specs.forEach((s, i) => {
    const digest = s.token !== undefined ? sha256(s.token).toString('hex') : (s.sha256 ?? '').toLowerCase();
    const j = first.get(digest);
    if (j === undefined) return void first.set(digest, i);
    const who = (k: number): string => `tokens[${k}] (${JSON.stringify(specs[k]!.name)}, ${specs[k]!.role})`;
    problems.push(`${where}: ${who(j)} and ${who(i)} have the same secret: give each entry its own`);
  });
  return problems;
}

/** Whether two principals are the same token holder (name, role and node): a changed one is a new one. */
export function samePrincipal(a: Principal, b: Principal): boolean {
  return a.name === b.name && a.role === b.role && a.node === b.node;
}

/** The tokens in force; `replace` swaps them all at once (tokens.json reloaded, src/hub/token-reload.ts). */
export class TokenRegistry {
  private entries: { hash: Buffer; principal: Principal }[] = [];
  private current: readonly TokenSpec[] = [];

  public constructor(specs: readonly TokenSpec[]) {
    this.replace(specs);
  }

  /** From now on only `specs` are accepted; callers close the sockets of tokens that went away. */
  public replace(specs: readonly TokenSpec[]): void {
    this.entries = specs.map((s) => ({
      hash: s.token !== undefined ? sha256(s.token) : Buffer.from(s.sha256 ?? '', 'hex'),
      principal: { name: s.name, role: s.role, ...(s.node !== undefined ? { node: s.node } : {}) },
    }));
    this.current = specs;
  }

  /** The specs in force (secrets only where the file holds them in clear). */
  public get specs(): readonly TokenSpec[] {
    return this.current;
  }

  public get size(): number {
    return this.entries.length;
  }

  /** The principal a secret belongs to; compares hashes in constant time. */
  public verify(token: unknown): Principal | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null;
    const h = sha256(token);
    let found: Principal | null = null;
    for (const e of this.entries) if (e.hash.length === h.length && timingSafeEqual(e.hash, h)) found = e.principal;
    return found;
  }
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads `<dataDir>/tokens.json`; null when the file does not exist. */
export function readTokensFile(dataDir: string): TokenSpec[] | null {
  return readDataFile(dataDir, TOKENS_FILE, parseTokenSpecs);
}

/** Demo tokens: one wall, one operator, one editor, one integration; written to the data dir (mode 600). */
export function writeDemoTokens(dataDir: string): TokenSpec[] {
  const specs: TokenSpec[] = [
    { name: 'demo-wall', role: 'wall', token: generateToken() },
    { name: 'Trực ban IOC', role: 'operator', token: generateToken() },
    { name: 'Trưởng ca IOC', role: 'editor', token: generateToken() },
    { name: 'demo-feeder', role: 'integration', token: generateToken() },
  ];
  writeFileSync(path.join(dataDir, TOKENS_FILE), `${JSON.stringify({ tokens: specs }, null, 2)}\n`, { mode: 0o600 });
  return specs;
}

/**
 * A demo data directory from before editors existed has no editor token: add one (demo tokens only,
 * recognised by the demo's wall token name), so the demo console can show preset editing.
 */
export function addDemoEditorToken(dataDir: string): void {
  const specs = readTokensFile(dataDir);
  if (!specs || specs.some((t) => t.role === 'editor') || !specs.some((t) => t.name === 'demo-wall' && t.role === 'wall')) return;
  const next = [...specs, { name: 'Trưởng ca IOC', role: 'editor' as const, token: generateToken() }];
  const file = path.join(dataDir, TOKENS_FILE);
  writeFileSync(file, `${JSON.stringify({ tokens: next }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // `mode` applies only to a new file: it holds secrets, whatever it was before
}
