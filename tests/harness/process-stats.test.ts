import { describe, expect, it } from "vitest";
import { parseStat, treeTicks, treeCpuSeconds, type ProcStat } from "@/harness/process-stats";

/** A /proc/<pid>/stat line with the fields the accounting reads (pid, comm, ppid, utime, stime, cutime, cstime). */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, cutime: number, cstime: number) {
  // fields 3…52 after the command: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime, cutime, cstime, …
  return `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 12345 1000000 200 ${"0 ".repeat(30).trim()}\n`;
}

describe("process CPU accounting", () => {
  it("reads utime, stime and the reaped children's time after a command name with spaces and parentheses", () => {
    expect(parseStat(statLine(4242, "postgres: scop scop_bench (idle)", 17, 120, 30, 400, 50))).toEqual({
      pid: 4242,
      ppid: 17,
      ticks: 150,
      childTicks: 450,
    });
  });

  it("never falls when a child process ends: its time moves to its parent's reaped-children time", () => {
    const postmaster = (childTicks: number): ProcStat => ({ pid: 10, ppid: 1, ticks: 5, childTicks });
    const backend: ProcStat = { pid: 11, ppid: 10, ticks: 300, childTicks: 0 };
    const checkpointer: ProcStat = { pid: 12, ppid: 10, ticks: 2, childTicks: 0 };
    const stranger: ProcStat = { pid: 99, ppid: 1, ticks: 1000, childTicks: 0 };
    const before = treeTicks([postmaster(0), backend, checkpointer, stranger], 10);
    // the backend did 20 more ticks of work, then its connection closed and the postmaster reaped it
    const after = treeTicks([postmaster(320), { ...checkpointer, ticks: 3 }, stranger], 10);
    expect(before).toBe(307);
    expect(after - before).toBe(21);
    // what the sum of live processes alone would have said
    const liveOnly = (all: ProcStat[]) => treeTicks(all.map((entry) => ({ ...entry, childTicks: 0 })), 10);
    expect(liveOnly([postmaster(320), { ...checkpointer, ticks: 3 }]) - liveOnly([postmaster(0), backend, checkpointer])).toBeLessThan(0);
  });

  it("counts a child process that ran and ended while being measured", async () => {
    const { spawnSync } = await import("node:child_process");
    const before = treeCpuSeconds(process.pid);
    // a child that burns 0.3 s of CPU and exits (spawnSync reaps it)
    spawnSync(process.execPath, ["-e", "while (process.cpuUsage().user < 300000);"]);
    const after = treeCpuSeconds(process.pid);
    expect(after - before).toBeGreaterThanOrEqual(0.2);
  });
});
