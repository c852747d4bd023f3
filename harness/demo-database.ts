/**
 * What the scale tests and the load script need around the load itself: a migrated database with
 * the demo data, and API keys of the demo users acting in the journeys (lifecycle-load.ts).
 */
import pg from "pg";
import { createApiKey } from "@/lib/api/keys";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { secret } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import type { Role } from "@/lib/accounts/roles";
import { demoDayFromEnvironment, seedDemo } from "@/lib/seed/demo";
import { ROOT } from "./app-server";
import type { LoadAgents, LoadKeys } from "./lifecycle-load";

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
  await migrate(url, ROOT);
  const db = createDatabase(url);
  try {
    await seedDemo({ db, codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")), now: () => new Date() }, { today: demoDayFromEnvironment(new Date()) });
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
