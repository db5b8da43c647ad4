/**
 * Operator credentials on the wall: a PIN, a badge id (a badge reader types it like a keyboard,
 * then Enter) or an operator token identifies the person at the screen who acknowledges an alert.
 * The hub sends each wall a directory of operator names with salted digests of their credentials
 * (`Snapshot.operators`); the wall hashes what was typed the same way and looks it up, so it works
 * while the hub is away, and only the operator's name ever leaves the wall.
 *
 *   digest = sha256hex(salt + ":" + sha256hex(normalised secret))
 *
 * The inner hash lets the hub's files hold `sha256hex(secret)` instead of the secret (as
 * tokens.json does). Pure: the hub and the page use the same functions. A PIN of a few digits is
 * found by trying them all against its digest in a moment, salt or not: the salt only stops
 * precomputed tables and hides equal PINs across hub restarts. What protects PINs is that the
 * directory lives on locked-down walls and the hub, never in logs, and that the wall locks entry
 * after repeated failures (docs/acknowledgements.md).
 */
import type { OperatorDirectory } from './protocol.js';
import { sha256Hex } from './sha256.js';

/** NFC, surrounding white space (a badge reader's CR/LF) removed. */
export function normaliseSecret(secret: string): string {
  return secret.normalize('NFC').trim();
}

/** sha256hex of the normalised secret: what operators.json may hold instead of the secret. */
export function secretDigest(secret: string): string {
  return sha256Hex(normaliseSecret(secret));
}

/** The digest a directory carries for a secret whose `secretDigest` is `innerHex`. */
export function credentialDigest(salt: string, innerHex: string): string {
  return sha256Hex(`${salt}:${innerHex.toLowerCase()}`);
}

function equalHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The name of the operator `secret` identifies, or null. Every entry is compared (no early exit). */
export function findOperator(directory: OperatorDirectory | null | undefined, secret: string): string | null {
  const s = normaliseSecret(secret);
  if (!directory || s.length === 0 || s.length > 512) return null;
  const digest = credentialDigest(directory.salt, sha256Hex(s));
  let found: string | null = null;
  for (const op of directory.operators) {
    for (const c of op.credentials) if (equalHex(c, digest) && found === null) found = op.name;
  }
  return found;
}
