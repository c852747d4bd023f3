/**
 * The rate limits across instances: two production servers on one PostgreSQL, each API key
 * limited to 20 requests a minute and each address to 6 public lookups a minute. Requests sent to
 * both in turn get 20 (and 6) answers between them, not 20 (6) each: the counts are in the
 * database (api_rate_limits), and both refuse once they are spent.
 */
import { expect, test } from "@playwright/test";
import { createDatabase } from "@/lib/db/database";
import { POSTGRES_ADMIN_URL_VARIABLE } from "../support/playwright-setup";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { sql } from "@/lib/db/sql";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const LIMIT = 20;
const PUBLIC_LIMIT = 6;

test("two instances on one PostgreSQL enforce one rate limit per API key, and one per address for public lookups, between them", async () => {
  const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${POSTGRES_ADMIN_URL_VARIABLE} no está definida: la configuración global de Playwright inicia PostgreSQL.`);
  const url = await createPostgresDatabase(adminUrl, "scop_rate_limit");
  await seedDemoDatabase(url);
  const db = createDatabase(url);
  const servers: AppServer[] = [];
  try {
    const { keys } = await loadActors(db);
    const env = { SCOP_API_RATE_LIMIT_PER_MINUTE: String(LIMIT), SCOP_PUBLIC_LOOKUPS_PER_MINUTE: String(PUBLIC_LIMIT) };
    servers.push(...(await Promise.all([startAppServer({ databaseUrl: url, port: PORT, env }), startAppServer({ databaseUrl: url, port: PORT + 1, env })])));
    const get = (server: AppServer, key: string) => fetch(`${server.url}/api/v1/orders?limit=1`, { headers: { authorization: `Bearer ${key}` } });

    const answers: { instance: number; status: number; retryAfter: string | null; code?: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await get(servers[i % 2], keys.buyers[0]);
      const body = (await response.json()) as { code?: string };
      answers.push({ instance: i % 2, status: response.status, retryAfter: response.headers.get("retry-after"), code: body.code });
    }
    const accepted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    console.log(`límite ${LIMIT}/min, 30 solicitudes alternadas entre dos instancias: ${accepted.length} aceptadas (${accepted.filter((a) => a.instance === 0).length} + ${accepted.filter((a) => a.instance === 1).length}), ${refused.length} rechazadas con 429`);
    expect(accepted).toHaveLength(LIMIT);
    expect(refused).toHaveLength(30 - LIMIT);
    expect(answers.slice(0, LIMIT).every((answer) => answer.status === 200)).toBe(true);
    // both instances refuse, with the problem's code and the seconds to wait
    expect(new Set(refused.map((answer) => answer.instance))).toEqual(new Set([0, 1]));
    for (const answer of refused) {
      expect(answer.code).toBe("DEMASIADAS_SOLICITUDES");
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
    }
    // another key has its own count, on either instance
    expect((await get(servers[0], keys.buyers[1])).status).toBe(200);
    expect((await get(servers[1], keys.buyers[1])).status).toBe(200);
    // the shared count is in the database
    const [row] = await db.sql.all<{ points: number }>(sql`SELECT points FROM api_rate_limits WHERE key LIKE 'api_key:%' ORDER BY points DESC LIMIT 1`);
    expect(row.points).toBeGreaterThan(LIMIT);

    // the public verification, no session: one budget per address (both servers see this client
    // as the same address), whichever instance answers
    const lookups: { instance: number; status: number; code?: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${servers[i % 2].url}/api/verificacion/codigo/1234567890${i}`);
      lookups.push({ instance: i % 2, status: response.status, code: ((await response.json()) as { code?: string }).code });
    }
    console.log(`límite público ${PUBLIC_LIMIT}/min por dirección, 10 consultas alternadas: ${lookups.filter((l) => l.status === 200).length} respondidas, ${lookups.filter((l) => l.status === 429).length} rechazadas con 429`);
    expect(lookups.slice(0, PUBLIC_LIMIT).map((lookup) => lookup.status)).toEqual(Array(PUBLIC_LIMIT).fill(200));
    expect(lookups.slice(PUBLIC_LIMIT).map((lookup) => [lookup.status, lookup.code])).toEqual(Array(10 - PUBLIC_LIMIT).fill([429, "DEMASIADAS_CONSULTAS"]));
    expect(new Set(lookups.slice(PUBLIC_LIMIT).map((lookup) => lookup.instance))).toEqual(new Set([0, 1]));
  } finally {
    await Promise.all(servers.map((server) => server.kill()));
    await db.close();
  }
});
