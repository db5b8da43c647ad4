/**
 * Lowercase hex SHA-256 of a string's UTF-8 bytes, from @noble/hashes (audited, pure JS): core runs
 * without Node or DOM typings, in the hub, the wall page and the console alike, so neither
 * node:crypto nor SubtleCrypto (async, secure contexts only) fits. This wrapper stays because every
 * caller hashes text and wants hex: the exit PIN (src/core/kiosk/exit-pin.ts) and operator
 * credentials (src/core/protocol/operators.ts), whose stored digests are these same bytes.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lowercase hex SHA-256 of `text` encoded as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
