// Where the CPU went during a load's measured window, in cores (CPU seconds per second): the server
// instances, PostgreSQL (every local process named postgres), and this process, which generates the load.
// With everything on one machine these share its cores, so they say how far a second instance can go:
// whatever one instance and its database leave idle is all a second one can add.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuShare {
  servers: number;
  postgres: number;
  loadGenerator: number;
  /** Cores of the machine. */
  cores: number;
}

interface Sample {
  at: number;
  servers: number;
  postgres: number;
  self: number;
}

/** Linux clock ticks per second (USER_HZ): /proc counts CPU time in these. */
const TICKS = 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processTicks(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

function sample(serverPids: number[]): Sample {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    servers: serverPids.reduce((sum, pid) => sum + processTicks(pid), 0) / TICKS,
    postgres: postgresTicks() / TICKS,
    self: (usage.user + usage.system) / 1e6,
  };
}

/** Starts measuring; `stop` gives the shares since. Zero where /proc is not there (not Linux). */
export function measureCpu(serverPids: number[]): { stop(): CpuShare } {
  const start = sample(serverPids);
  return {
    stop() {
      const end = sample(serverPids);
      const seconds = (end.at - start.at) / 1000;
      const share = (a: number, b: number) => Math.round(((b - a) / seconds) * 100) / 100;
      return {
        servers: share(start.servers, end.servers),
        postgres: share(start.postgres, end.postgres),
        loadGenerator: share(start.self, end.self),
        cores: availableParallelism(),
      };
    },
  };
}

export function describeCpu(cpu: CpuShare): string {
  return `cores used: server ${cpu.servers}, PostgreSQL ${cpu.postgres}, load generator ${cpu.loadGenerator} (of ${cpu.cores})`;
}
