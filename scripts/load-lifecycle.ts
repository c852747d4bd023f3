/**
 * `npx tsx scripts/load-lifecycle.ts --base-url http://127.0.0.1:3000 [--base-url …] [--database-url URL]
 *  [--journeys 100] [--concurrency 16] [--seed N]`: a bounded lifecycle load over the HTTP API on
 * running servers of one demo database (tests/scale/load.ts), then the integrity checker with every
 * acknowledged request. Makes its API keys for the demo users directly in the database, so it needs
 * the same DATABASE_URL as the servers. Exits 1 when something acknowledged is missing or the
 * database is inconsistent.
 */
import { parseArgs } from "node:util";
import { databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { checkAcknowledged, checkIntegrity } from "@/lib/orders/integrity";
import { loadActors } from "@/harness/demo-database";
import { describeLoad, runLifecycleLoad } from "@/harness/lifecycle-load";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", multiple: true, default: ["http://127.0.0.1:3000"] },
    "database-url": { type: "string" },
    journeys: { type: "string", default: "100" },
    concurrency: { type: "string", default: "16" },
    seed: { type: "string", default: "7" },
  },
});

const db = createDatabase(values["database-url"] ?? databaseUrl());
try {
  const { keys, agents } = await loadActors(db);
  const result = await runLifecycleLoad({
    baseUrls: values["base-url"],
    keys,
    agents,
    journeys: Number(values.journeys),
    concurrency: Number(values.concurrency),
    seed: Number(values.seed),
  });
  console.log(describeLoad(result));
  const violations = [...(await checkAcknowledged(db, result.acknowledged)), ...(await checkIntegrity(db)).violations];
  for (const v of violations) console.log(`[${v.kind}] ${v.orderCode ? `orden ${v.orderCode}` : `agente ${v.agentId}`}: ${v.message}`);
  console.log(violations.length ? `Integridad: ${violations.length} inconsistencias.` : "Integridad: sin inconsistencias; todo lo confirmado está registrado.");
  process.exitCode = violations.length || result.doubleWins ? 1 : 0;
} finally {
  await db.close();
}
