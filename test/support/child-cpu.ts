/**
 * CPU time of a test's child processes by program (Chromium, ffmpeg), read from /proc, so a load
 * test can report what its browsers and encoders cost (test/e2e/camera.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far by the descendants of `root` (this test process), by program name. */
export function childCpuS(root: number): { chromium: number; ffmpeg: number } {
  const procs = new Map<number, { ppid: number; comm: string; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // exited while we looked
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p && hops < 20; p = procs.get(p)?.ppid, hops++) if (p === root) return true;
    return false;
  };
  const out = { chromium: 0, ffmpeg: 0 };
  for (const [pid, p] of procs) {
    if (!isDescendant(pid)) continue;
    if (p.comm.startsWith('chrom')) out.chromium += p.ticks / 100;
    else if (p.comm === 'ffmpeg') out.ffmpeg += p.ticks / 100;
  }
  return out;
}
