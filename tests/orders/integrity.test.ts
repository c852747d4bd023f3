import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { sql, type Sql } from "@/lib/db/sql";
import { checkAcknowledged, checkIntegrity, type IntegrityKind } from "@/lib/orders/integrity";
import { seedLarge } from "@/lib/seed/large/seed-large";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { TEST_CODE_SECRET } from "../support/world";

const root = path.resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-03-10T15:00:00Z");

describe.each(ENGINES)("checkIntegrity on %s", (engine) => {
  let test: TestDatabase;
  const codes = new AuthorizationCodeGenerator(TEST_CODE_SECRET);

  beforeEach(async () => {
    test = await createTestDatabase(engine);
    await seedLarge({ url: test.url, orders: 400, seed: 3, now: NOW, codes, root });
  });
  afterEach(() => test.drop());

  const exec = (statement: Sql) => test.db.sql.run(statement);
  const kinds = async () => (await checkIntegrity(test.db)).violations.map((v) => v.kind);
  const orderIn = async (where: Sql) => {
    const rows = await test.db.sql.all<{ id: number; code: string }>(sql`SELECT id, code FROM orders WHERE ${where} ORDER BY id LIMIT 1`);
    expect(rows).toHaveLength(1);
    return { id: Number(rows[0].id), code: rows[0].code };
  };
  const expectFound = async (kind: IntegrityKind, match: { orderCode?: string; agentId?: number }) => {
    const report = await checkIntegrity(test.db);
    expect(report.ok).toBe(false);
    expect(report.violations).toContainEqual(expect.objectContaining({ kind, ...match }));
  };

  it("finds nothing in a consistent database", async () => {
    expect(await kinds()).toEqual([]);
  });

  it("finds a committed volume that does not match the open orders", async () => {
    const [buyer] = await test.db.sql.all<{ id: number }>(sql`SELECT id FROM agents WHERE committed_volume > 0 ORDER BY id LIMIT 1`);
    await exec(sql`UPDATE agents SET committed_volume = committed_volume + 100 WHERE id = ${Number(buyer.id)}`);
    await expectFound("CAPACIDAD_COMPROMETIDA", { agentId: Number(buyer.id) });
  });

  it("finds a committed volume above the storage capacity", async () => {
    const [buyer] = await test.db.sql.all<{ id: number }>(sql`SELECT id FROM agents WHERE committed_volume > 0 ORDER BY id LIMIT 1`);
    await exec(sql`UPDATE agents SET storage_capacity = committed_volume - 1 WHERE id = ${Number(buyer.id)}`);
    await expectFound("CAPACIDAD_EXCEDIDA", { agentId: Number(buyer.id) });
  });

  it("finds an order whose state has no matching last movement", async () => {
    const order = await orderIn(sql`state = 'POR_CERRAR'`);
    await exec(sql`UPDATE orders SET state = 'VENDIDO' WHERE id = ${order.id}`);
    await expectFound("ESTADO_NO_COINCIDE", { orderCode: order.code });
  });

  it("finds a movement the state machine does not allow", async () => {
    const order = await orderIn(sql`state = 'CERRADO' AND flow = 'A'`);
    const [last] = await test.db.sql.all<{ user_id: number; agent_id: number }>(
      sql`SELECT user_id, agent_id FROM movements WHERE order_id = ${order.id} ORDER BY id DESC LIMIT 1`,
    );
    await test.db.prisma.movement.create({
      data: { orderId: order.id, event: "DESPACHADO", state: "POR_CERRAR", occurredAt: new Date(NOW.getTime() + 1000), userId: Number(last.user_id), agentId: Number(last.agent_id) },
    });
    await expectFound("TRANSICION_INVALIDA", { orderCode: order.code });
    await expectFound("ESTADO_NO_COINCIDE", { orderCode: order.code });
  });

  it("finds an order without movements", async () => {
    const template = await test.db.prisma.order.findFirstOrThrow({ where: { state: "SOLICITADO" } });
    const id = 100_000;
    await test.db.prisma.order.create({ data: { ...template, id, code: codes.codeFor(id), version: 0 } });
    await expectFound("ORDEN_SIN_MOVIMIENTOS", { orderCode: codes.codeFor(id) });
  });

  it("finds a mistyped (invalid) authorization code, and the database refuses a duplicate one", async () => {
    const order = await orderIn(sql`state = 'CERRADO'`);
    const last = Number(order.code[10]);
    const broken = order.code.slice(0, 10) + String((last + 1) % 10);
    await exec(sql`UPDATE orders SET code = ${broken} WHERE id = ${order.id}`);
    await expectFound("CODIGO_INVALIDO", { orderCode: broken });

    const other = await orderIn(sql`id <> ${order.id}`);
    await expect(exec(sql`UPDATE orders SET code = ${broken} WHERE id = ${other.id}`)).rejects.toThrow(/UNIQUE constraint failed: orders\.code|duplicate key value violates unique constraint "orders_code_key"/);
  });

  it("finds a closed order whose lots were neither received nor rejected", async () => {
    const order = await orderIn(sql`state = 'CERRADO'`);
    await exec(sql`UPDATE lots SET received_volume = NULL, rejected = false WHERE order_id = ${order.id}`);
    await expectFound("LOTES", { orderCode: order.code });
  });

  it("finds a flow-a lot with a dispatched quantity", async () => {
    const order = await orderIn(sql`state = 'CERRADO' AND flow = 'A'`);
    await exec(sql`UPDATE lots SET dispatched_volume = sold_volume WHERE order_id = ${order.id}`);
    await expectFound("LOTES", { orderCode: order.code });
  });

  it("finds lots sold beyond the requested volume", async () => {
    const order = await orderIn(sql`state = 'CERRADO'`);
    await exec(sql`UPDATE orders SET requested_volume = 1 WHERE id = ${order.id}`);
    await expectFound("LOTES", { orderCode: order.code });
  });

  it("finds wrong days late and a final order without its end date", async () => {
    const late = await orderIn(sql`state = 'CERRADO'`);
    await exec(sql`UPDATE orders SET days_late = days_late + 3 WHERE id = ${late.id}`);
    await expectFound("DIAS_DE_RETRASO", { orderCode: late.code });
    const annulled = await orderIn(sql`state = 'ANULADO'`);
    await exec(sql`UPDATE orders SET ended_at = NULL WHERE id = ${annulled.id}`);
    await expectFound("FECHAS_INCONSISTENTES", { orderCode: annulled.code });
  });

  it("the database itself refuses a lot received beyond its sold quantity, or received and rejected", async () => {
    const order = await orderIn(sql`state = 'CERRADO'`);
    const check = /CHECK constraint failed|violates check constraint/;
    await expect(exec(sql`UPDATE lots SET received_volume = sold_volume + 1 WHERE order_id = ${order.id}`)).rejects.toThrow(check);
    await expect(exec(sql`UPDATE lots SET rejected = true WHERE order_id = ${order.id} AND received_volume IS NOT NULL`)).rejects.toThrow(check);
    await expect(exec(sql`UPDATE lots SET sold_volume = 0 WHERE order_id = ${order.id}`)).rejects.toThrow(check);
    expect(await kinds()).toEqual([]);
  });
  it("checkAcknowledged finds an acknowledged request missing from the database, and nothing when all are there", async () => {
    const closed = await orderIn(sql`state = 'CERRADO' AND flow = 'B'`);
    const annulled = await orderIn(sql`state = 'ANULADO'`);
    const recorded = [
      { code: closed.code, event: "SOLICITADO", state: "SOLICITADO" },
      { code: closed.code, event: "DESPACHADO", state: "POR_CERRAR" },
      { code: closed.code, event: "CERRADO", state: "CERRADO" },
      { code: annulled.code, event: "ANULADO", state: "ANULADO" },
    ] as const;
    expect(await checkAcknowledged(test.db, recorded)).toEqual([]);

    const lost = [
      { code: annulled.code, event: "VENDIDO", state: "POR_CERRAR" }, // the order never got that movement
      { code: closed.code, event: "CERRADO", state: "RECHAZADO" }, // the movement exists with another state
      { code: "00000000000", event: "SOLICITADO", state: "SOLICITADO" }, // no such order
    ] as const;
    const violations = await checkAcknowledged(test.db, [...recorded, ...lost]);
    expect(violations.map((v) => [v.kind, v.orderCode])).toEqual(lost.map((ack) => ["ACUSE_SIN_REGISTRO", ack.code]));
  });
});
