/**
 * CPU seconds used by a process and its descendants, from /proc (Linux). On a shared machine the
 * throughput of a cell depends on what else runs; the CPU time the server spends per request
 * does much less, so the table reports both.
 */
import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks */
  ticks: number;
}

function stat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name may hold spaces: fields start after its closing parenthesis
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
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

/** CPU seconds of `root` and every process below it, now. */
export function treeCpuSeconds(root: number): number {
  const all = processes();
  const children = new Map<number, ProcStat[]>();
  for (const entry of all) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  let ticks = 0;
  const stack = all.filter((entry) => entry.pid === root);
  while (stack.length) {
    const entry = stack.pop()!;
    ticks += entry.ticks;
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
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
