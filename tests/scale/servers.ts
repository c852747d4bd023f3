/**
 * What the scale tests and the load script need around the load itself: a migrated database with
 * the demo data, API keys of the demo users acting in the journeys, and production servers
 * (`next start` of the current build) started and killed at will.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createApiKey } from "@/lib/api/keys";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { secret } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import type { Role } from "@/lib/accounts/roles";
import { seedDemo } from "@/lib/seed/demo";
import type { LoadAgents, LoadKeys } from "./load";

const root = path.resolve(import.meta.dirname, "../..");

/** A fresh PostgreSQL database in the cluster of `adminUrl`; returns its url. */
export async function createPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Migrates `url` and loads the demo data (the README's quick start, without the build). */
export async function seedDemoDatabase(url: string): Promise<void> {
  await migrate(url, root);
  const db = createDatabase(url);
  try {
    await seedDemo({ db, codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")), now: () => new Date() });
  } finally {
    await db.close();
  }
}

/** An API key for each demo user acting in the load, and the agents it names in its requests. */
export async function loadActors(db: Database): Promise<{ keys: LoadKeys; agents: LoadAgents }> {
  const keyOf = async (username: string) => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username } });
    const created = await createApiKey(db, { userId: user.id, agentId: user.agentId, role: user.role as Role }, `carga-${Date.now()}`);
    return created.key;
  };
  const agentId = async (username: string) => (await db.prisma.user.findUniqueOrThrow({ where: { username } })).agentId;
  return {
    keys: {
      buyers: [await keyOf("comprador"), await keyOf("comprador2"), await keyOf("fotones")],
      flowASeller: await keyOf("vendedor"),
      flowBSeller: await keyOf("comercializador"),
      plantOperator: await keyOf("operador"),
    },
    agents: { flowASellerId: await agentId("vendedor"), flowBSellerId: await agentId("comercializador"), plantId: await agentId("operador") },
  };
}

export interface AppServer {
  baseUrl: string;
  /** Kills the server's whole process group with this signal and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The production server (`npm start`) of the current build on 127.0.0.1:port with this database, in its own
 * process group (so SIGKILL reaches every process of it); resolves once it answers.
 */
export async function startAppServer(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<AppServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, ".next/scop-server.mjs"), "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", SCOP_DEMO: "1", SCOP_API_RATE_LIMIT_PER_MINUTE: "100000", ...env },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
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
    if (child.exitCode !== null) throw new Error(`el servidor terminó al iniciar (código ${child.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/openapi.json`)).ok) return { baseUrl, kill };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill("SIGKILL");
      throw new Error(`el servidor no respondió en ${baseUrl} en 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
