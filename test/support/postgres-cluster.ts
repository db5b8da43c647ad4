/**
 * A PostgreSQL cluster of the test's own: `initdb` in a temp dir owned by the `postgres` user (initdb
 * and postgres refuse root, so they run as the `postgres` user through `setpriv`, which execs in
 * place, so the child's pid is the server's), a server on a free loopback port with its socket in that dir, stopped by pid and removed at the end.
 * Debian's binaries live in /usr/lib/postgresql/<version>/bin; `.ci/run` installs the package.
 *
 * One cluster per test file; `database()` makes a fresh database per test, so tests never share state.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin dir, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(PG_ROOT, versions[0]!, 'bin') : null;
}

export interface PostgresCluster {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** Creates a database with a unique name and returns its URL. */
  database(prefix?: string): string;
  /** The server's pid (SIGSTOP/SIGKILL it to fault the store). */
  readonly pid: () => number;
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server; the data stays until cleanup(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  cleanup(): Promise<void>;
}


const asRoot = process.getuid?.() === 0;
/** argv that runs `cmd` as the postgres user when we are root (initdb refuses root); setpriv execs, runuser would fork. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', cmd, ...args]] : [cmd, args];
}

let dbCounter = 0;

/** Starts a cluster (initdb + postgres on a free loopback port); throws when PostgreSQL is missing. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)');
  const dir = mkdtempSync(path.join(tmpdir(), 'wallrun-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    const c = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    let log = '';
    c.stderr!.setEncoding('utf8').on('data', (s: string) => {
      log = (log + s).slice(-20_000);
    });
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start in 30 s:\n${log}`)), 30_000);
      const check = (): void => {
        if (/ready to accept connections/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stderr!.on('data', check);
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${log}`));
      });
    });
  };

  const stop = async (): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // fast shutdown: sessions are told "terminating connection"
    await exited;
  };

  /**
   * At the end of a file: a smart shutdown (SIGTERM) lets the sessions still closing (a pool's
   * client whose end() is under way) finish, instead of sending them a FATAL they may no longer
   * listen for (an uncaught error in the test process); fast after 5 s if a session stays.
   */
  const finish = async (): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const c = child;
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGINT'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const psql = path.join(bin, 'psql');
  return {
    port,
    url,
    pid: () => child?.pid ?? -1,
    database(prefix = 'wallrun') {
      const name = `${prefix}_${process.pid}_${++dbCounter}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
      execFileSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qAtc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async cleanup() {
      await finish();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
