/**
 * A node's web-credentials.json (the secrets its web tiles sign in with): where it is by default,
 * and read only when no other user can read or change it. The checks and the headers are
 * src/core/kiosk/web-credentials.ts's; nothing here ever logs or returns a secret in a message.
 */
import { openSync, fstatSync, readFileSync, closeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { credentialFileModeProblem, declaredWebCredentials, parseWebCredentials, signInPlan, WEB_CREDENTIALS_FILE, type OriginSignIn, type WebSecret } from '../core/kiosk/web-credentials.js';

/** Beside the node's other config (wallrun.env): $XDG_CONFIG_HOME/wallrun, else ~/.config/wallrun. */
export function defaultWebCredentialsPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const config = env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
  return join(config, 'wallrun', WEB_CREDENTIALS_FILE);
}

export interface WebCredentialsRead {
  /** The usable secrets by name; or why the file cannot be used at all (every credential is then missing). */
  secrets: Record<string, WebSecret> | string;
  /** Lines for the log: the file refused, invalid entries (never a secret). */
  problems: string[];
}

/**
 * Reads `file`: absent → no secrets (said once, for a wall that declares credentials); group- or
 * world-accessible → refused, naming the file and the fix; invalid entries are left out and named.
 * The mode is checked on the opened file, so a swap between check and read changes nothing.
 */
export function readWebCredentials(file: string): WebCredentialsRead {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    const why = code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code})`;
    return { secrets: why, problems: [why] };
  }
  try {
    const refused = credentialFileModeProblem(fstatSync(fd).mode, file);
    if (refused) return { secrets: refused, problems: [refused] };
    const { secrets, problems } = parseWebCredentials(readFileSync(fd, 'utf8'));
    const lines = problems.map((p) => `${file}: ${p}`);
    return { secrets: problems.length && Object.keys(secrets).length === 0 ? lines[0]! : secrets, problems: lines };
  } finally {
    closeSync(fd);
  }
}

/**
 * The sign-ins for a wall (`wall`: its `web.credentials`, read defensively) with the secrets of
 * `file`, read only when the wall declares credentials; what is wrong with the file goes to `log`
 * (never a secret). Both shells use it when a project (re)loads.
 */
export function nodeSignInPlan(wall: unknown, file: string, log: (line: string) => void): Map<string, OriginSignIn> {
  const declared = declaredWebCredentials(wall);
  if (Object.keys(declared).length === 0) return new Map();
  const read = readWebCredentials(file);
  for (const p of read.problems) log(`web credentials: ${p}`);
  return signInPlan(declared, read.secrets);
}
