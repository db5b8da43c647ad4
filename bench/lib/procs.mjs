/**
 * Process CPU and memory from /proc (Linux): the bench's Chromium processes (found as descendants
 * of this Node process, classified by their --type= switch) and the camera ffmpegs, plus the whole
 * machine's busy time from /proc/stat, so a run can say how loaded the machine was by others.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // 100 on every Linux we run on
}
const PAGE_KB = 4; // statm pages; only used as a fallback

function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), comm, state: f[0], cpuS: (Number(f[11]) + Number(f[12])) / clkTck };
  } catch {
    return null; // exited while we looked
  }
}

/** Every live process that descends from `root` (default: this process). */
export function descendants(root = process.pid) {
  const all = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readProc(Number(d));
    if (p && p.state !== 'Z') all.set(p.pid, p); // a zombie is dead already, only not yet reaped
  }
  const out = [];
  for (const p of all.values()) {
    for (let q = p.ppid, hops = 0; q && hops < 30; q = all.get(q)?.ppid, hops++) {
      if (q === root) {
        out.push(p);
        break;
      }
    }
  }
  return out;
}

function cmdline(pid) {
  try {
    // Chromium rewrites its process title: the switches may be one space-separated string.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]+/);
  } catch {
    return [];
  }
}

/** Chromium's role of a process: browser, renderer, gpu, utility, zygote, other; or null (not Chromium). */
export function chromiumRole(p) {
  const args = cmdline(p.pid);
  const exe = args[0] ?? '';
  if (!/chrom/i.test(p.comm) && !/chrom/i.test(exe)) return null;
  const type = args.find((a) => a.startsWith('--type='))?.slice(7);
  if (!type) return /crashpad/i.test(exe) ? 'other' : 'browser';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'renderer' || type === 'utility' || type === 'zygote') return type;
  return 'other';
}

/** RSS and PSS (MiB) of a process; PSS splits shared pages between sharers, so PSS sums honestly. */
export function memoryOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMiB: kb('Rss') / 1024, pssMiB: kb('Pss') / 1024 };
  } catch {
    try {
      const [, resident] = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ').map(Number);
      return { rssMiB: (resident * PAGE_KB) / 1024, pssMiB: NaN };
    } catch {
      return { rssMiB: NaN, pssMiB: NaN };
    }
  }
}

/** CPU seconds per pid of this process's Chromium (by role) and ffmpeg descendants, now. */
export function snapshotCpu() {
  const procs = new Map();
  for (const p of descendants()) {
    const role = p.comm === 'ffmpeg' ? 'ffmpeg' : chromiumRole(p);
    if (role) procs.set(p.pid, { role, cpuS: p.cpuS });
  }
  return { at: performance.now(), procs, machine: machineCpu() };
}

/**
 * CPU seconds used between two snapshots, summed by role. A process born in between counts from
 * zero; one that died in between is lost (rare: Chromium keeps its processes for the page's life).
 */
export function cpuBetween(a, b) {
  const byRole = {};
  for (const [pid, p] of b.procs) {
    const before = a.procs.get(pid)?.cpuS ?? 0;
    byRole[p.role] = (byRole[p.role] ?? 0) + Math.max(0, p.cpuS - before);
  }
  const seconds = (b.at - a.at) / 1000;
  const chromium = Object.entries(byRole).filter(([r]) => r !== 'ffmpeg').reduce((s, [, v]) => s + v, 0);
  const machineBusy = b.machine.busyS - a.machine.busyS;
  const machineTotal = b.machine.totalS - a.machine.totalS;
  return {
    seconds,
    byRoleS: byRole,
    chromiumS: chromium,
    ffmpegS: byRole.ffmpeg ?? 0,
    /** Busy CPU seconds of the whole machine, all cores, and what of it was not ours. */
    machineBusyS: machineBusy,
    machineBusyPct: machineTotal > 0 ? (100 * machineBusy) / machineTotal : NaN,
    othersS: machineBusy - chromium - (byRole.ffmpeg ?? 0),
  };
}

/** Memory of every Chromium process of this run, by role (MiB, summed over processes of a role). */
export function sampleMemory() {
  const out = {};
  for (const p of descendants()) {
    const role = chromiumRole(p);
    if (!role) continue;
    const m = memoryOf(p.pid);
    const r = (out[role] ??= { rssMiB: 0, pssMiB: 0, processes: 0 });
    r.rssMiB += m.rssMiB;
    r.pssMiB += m.pssMiB;
    r.processes++;
  }
  return out;
}

/** Machine-wide busy and total CPU seconds (all cores) from /proc/stat. */
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line;
  const busy = user + nice + system + irq + softirq + steal;
  return { busyS: busy / clkTck, totalS: (busy + idle + iowait) / clkTck };
}
