/**
 * The hub's wall clock moved for real, in its own process only: libfaketime (Debian's `faketime`
 * package) preloaded into the hub child, its offset read from a file on every time call, so the
 * test can jump the clock while the hub runs. Never the system clock.
 *
 * Why not the `faketime` command: it forks and waits, so the child's pid would not be the hub's;
 * `env LD_PRELOAD=…` execs the hub in its place. The monotonic clock is left alone
 * (FAKETIME_DONT_FAKE_MONOTONIC=1): Node's timers run on it, as they would on a machine whose
 * wall clock is stepped by NTP or an operator.
 */
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HubFakeClock {
  /** Put before the hub's command (spawnHub's `prefix`). */
  readonly prefix: string[];
  /** Sets the hub's wall clock to real time + `offsetS` seconds (takes effect on its next time call). */
  set(offsetS: number): void;
  /** True when process `pid` has libfaketime loaded and reads this clock's file. */
  runsIn(pid: number): boolean;
}

/** libfaketime.so.1 of this machine (/usr/lib/<multiarch>/faketime/), or a clear error. */
export function findLibfaketime(): string {
  const found = readdirSync('/usr/lib')
    .map((d) => path.join('/usr/lib', d, 'faketime', 'libfaketime.so.1'))
    .find((f) => existsSync(f));
  if (!found) throw new Error('libfaketime.so.1 not found under /usr/lib/*/faketime/: install Debian\'s faketime package (apt-get install faketime; .ci/run does)');
  return found;
}

/** A fake clock whose offset lives in `dir`/faketime.rc, starting at real time. */
export function hubFakeClock(dir: string): HubFakeClock {
  const lib = findLibfaketime();
  const file = path.join(dir, 'faketime.rc');
  const set = (offsetS: number): void => {
    // Written whole, then renamed: the hub reads the file on every time call and must never see it half written.
    writeFileSync(`${file}.tmp`, `${offsetS >= 0 ? '+' : ''}${Math.round(offsetS)}\n`);
    renameSync(`${file}.tmp`, file);
  };
  set(0);
  return {
    prefix: ['env', `LD_PRELOAD=${lib}`, `FAKETIME_TIMESTAMP_FILE=${file}`, 'FAKETIME_NO_CACHE=1', 'FAKETIME_DONT_FAKE_MONOTONIC=1'],
    set,
    runsIn: (pid) =>
      readFileSync(`/proc/${pid}/maps`, 'utf8').includes(lib) &&
      readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`FAKETIME_TIMESTAMP_FILE=${file}`),
  };
}
