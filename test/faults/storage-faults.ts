/**
 * Storage faults for the hub child process: another process holding an exclusive SQLite lock on
 * hub.sqlite (better-sqlite3 in a child, BEGIN EXCLUSIVE), and a file-size limit (RLIMIT_FSIZE set
 * with util-linux prlimit) that makes SQLite's writes fail as on a full disk, lifted again on the
 * running hub with `prlimit --pid`.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LOCKER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('LOCKED\\n');
process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
process.stdin.resume();
`;

export interface HeldLock {
  /** Ends the transaction and the process; resolves when it exited. */
  release(): Promise<void>;
}

/** Starts a process that holds BEGIN EXCLUSIVE on `file`; resolves once it holds it. */
export async function holdExclusiveLock(file: string): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', LOCKER, file], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => c.includes('LOCKED') && resolve());
    void exited.then(() => reject(new Error(`the lock holder exited before it held the lock:\n${err}`)));
  });
  return {
    release: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** The `prlimit` prefix that starts a process with a soft file-size limit of `bytes` (hard limit unlimited, so it can be lifted). */
export const fileSizeLimit = (bytes: number): string[] => ['prlimit', `--fsize=${bytes}:unlimited`];

/** Lifts the file-size limit of the running process `pid`. */
export function liftFileSizeLimit(pid: number): void {
  execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:unlimited']);
}
