/**
 * Tokens reload without a restart: `<dataDir>/tokens.json` is watched (its folder, so an editor that
 * writes a new file and renames it over the old one is seen too) and read again on SIGHUP through
 * the same `reload()`. A file that does not parse or validate changes nothing: the tokens in force
 * stay, and the error names the file and the field. A token removed or changed stops working at
 * once for REST, and every open socket (walls, consoles) authenticated with it is disconnected.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { readTokensFile, samePrincipal, TOKENS_FILE, type Principal, type TokenRegistry, type TokenSpec } from './auth.js';

/** A connected socket as far as token checks go: its handshake and the principal it was admitted as. */
export interface AuthenticatedSocket {
  readonly handshake: { readonly auth: Record<string, unknown> };
  readonly data: { readonly principal?: Principal };
  disconnect(close?: boolean): unknown;
}

/** A socket.io namespace whose sockets were admitted by a token. */
export interface AuthenticatedNamespace {
  readonly sockets: ReadonlyMap<string, AuthenticatedSocket>;
}

export interface TokenReloaderOptions {
  dataDir: string;
  /** False when the tokens were given as options: no file, so nothing to watch or reload. */
  fromFile: boolean;
  tokens: TokenRegistry;
  /** Namespaces whose sockets are rechecked after a reload (the walls', the console's). */
  namespaces: readonly AuthenticatedNamespace[];
  /**
   * Called with the new specs before they take effect, to rebuild what derives from them (the
   * operator directory); throwing refuses the new file, as a validation error would.
   */
  beforeApply?: (specs: readonly TokenSpec[]) => void;
  log: (message: string) => void;
  /** Changes closer together than this are read once (default 100 ms): editors write in steps. */
  debounceMs?: number;
}

/** Counts per role, never the secrets: `2 wall, 1 operator`. */
export function describeTokens(specs: readonly TokenSpec[]): string {
  const counts = new Map<string, number>();
  for (const s of specs) counts.set(s.role, (counts.get(s.role) ?? 0) + 1);
  return counts.size ? [...counts].map(([role, n]) => `${n} ${role}`).join(', ') : 'none';
}

export class TokenReloader {
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly file: string;

  public constructor(private readonly options: TokenReloaderOptions) {
    this.file = path.join(options.dataDir, TOKENS_FILE);
  }

  /** Starts watching the data folder; without fs.watch, SIGHUP still reloads. */
  public init(): void {
    if (this.destroyed || this.watcher || !this.options.fromFile) return;
    try {
      this.watcher = watch(this.options.dataDir, { persistent: false }, (_event, name) => {
        // Some platforms give no name: then any change in the folder may be tokens.json.
        if (name === null || name.toString() === TOKENS_FILE) this.schedule();
      });
      this.watcher.on('error', (e) => this.options.log(`tokens: watching ${this.file} failed (${e.message}); reload with SIGHUP`));
    } catch (e) {
      this.options.log(`tokens: cannot watch ${this.file} (${(e as Error).message}); reload with SIGHUP`);
    }
  }

  /**
   * Reads tokens.json again and puts it in force; `why` goes to the log ("SIGHUP", "file changed").
   * Returns whether the new tokens are in force (false: the old ones stay, the error is logged).
   */
  public reload(why: string): boolean {
    if (this.destroyed) return false;
    const { tokens, log } = this.options;
    if (!this.options.fromFile) {
      log('tokens: given as options, not read from tokens.json: nothing to reload');
      return false;
    }
    let specs: TokenSpec[] | null;
    try {
      specs = readTokensFile(this.options.dataDir);
      if (specs === null) throw new Error(`${this.file}: the file is missing`);
      this.options.beforeApply?.(specs);
    } catch (e) {
      log(`tokens: reload (${why}) refused, the ${tokens.size} token(s) in force stay: ${(e as Error).message}`);
      return false;
    }
    tokens.replace(specs);
    const closed = this.closeStaleSockets();
    log(`tokens: reloaded ${this.file} (${why}): ${describeTokens(specs)}${closed ? `; ${closed} socket(s) of removed or changed tokens closed` : ''}`);
    return true;
  }

  /** Stops watching; a pending reload is dropped. Safe to call twice. */
  public destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  private schedule(): void {
    if (this.destroyed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reload('file changed');
    }, this.options.debounceMs ?? 100);
  }

  /** Disconnects every socket whose token no longer names the principal it was admitted as. */
  private closeStaleSockets(): number {
    let closed = 0;
    for (const ns of this.options.namespaces) {
      for (const socket of [...ns.sockets.values()]) {
        const admitted = socket.data.principal;
        const now = this.options.tokens.verify(socket.handshake.auth?.token);
        if (admitted && now && samePrincipal(admitted, now)) continue;
        socket.disconnect(true);
        closed++;
      }
    }
    return closed;
  }
}
