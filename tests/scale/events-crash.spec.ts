/**
 * Events survive a crash between the commit and the delivery, on both engines: while a stream of
 * lifecycle writes is in flight and the webhook receiver answers slowly (so committed events wait
 * in the outbox and deliveries are in flight), the server is killed with SIGKILL (on PostgreSQL
 * the database crashes at the same moment). After the restart every event of the agents' orders
 * reaches the receiver — which, like any Standard Webhooks receiver, processes each webhook-id
 * once — and each was signed with the endpoint's secret (checked with the standardwebhooks library).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createDatabase, type Database } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { ORDER_EVENT_TYPES } from "@/lib/events/catalog";
import { createEndpoint } from "@/lib/events/webhooks/endpoints";
import type { Role } from "@/lib/accounts/roles";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV, describeLoad, runLifecycleLoad } from "@/harness/lifecycle-load";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { startWebhookReceiver, type WebhookReceiver } from "@/harness/webhook-receiver";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 4;
const ENGINES: Engine[] = ["sqlite", "postgresql"];
const SERVER_ENV = { ...LOAD_SERVER_ENV, SCOP_WEBHOOKS_ALLOW_LOCAL: "1", SCOP_OUTBOX_LEASE_SECONDS: "5", SCOP_WEBHOOK_RETRY_BASE_SECONDS: "1", SCOP_DELIVERY_CONCURRENCY: "4" };

/** The webhook-ids these agents' endpoints must receive: every order event of their orders (as any party), per the outbox. */
async function expectedIds(db: Database, agentIds: number[]): Promise<Set<string>> {
  const events = await db.prisma.outboxEvent.findMany({
    where: {
      type: { in: [...ORDER_EVENT_TYPES] },
      order: { OR: [{ sellerId: { in: agentIds } }, { buyerId: { in: agentIds } }, { plantId: { in: agentIds } }] },
    },
    select: { id: true },
  });
  return new Set(events.map((event) => `msg_${event.id}`));
}

for (const engine of ENGINES) {
  test(`${engine}: SIGKILL between commit and delivery — after the restart every event is delivered, each webhook-id processed once`, async () => {
    test.setTimeout(300_000);
    let cluster: PostgresCluster | undefined;
    let directory: string | undefined;
    let url: string;
    if (engine === "postgresql") {
      cluster = await startPostgresCluster({ fsync: true });
      url = await createPostgresDatabase(cluster.adminUrl, "scop_events_crash");
    } else {
      directory = mkdtempSync(path.join(tmpdir(), "scop-events-crash-"));
      url = `file:${path.join(directory, "crash.db")}`;
    }
    const receiver: WebhookReceiver = await startWebhookReceiver();
    // slow enough that deliveries lag behind the writes and some are in flight at the kill
    receiver.respond(() => new Promise((resolve) => setTimeout(() => resolve(204), 150)));
    let server: AppServer | undefined;
    try {
      await seedDemoDatabase(url);
      const setup = createDatabase(url);
      const { keys, agents } = await loadActors(setup);
      const secrets = new Map<string, string>();
      const sellerIds = [agents.flowASellerId, agents.flowBSellerId];
      process.env.SCOP_WEBHOOKS_ALLOW_LOCAL = "1";
      for (const username of ["vendedor", "comercializador"]) {
        const user = await setup.prisma.user.findUniqueOrThrow({ where: { username } });
        const { secret } = await createEndpoint(setup, { userId: user.id, agentId: user.agentId, role: user.role as Role }, { url: `${receiver.url}/${username}`, eventTypes: [...ORDER_EVENT_TYPES] });
        secrets.set(`/${username}`, secret);
      }
      delete process.env.SCOP_WEBHOOKS_ALLOW_LOCAL;
      await setup.close();

      server = await startAppServer({ databaseUrl: url, port: PORT, env: SERVER_ENV });
      const load = { baseUrls: [server.url], keys, agents, concurrency: 8, timeoutMs: 15_000 };
      const stop = new AbortController();
      let crashed!: () => void;
      const crash = new Promise<void>((resolve) => (crashed = resolve));
      const stream = runLifecycleLoad({ ...load, journeys: 100_000, until: stop.signal, seed: 17, onSuccess: (count) => count >= 80 && crashed() });
      await crash;
      const atKill = receiver.processed.size;
      await Promise.all([server.kill("SIGKILL"), Promise.resolve().then(() => cluster?.crash())]);
      stop.abort();
      const first = await stream;
      console.log(`${engine}, antes del SIGKILL: ${describeLoad(first)}`);

      cluster?.start();
      const db = createDatabase(url);
      try {
        const committed = await expectedIds(db, sellerIds);
        const undelivered = [...committed].filter((id) => !receiver.processed.has(id)).length;
        console.log(`${engine}: al matar el servidor, ${atKill} eventos recibidos de ${committed.size} confirmados (${undelivered} sin entregar)`);
        // the kill really fell between commits and deliveries
        expect(undelivered).toBeGreaterThan(0);

        server = await startAppServer({ databaseUrl: url, port: PORT, env: SERVER_ENV });
        const deadline = Date.now() + 180_000;
        for (;;) {
          const pending = (await db.prisma.outboxEvent.count({ where: { processedAt: null } })) + (await db.prisma.webhookDelivery.count({ where: { status: "PENDIENTE" } }));
          if (pending === 0) break;
          if (Date.now() > deadline) throw new Error(`quedan ${pending} eventos o entregas pendientes`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        const expected = await expectedIds(db, sellerIds);
        expect(expected.size).toBe(committed.size); // nothing written after the restart
        const missing = [...expected].filter((id) => !receiver.processed.has(id));
        expect(missing, "eventos confirmados que nunca llegaron").toEqual([]);
        expect([...receiver.processed.keys()].filter((id) => !expected.has(id)), "webhook-ids que no son eventos confirmados").toEqual([]);
        const redelivered = receiver.requests.length - receiver.processed.size;
        console.log(`${engine}: ${expected.size} eventos entregados tras reiniciar; ${redelivered} reenvíos de entregas en vuelo (el receptor los descarta por webhook-id)`);
        // Every processed body is the event's, signed with its endpoint's secret.
        for (const received of receiver.processed.values()) {
          new Webhook(secrets.get(received.path)!).verify(received.body, {
            "webhook-id": String(received.headers["webhook-id"]),
            "webhook-timestamp": String(received.headers["webhook-timestamp"]),
            "webhook-signature": String(received.headers["webhook-signature"]),
          });
        }
        // And every movement has its event: exactly one per movement, as many as committed (the
        // legacy SCOP's imported history notifies nobody: it has no events).
        expect(await db.prisma.outboxEvent.count({ where: { type: { in: [...ORDER_EVENT_TYPES] } } })).toBe(
          await db.prisma.movement.count({ where: { order: { legacyImportId: null } } }),
        );
      } finally {
        await db.close();
      }
    } finally {
      await server?.kill();
      await receiver.close();
      cluster?.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    }
  });
}
