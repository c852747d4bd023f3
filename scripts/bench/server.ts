/** The production server (`npm start`: server.ts) the HTTP cells run against, one per engine. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The server serves the last `npm run build`: refuse to measure without one. */
export function assertBuilt(root: string): void {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId) || !existsSync(path.join(root, ".next/scop-server.mjs"))) {
    throw new Error("No hay una compilación de producción (.next/BUILD_ID): ejecute `npm run build` antes del benchmark.");
  }
  const built = statSync(buildId).mtimeMs;
  console.log(`Compilación de producción del ${new Date(built).toISOString()} (.next/BUILD_ID); si cambió el código, ejecute \`npm run build\` otra vez.`);
}

export async function startServer(root: string, port: number, env: Record<string, string>, cpuProfileDir?: string): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const entry = path.join(root, ".next/scop-server.mjs");
  const child: ChildProcess = spawn(process.execPath, [...profile, entry, "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    // the demo mode: the benchmark's throw-away databases use the public development secrets
    env: { ...process.env, NODE_ENV: "production", SCOP_DEMO: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`el servidor terminó (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`el servidor no respondió en 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      // SIGINT lets node write the CPU profile on the way out.
      child.kill(cpuProfileDir ? "SIGINT" : "SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      if (process.env.BENCH_DEBUG) console.error(output);
    },
  };
}
