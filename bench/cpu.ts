// CPU seconds used by process trees (Linux /proc), and by the rest of the machine, to show where a leg's time goes.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type CpuRoots = Record<string, number | 'bench'>;
export type CpuSeconds = Record<string, number>;

const MACHINE = '\u0000machine';
let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** pid → [ppid, utime + stime in ticks] for every live process. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from "state" (3rd) on
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return table;
}

function treeTicks(table: Map<number, [number, number]>, root: number): number {
  let ticks = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    ticks += table.get(pid)?.[1] ?? 0;
    for (const [child, [parent]] of table) if (parent === pid) pending.push(child);
  }
  return ticks;
}

/** Busy ticks of all CPUs (user, nice, system, irq, softirq, steal) from /proc/stat. */
function machineTicks(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** CPU seconds so far of each named process tree ('bench' = this process, all its threads). */
export function sampleCpu(roots: CpuRoots): CpuSeconds {
  if (process.platform !== 'linux') return {};
  const table = processTable();
  const own = process.cpuUsage();
  const named = Object.entries(roots).map(([name, root]) => [
    name,
    root === 'bench' ? (own.user + own.system) / 1e6 : treeTicks(table, root) / clockTicks(),
  ]);
  return Object.fromEntries([...named, [MACHINE, machineTicks() / clockTicks()]]);
}

/** Per-tree CPU seconds between two samples, plus `other`: the rest of the machine (other sessions, kernel, steal). */
export function cpuSince(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const named = Object.keys(after).filter((name) => name !== MACHINE);
  const used = Object.fromEntries(named.map((name) => [name, after[name] - (before[name] ?? 0)]));
  if (after[MACHINE] === undefined) return used;
  const tracked = Object.values(used).reduce((a, b) => a + b, 0);
  return { ...used, other: Math.max(0, after[MACHINE] - before[MACHINE] - tracked) };
}

export function describeCpu(cpu: CpuSeconds, wallSeconds: number, cores: number): string {
  const used = Object.values(cpu).reduce((a, b) => a + b, 0);
  const parts = Object.entries(cpu).map(([name, s]) => `${name} ${s.toFixed(1)}`);
  return `${parts.join(', ')} = ${used.toFixed(1)} of ${(wallSeconds * cores).toFixed(1)} available (${cores} cores × ${wallSeconds.toFixed(1)} s)`;
}
