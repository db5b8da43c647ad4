/**
 * The hub's data folder holds the audit trail, operator names and (in tokens.json, operators.json)
 * secrets, so nobody but the hub's own user may read it: the folder is made 700 and every file the
 * hub writes there 600. SQLite gives `-wal` and `-shm` the mode of the database file, so creating
 * `hub.sqlite` 600 before SQLite opens it covers all three. Files from an older hub (644) are
 * narrowed on open. POSIX only: on Windows modes mean nothing and ACLs of the folder apply.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
const POSIX = process.platform !== 'win32';

/** Creates `dir` (mode 700) when missing; an existing folder keeps its mode (its owner chose it). */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE); // `mode` is filtered by the umask
}

/** Makes `file` exist with mode 600 (created empty when missing, narrowed when wider). */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  narrowToPrivate(file);
}

/** Narrows an existing file to 600 (nothing when missing or already private). */
export function narrowToPrivate(file: string): void {
  if (!POSIX || !existsSync(file)) return;
  if ((statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * A warning for each of `names` in `dir` that its group or others may read or write (they hold
 * secrets): one log line naming the file and its mode. The hub still starts: the file is the
 * operator's, and refusing would take the wall down over a mode.
 */
export function warnIfShared(dir: string, names: readonly string[], log: (message: string) => void): void {
  if (!POSIX) return;
  for (const name of names) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o066) {
      log(`warning: ${file} has mode ${mode.toString(8).padStart(3, '0')}: its group or others can read it, and it holds secrets (chmod 600 ${file})`);
    }
  }
}
