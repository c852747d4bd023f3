/**
 * What a process and its descendants use, from /proc (Linux): CPU time and memory. On a shared
 * machine the throughput or the latency of a request depends on what else runs; the CPU time the
 * server spends on it does much less, so the benchmarks report both.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks (it keeps the time of threads that have ended) */
  ticks: number;
  /**
   * cutime + cstime, in clock ticks: the CPU of children that ended and were reaped by this
   * process (with their own reaped children's). A PostgreSQL backend that exits takes its time
   * out of the sum of live processes and the postmaster's `childTicks` gains it.
   */
  childTicks: number;
}

/** One line of /proc/<pid>/stat. */
export function parseStat(text: string): ProcStat {
  // the command name may hold spaces and parentheses: fields start after its last closing one
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return {
    pid: Number(text.slice(0, text.indexOf(" "))),
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
    childTicks: Number(fields[13]) + Number(fields[14]),
  };
}

function stat(pid: string): ProcStat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null; // exited meanwhile
  }
}

function processes(): ProcStat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(stat)
    .filter((entry): entry is ProcStat => entry !== null);
}

/** `root` and every process below it, out of `all`. */
function subtree(all: readonly ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const entry of all) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  const found: ProcStat[] = [];
  const stack = all.filter((entry) => entry.pid === root);
  while (stack.length) {
    const entry = stack.pop()!;
    found.push(entry);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return found;
}

const tree = (root: number) => subtree(processes(), root);

/**
 * CPU ticks a process tree has used, counting processes that have ended: each live process's own
 * time plus what its reaped children used. Summing only the live processes' own time falls
 * when a process ends (a pool's connections closing took their PostgreSQL backends' seconds out
 * of the sum, and bench:lifecycle printed negative CPU); with the reaped children's time it never
 * decreases while the root lives, so a difference of two readings is the CPU used between them.
 */
export function treeTicks(all: readonly ProcStat[], root: number): number {
  return subtree(all, root).reduce((sum, entry) => sum + entry.ticks + entry.childTicks, 0);
}

/** The pids of `root` and every process below it. */
export function processTree(root: number): number[] {
  return tree(root).map((entry) => entry.pid);
}

/** CPU seconds of `root` and every process below it, now. */
export function treeCpuSeconds(root: number): number {
  return treeTicks(processes(), root) / TICKS_PER_SECOND;
}

/**
 * CPU of the threads of `root`'s processes as they are now, in nanoseconds (first field of
 * /proc/…/task/…/schedstat): finer than clock ticks, for one request at a time. Threads that
 * start later are not counted; a thread that ends stops counting.
 */
export function threadsCpu(root: number): () => number {
  const files = processTree(root).flatMap((pid) => readdirSync(`/proc/${pid}/task`).map((task) => `/proc/${pid}/task/${task}/schedstat`));
  return () => {
    let total = 0;
    for (const file of files) {
      try {
        total += Number(readFileSync(file, "utf8").split(" ")[0]);
      } catch {
        // a thread that ended
      }
    }
    return total;
  };
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of `root` and its descendants now, in MB. */
export const treeRssMb = (root: number) => processTree(root).reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0) / 1024;

/** The kernel's peak resident memory (VmHWM) of `root` and its descendants since resetPeaks, in MB. */
export const treeHwmMb = (root: number) => processTree(root).reduce((sum, pid) => sum + statusKb(pid, "VmHWM"), 0) / 1024;

/** Resets the kernel's peak-RSS mark (VmHWM) of the processes, so the next peak covers one piece of work. */
export function resetPeaks(root: number): void {
  for (const pid of processTree(root)) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      // not permitted here: a sampled peak still stands
    }
  }
}

/** The PostgreSQL server listening on `port` (its postmaster), found by its command line. */
export function postmasterOn(port: number): number | undefined {
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (argv[0].endsWith("/postgres") && argv.join(" ").includes(`-p ${port}`)) return Number(name);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}
