/**
 * The receipt-time migration (20261206100000) on data written before it: orders closed before the
 * descarga was declared keep their days late, marked as counted from the day of the sale or the
 * dispatch (latenessBasis VENTA_DESPACHO), and the report and its CSV say so; rejections, never
 * findings before, do not become late rejections. The real migration files, on both engines: the
 * earlier ones first, rows as the old code wrote them, then this one.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { createDatabase, type Database } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { sql, type Sql } from "@/lib/db/sql";
import { migrate } from "@/lib/db/migrate";
import { checkIntegrity } from "@/lib/orders/integrity";
import { LATENESS_BASIS_LABELS } from "@/lib/orders/receipt";
import { orderCells } from "@/lib/regulator/compliance/export";
import { lateOrdersPage } from "@/lib/regulator/compliance/late-orders";
import { complianceParamsSchema } from "@/lib/regulator/compliance/parameters";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { ENGINES } from "../support/test-database";
import { TEST_CODE_SECRET } from "../support/world";

const root = path.resolve(import.meta.dirname, "../..");
const VERSION = "20261206100000";
const codes = new AuthorizationCodeGenerator(TEST_CODE_SECRET);
/** Lima is UTC−5 all year. */
const lima = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() + 5 * 3_600_000);

/** A project root whose migrations are the real ones of `engine` before (or up to) this one. */
function migrationsRoot(engine: Engine, dir: string, includeThis: boolean) {
  const target = path.join(dir, "prisma/migrations", engine);
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(path.join(root, "prisma/migrations", engine))) {
    if (file.slice(0, 14) < VERSION || (includeThis && file.startsWith(VERSION))) copyFileSync(path.join(root, "prisma/migrations", engine, file), path.join(target, file));
  }
  return dir;
}

