/**
 * The production server (`npm start`: .next/scop-server.mjs, built by `npm run build`) started
 * for a test or a benchmark, on 127.0.0.1:port with the database and settings given, in a process
 * group of its own (so a signal reaches every process of it, as a crash would); resolves once it
 * answers the load balancer's health check.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

/** The project's root: where `npm run build` leaves .next/. */
export const ROOT = path.resolve(import.meta.dirname, "..");

export interface AppServer {
  /** http://127.0.0.1:port */
  url: string;
  /** the server's process (its threads and any child are counted by process-stats.ts) */
  pid: number;
  /** Ends the server (SIGTERM; SIGINT when profiling, so node writes the profile) and waits for it. */
  stop(): Promise<void>;
  /** Sends `signal` to the server's whole process group and waits until it is gone (SIGKILL: a crash). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface AppServerOptions {
  port: number;
  /** DATABASE_URL of the server */
  databaseUrl: string;
  /** more environment (secrets, limits) over the current process's */
  env?: Record<string, string>;
  /** writes a V8 CPU profile of the server into this directory when it stops */
  cpuProfileDir?: string;
  /** "inherit" shows the server's log as it runs; by default it is kept and shown if the server fails to start */
  logs?: "inherit" | "capture";
}

/** The server serves the last `npm run build`: refuse to run without one, and say how old it is. */
export function assertBuilt(root = ROOT): void {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId) || !existsSync(path.join(root, ".next/scop-server.mjs"))) {
    throw new Error("No hay una compilación de producción (.next/BUILD_ID): ejecute `npm run build` primero (en la carpeta del proyecto).");
  }
  console.log(`Compilación de producción del ${new Date(statSync(buildId).mtimeMs).toISOString()} (.next/BUILD_ID); si cambió el código, ejecute \`npm run build\` otra vez.`);
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const inherit = options.logs === "inherit";
  const child: ChildProcess = spawn(process.execPath, [...profile, path.join(ROOT, ".next/scop-server.mjs"), "-H", "127.0.0.1", "-p", String(options.port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", inherit ? "inherit" : "pipe", inherit ? "inherit" : "pipe"],
    env: { ...process.env, DATABASE_URL: options.databaseUrl, NODE_ENV: "production", ...options.env },
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    await exited;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`el servidor terminó al iniciar (código ${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill("SIGKILL");
      throw new Error(`el servidor no respondió en ${url} en 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    kill,
    async stop() {
      const timer = setTimeout(() => void kill("SIGKILL"), 10_000);
      await kill(options.cpuProfileDir ? "SIGINT" : "SIGTERM");
      clearTimeout(timer);
      if (process.env.BENCH_DEBUG) console.error(output);
    },
  };
}
