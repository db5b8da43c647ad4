/**
 * Camera credentials: `<data>/camera-credentials.json`, `{ "<name>": { "username", "password" } }`,
 * mode 600. A file its group or others may read is refused (the cameras naming a credential turn
 * `unauthorized` with that reason) rather than used: these passwords open the cameras themselves.
 * Credentials go into the RTSP URL only inside ffmpeg's argument list; every logged line is masked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const CAMERA_CREDENTIALS_FILE = 'camera-credentials.json';

export interface CameraCredential {
  username: string;
  password: string;
}

export type CredentialsRead =
  | { ok: true; credentials: ReadonlyMap<string, CameraCredential> }
  | { ok: false; error: string };

/** Reads and checks the file; no file is an empty set. Errors never quote the file's content. */
export function readCameraCredentials(dataDir: string): CredentialsRead {
  const file = path.join(dataDir, CAMERA_CREDENTIALS_FILE);
  if (!existsSync(file)) return { ok: true, credentials: new Map() };
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077) {
    return { ok: false, error: `${file} has mode ${mode.toString(8).padStart(3, '0')}: refused (chmod 600 ${file})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ok: false, error: `${file}: not valid JSON` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: `${file}: expected { "<name>": { "username", "password" } }` };
  const credentials = new Map<string, CameraCredential>();
  for (const [name, value] of Object.entries(raw)) {
    const v = value as Partial<CameraCredential> | null;
    if (typeof v !== 'object' || v === null || typeof v.username !== 'string' || typeof v.password !== 'string') {
      return { ok: false, error: `${file}: "${name}" needs a string username and password` };
    }
    credentials.set(name, { username: v.username, password: v.password });
  }
  return { ok: true, credentials };
}

/** The URL ffmpeg is given: with the credential inside (percent-encoded). */
export function urlWithCredential(url: string, credential: CameraCredential | undefined): string {
  if (!credential) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(credential.username);
  u.password = encodeURIComponent(credential.password);
  return u.toString();
}

/** A line safe to log: any `user:password@` of a URL masked, and the password itself wherever it appears. */
export function maskSecrets(line: string, credential?: CameraCredential): string {
  let out = line.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*@/gi, '$1***@');
  if (credential?.password) {
    for (const form of new Set([credential.password, encodeURIComponent(credential.password)])) out = out.split(form).join('***');
  }
  return out;
}
