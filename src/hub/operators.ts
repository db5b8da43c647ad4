/**
 * The operator directory: who may acknowledge on a wall, and the credentials that identify them at
 * a screen. Read from `<dataDir>/operators.json` (or the `operators` option of startHub):
 *
 *   { "operators": [
 *       { "name": "Nguyễn Văn An", "pin": "4827", "badge": "04A1B2C3" },
 *       { "name": "Lê Thị Hoa", "pinSha256": "<sha256 hex of the PIN>" } ] }
 *
 * Each credential in clear or as its SHA-256 (so the file need not hold secrets). Operator tokens
 * of tokens.json count as credentials of the operator of that name, so an operator may also type
 * their token on a wall. Walls get names and salted digests only (core/operators.ts), with a new
 * random salt each time the hub starts. Nothing here is ever logged but names and counts.
 */
import { randomBytes } from 'node:crypto';
import { credentialDigest, normaliseSecret, secretDigest } from '../core/protocol/operators.js';
import { LIMITS } from '../core/protocol/limits.js';
import type { OperatorDirectory } from '../core/protocol/protocol.js';
import type { TokenSpec } from './auth.js';
import { readDataFile } from './data-file.js';

export interface OperatorSpec {
  name: string;
  pin?: string;
  pinSha256?: string;
  badge?: string;
  badgeSha256?: string;
}

export const OPERATORS_FILE = 'operators.json';
const FIELDS = ['name', 'pin', 'pinSha256', 'badge', 'badgeSha256'];
const HEX64 = /^[0-9a-f]{64}$/i;

/** Checks an operators file's content; throws one error naming every problem (never a secret). */
export function parseOperatorSpecs(raw: unknown, where: string): OperatorSpec[] {
  const list = (raw as { operators?: unknown } | null)?.operators;
  if (!Array.isArray(list)) throw new Error(`${where}: expected { "operators": [ … ] }`);
  if (list.length > LIMITS.operators) throw new Error(`${where}: at most ${LIMITS.operators} operators`);
  const problems: string[] = [];
  list.forEach((o: Record<string, unknown>, i) => {
    const at = `${where}: operators[${i}]`;
    if (typeof o !== 'object' || o === null) return void problems.push(`${at}: not an object`);
    const unknown = Object.keys(o).filter((k) => !FIELDS.includes(k));
    if (unknown.length) problems.push(`${at}: unknown field(s) ${unknown.join(', ')}`);
    if (typeof o.name !== 'string' || !o.name.trim() || o.name.length > LIMITS.name || /[\u0000-\u001f\u007f]/.test(o.name)) {
      problems.push(`${at}.name: a name of 1 to ${LIMITS.name} characters, one line`);
    }
    for (const kind of ['pin', 'badge'] as const) {
      const clear = o[kind];
      const hash = o[`${kind}Sha256`];
      if (clear !== undefined && hash !== undefined) problems.push(`${at}: give at most one of ${kind}, ${kind}Sha256`);
      if (clear !== undefined && (typeof clear !== 'string' || (kind === 'pin' ? !/^\d{4,12}$/.test(clear) : !normaliseSecret(clear) || clear.length > 128))) {
        problems.push(`${at}.${kind}: ${kind === 'pin' ? '4 to 12 digits' : '1 to 128 characters'}`);
      }
      if (hash !== undefined && (typeof hash !== 'string' || !HEX64.test(hash))) problems.push(`${at}.${kind}Sha256: 64 hex digits`);
    }
    if (!['pin', 'pinSha256', 'badge', 'badgeSha256'].some((k) => o[k] !== undefined)) problems.push(`${at}: needs a pin or a badge (or their SHA-256)`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return list as OperatorSpec[];
}

/** Reads `<dataDir>/operators.json`; null when there is none. */
export function readOperatorsFile(dataDir: string): OperatorSpec[] | null {
  return readDataFile(dataDir, OPERATORS_FILE, parseOperatorSpecs);
}

export class OperatorRegistry {
  /** The directory walls get in every snapshot (null: no operators at all). */
  public directory: OperatorDirectory | null = null;
  private names: Set<string> | null = null;

  /**
   * `specs` null: no operators file, so walls may name anyone (as before directories existed);
   * operator tokens still give walls something to check a typed token against.
   */
  public constructor(
    private readonly specs: readonly OperatorSpec[] | null,
    tokens: readonly TokenSpec[],
    private readonly salt = randomBytes(16).toString('hex'),
  ) {
    this.replaceTokens(tokens);
  }

  /**
   * Rebuilds the directory for a new set of tokens (tokens.json reloaded: operator and editor
   * tokens are acknowledgement credentials too). Throws, changing nothing, when a credential would
   * name two operators.
   */
  public replaceTokens(tokens: readonly TokenSpec[]): void {
    const byName = new Map<string, Set<string>>();
    const owner = new Map<string, string>();
    const problems: string[] = [];
    const add = (rawName: string, inner: string, what: string): void => {
      const name = rawName.normalize('NFC');
      const digest = inner.toLowerCase();
      const other = owner.get(digest);
      if (other !== undefined && other !== name) problems.push(`${what} of ${name} is also ${other}'s: each credential must name one operator`);
      owner.set(digest, name);
      const set = byName.get(name) ?? new Set<string>();
      set.add(digest);
      byName.set(name, set);
    };
    for (const s of this.specs ?? []) {
      if (s.pin !== undefined) add(s.name, secretDigest(s.pin), 'the PIN');
      if (s.pinSha256 !== undefined) add(s.name, s.pinSha256, 'the PIN');
      if (s.badge !== undefined) add(s.name, secretDigest(s.badge), 'the badge');
      if (s.badgeSha256 !== undefined) add(s.name, s.badgeSha256, 'the badge');
    }
    for (const t of tokens) {
      if (t.role !== 'operator' && t.role !== 'editor') continue;
      add(t.name, t.token !== undefined ? secretDigest(t.token) : t.sha256!, 'the token');
    }
    if (problems.length) throw new Error(`operators: ${problems.join('; ')}`);
    const { salt } = this;
    const operators = [...byName].map(([name, set]) => ({ name, credentials: [...set].slice(0, LIMITS.credentials).map((d) => credentialDigest(salt, d)) }));
    this.directory = operators.length ? { salt, operators: operators.slice(0, LIMITS.operators) } : null;
    this.names = this.specs ? new Set(byName.keys()) : null;
  }

  /** Whether an ack may name `operator`: anyone without an operators file, else a listed name. */
  public mayAcknowledge(operator: string): boolean {
    return this.names === null || this.names.has(operator.normalize('NFC'));
  }

  public get size(): number {
    return this.directory?.operators.length ?? 0;
  }
}