describe.each(ENGINES)("the receipt-time migration on %s", (engine) => {
  const dir = path.join(root, "tests/.tmp", `migration-${randomUUID().slice(0, 8)}`);
  let url: string;
  let db: Database;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    if (engine === "sqlite") url = `file:${path.join(dir, "legacy.db")}`;
    else {
      const template = new URL(inject("postgresTemplateUrl"));
      template.pathname = `/legacy_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
      url = template.toString();
    }
    await migrate(url, migrationsRoot(engine, dir, false));
    db = createDatabase(url);

    // The registry and the orders as the code before this change wrote them.
    const now = lima("2026-03-20", "12:00");
    const insert = (statement: Sql) => db.sql.all<{ id: number }>(sql`${statement} RETURNING id`);
    const agent = async (type: string, name: string, ruc: string, capacity: number) =>
      Number(
        (
          await insert(
            sql`INSERT INTO agents (type, business_name, ruc, registry_number, address, department, province, district, storage_capacity, committed_volume, insurance_expires_on, created_at, updated_at)
             VALUES (${type}, ${name}, ${ruc}, ${`${ruc.slice(-5)}-038-150516`}, 'Av. Uno 1', 'Lima', 'Lima', 'Ate', ${capacity}, 0, '2030-12-31', ${now}, ${now})`,
          )
        )[0].id,
      );
    const buyer = await agent("GASOCENTRO", "Grifo Antiguo S.A.C.", "20100070970", 1_000_000);
    const seller = await agent("PLANTA_ENVASADORA", "Envasadora Antigua S.A.C.", "20100047218", 0);
    const user = async (agentId: number, role: string) =>
      Number(
        (
          await insert(
            sql`INSERT INTO users (username, full_name, password_hash, role, agent_id, created_at, updated_at)
                VALUES (${`${role.toLowerCase()}${agentId}`}, ${role}, 'x', ${role}, ${agentId}, ${now}, ${now})`,
          )
        )[0].id,
      );
    const buyerUser = await user(buyer, "COMPRADOR");
    const sellerUser = await user(seller, "VENDEDOR");

    /** Flow a: requested at 10:00 and sold at 11:00 on `day`; ended at `endedAt` in `state`. */
    let next = 1;
    const order = async (name: string, day: string, end: { state: "CERRADO" | "RECHAZADO" | "POR_CERRAR"; at?: Date; daysLate?: number | null; reason?: string; received?: boolean }) => {
      const id = next++;
      ids[name] = id;
      const [requested, sold] = [lima(day, "10:00"), lima(day, "11:00")];
      const ended = end.state === "POR_CERRAR" ? null : end.at!;
      await db.sql.run(
        sql`INSERT INTO orders (id, code, flow, buyer_id, seller_id, requested_volume, delivery_date, state, version, requested_at, sold_at, por_cerrar_at,
           por_cerrar_day, ended_at, days_late, rejection_reason, updated_at)
           VALUES (${id}, ${codes.codeFor(id)}, 'A', ${buyer}, ${seller}, 10000, ${day}, ${end.state}, ${ended ? 2 : 1}, ${requested}, ${sold}, ${sold},
             ${day}, ${ended}, ${end.daysLate ?? null}, ${end.reason ?? null}, ${ended ?? sold})`,
      );
      await db.sql.run(
        sql`INSERT INTO lots (order_id, position, sold_volume, plate, guia_remision, factura, received_volume, rejected)
            VALUES (${id}, 1, 10000, 'ABC-123', 'T001-1', 'F001-1', ${end.received ? 10_000 : null}, ${end.state === "RECHAZADO"})`,
      );
      const movement = (event: string, state: string, at: Date, userId: number, agentId: number, detail: string | null = null) =>
        db.sql.run(
          sql`INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail) VALUES (${id}, ${event}, ${state}, ${at}, ${userId}, ${agentId}, ${detail})`,
        );
      await movement("SOLICITADO", "SOLICITADO", requested, buyerUser, buyer);
      await movement("VENDIDO", "POR_CERRAR", sold, sellerUser, seller);
      if (ended) await movement(end.state, end.state, ended, buyerUser, buyer, end.reason ?? null);
      if (end.state === "POR_CERRAR") await db.sql.run(sql`UPDATE agents SET committed_volume = committed_volume + 10000 WHERE id = ${buyer}`);
    };
    await order("lateClosure", "2026-03-02", { state: "CERRADO", at: lima("2026-03-04", "09:00"), daysLate: 2, received: true });
    await order("onTime", "2026-03-03", { state: "CERRADO", at: lima("2026-03-03", "18:00"), daysLate: 0, received: true });
    await order("closedAllRejected", "2026-03-05", { state: "RECHAZADO", at: lima("2026-03-06", "09:00"), daysLate: 1, reason: null as never });
    await order("rejected", "2026-03-06", { state: "RECHAZADO", at: lima("2026-03-08", "09:00"), daysLate: null, reason: "No llegó la cisterna" });
    await order("open", "2026-03-18", { state: "POR_CERRAR" });
    await db.close();

    await migrate(url, migrationsRoot(engine, dir, true));
    // then the later migrations too, so the current code (the integrity checker) reads the schema it knows
    await migrate(url, root);
    db = createDatabase(url);
  });

  afterAll(async () => {
    await db?.close();
    if (engine === "postgresql") {
      const admin = new URL(url);
      admin.pathname = "/postgres";
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("marks closures as counted from the sale or dispatch, keeping their days late; rejections do not become findings", async () => {
    const rows = await db.prisma.order.findMany({ orderBy: { id: "asc" }, select: { state: true, dueDay: true, daysLate: true, latenessBasis: true, nonDeliveryKnownAt: true } });
    expect(rows).toEqual([
      { state: "CERRADO", dueDay: "2026-03-02", daysLate: 2, latenessBasis: "VENTA_DESPACHO", nonDeliveryKnownAt: null },
      { state: "CERRADO", dueDay: "2026-03-03", daysLate: 0, latenessBasis: "VENTA_DESPACHO", nonDeliveryKnownAt: null },
      { state: "RECHAZADO", dueDay: null, daysLate: 1, latenessBasis: "VENTA_DESPACHO", nonDeliveryKnownAt: null },
      { state: "RECHAZADO", dueDay: null, daysLate: null, latenessBasis: null, nonDeliveryKnownAt: null },
      { state: "POR_CERRAR", dueDay: null, daysLate: null, latenessBasis: null, nonDeliveryKnownAt: null },
    ]);
    expect(await db.prisma.lot.count({ where: { unloadedAt: { not: null } } })).toBe(0);
  });

  it("passes the integrity checks, which accept the legacy basis", async () => {
    const report = await checkIntegrity(db);
    expect(report.violations).toEqual([]);
    expect(report.checked.orders).toBe(5);
  });

  it("keeps the report's figures, and the screen's list and the CSV say how the days were counted", async () => {
    const now = lima("2026-03-20", "12:00");
    const params = complianceParamsSchema("2026-03-20").parse({ from: "2026-03-01", to: "2026-03-20" });
    const result = await complianceReport(db, params, now);
    expect(result.summary).toMatchObject({ lateClosed: 1, lateClosedFromSale: 1, lateRejected: 0, unclosed: 0 });
    // 1 order, 2 days, Gasocentro: 146.88 × 1.0, as before the change.
    expect(result.buyers[0]).toMatchObject({ lateClosed: 1, lateClosedFromSale: 1, totalDaysLate: 2, costCents: 14688 });
    const list = await db.transaction((tx) => lateOrdersPage(tx, params, now, "cerradas", 1, 50));
    expect(list.orders.map((order) => [order.code, order.latenessBasis, order.dueDay, order.daysLate])).toEqual([[codes.codeFor(ids.lateClosure), "VENTA_DESPACHO", "2026-03-02", 2]]);
    expect(orderCells(list.orders[0])).toContain(LATENESS_BASIS_LABELS.VENTA_DESPACHO);
    expect(LATENESS_BASIS_LABELS.VENTA_DESPACHO).toBe("Día de la venta o del despacho (cierre anterior a la declaración de la descarga)");
  });
});
