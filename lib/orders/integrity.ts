/**
 * checkIntegrity: verifies, with aggregate SQL that stays fast on millions of orders, that the
 * orders, lots, movements and buyers' committed volumes are what the services would have
 * recorded. An empty list of violations means the database is consistent. Used after bulk loads
 * (npm run seed:large) and by `npm run check:integrity`.
 */
import { isValidAuthorizationCode } from "@/lib/authorization-code/code";
import type { Database } from "@/lib/db/database";
import { limaDay, limaDaysBetween, sql, startOfMinute, type Sql } from "@/lib/db/sql";
import { allowedSteps } from "./allowed-steps";
import { FINAL_STATES, OPEN_STATES, type MovementEvent, type OrderState } from "./states";
import { countOf } from "@/lib/plural";

export const INTEGRITY_KINDS = [
  "ORDEN_SIN_MOVIMIENTOS",
  "TRANSICION_INVALIDA",
  "MOVIMIENTOS_DESORDENADOS",
  "ESTADO_NO_COINCIDE",
  "VERSION_NO_COINCIDE",
  "FECHAS_INCONSISTENTES",
  "DIAS_DE_RETRASO",
  "CODIGO_DUPLICADO",
  "CODIGO_INVALIDO",
  "CAPACIDAD_COMPROMETIDA",
  "CAPACIDAD_EXCEDIDA",
  "LOTES",
  "CISTERNA_DEL_LOTE",
  "ACUSE_SIN_REGISTRO",
] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

export interface IntegrityViolation {
  kind: IntegrityKind;
  orderCode?: string;
  agentId?: number;
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  checked: { orders: number; movements: number; lots: number; agents: number };
  /** every violation found, up to `limitPerCheck` per check */
  violations: IntegrityViolation[];
  /** true when some check hit the limit: there may be more */
  truncated: boolean;
}

/** A list of the code's own constants (states) as SQL literals, as the indexes' planner sees them best. */
const literals = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
const FINAL = literals(FINAL_STATES);
const OPEN = literals(OPEN_STATES);

export { allowedSteps };

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export async function checkIntegrity(db: Pick<Database, "sql">, options: { limitPerCheck?: number } = {}): Promise<IntegrityReport> {
  const limit = options.limitPerCheck ?? 100;
  const query = <T>(statement: Sql) => db.sql.all<T>(statement);
  const violations: IntegrityViolation[] = [];
  let truncated = false;
  const collect = <T>(rows: T[], toViolation: (row: T) => IntegrityViolation | IntegrityViolation[]) => {
    if (rows.length >= limit) truncated = true;
    for (const row of rows) violations.push(...[toViolation(row)].flat());
  };

  const [counts] = await query<Record<string, unknown>>(
    sql`SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM movements) AS movements,
            (SELECT count(*) FROM lots) AS lots, (SELECT count(*) FROM agents) AS agents`,
  );

  // Every order has movements.
  collect(
    await query<{ code: string }>(sql`SELECT o.code FROM orders o WHERE NOT EXISTS (SELECT 1 FROM movements m WHERE m.order_id = o.id) LIMIT ${limit}`),
    (row) => ({ kind: "ORDEN_SIN_MOVIMIENTOS", orderCode: row.code, message: "La orden no tiene movimientos." }),
  );

  // Movements replay through the state machine to the order's state, in time order.
  const steps = sql.join(allowedSteps().map((step) => sql`(${literals(step)})`));
  collect(
    await query<{ code: string; order_state: string; flow: string; version: unknown; n: unknown; prev_state: string | null; event: string; state: string; out_of_order: unknown; is_last: unknown }>(
      sql`WITH allowed (prev, event, state, flow) AS (VALUES ${steps}),
       seq AS (
         SELECT m.order_id, m.event, m.state, m.id,
                LAG(m.state) OVER w AS prev_state,
                LAG(m.id) OVER w AS prev_id,
                LEAD(m.id) OVER w AS next_id,
                ROW_NUMBER() OVER w AS n
         FROM movements m
         WINDOW w AS (PARTITION BY m.order_id ORDER BY m.occurred_at, m.id))
       SELECT o.code, o.state AS order_state, o.flow, o.version, s.n, s.prev_state, s.event, s.state,
              CASE WHEN s.prev_id > s.id THEN 1 ELSE 0 END AS out_of_order,
              CASE WHEN s.next_id IS NULL THEN 1 ELSE 0 END AS is_last
       FROM seq s JOIN orders o ON o.id = s.order_id
       WHERE NOT EXISTS (SELECT 1 FROM allowed a WHERE a.prev = coalesce(s.prev_state, '-') AND a.event = s.event AND a.state = s.state AND a.flow = o.flow)
          OR s.prev_id > s.id
          OR (s.next_id IS NULL AND (s.state <> o.state OR o.version <> s.n - 1))
       LIMIT ${limit}`,
    ),
    (row) => {
      const found: IntegrityViolation[] = [];
      const step = `movimiento ${num(row.n)} (${row.prev_state ?? "inicio"} → ${row.event} → ${row.state}, flujo ${row.flow})`;
      const allowed = allowedSteps().some(([prev, event, state, flow]) => prev === (row.prev_state ?? "-") && event === row.event && state === row.state && flow === row.flow);
      if (!allowed) found.push({ kind: "TRANSICION_INVALIDA", orderCode: row.code, message: `Transición no permitida: ${step}.` });
      if (num(row.out_of_order)) found.push({ kind: "MOVIMIENTOS_DESORDENADOS", orderCode: row.code, message: `El ${step} tiene fecha anterior a un movimiento registrado antes.` });
      if (num(row.is_last) && row.state !== row.order_state) {
        found.push({ kind: "ESTADO_NO_COINCIDE", orderCode: row.code, message: `La orden está ${row.order_state} pero su último movimiento la deja ${row.state}.` });
      } else if (num(row.is_last) && num(row.version) !== num(row.n) - 1) {
        found.push({ kind: "VERSION_NO_COINCIDE", orderCode: row.code, message: `La versión ${num(row.version)} no corresponde a ${countOf(num(row.n), "movimiento", "movimientos")}.` });
      }
      return found;
    },
  );

  // Dates the states imply: ended_at for final states only, supply dates where supply happened.
  collect(
    await query<{ code: string; state: string }>(
      sql`SELECT code, state FROM orders
       WHERE (state IN (${FINAL}) AND ended_at IS NULL) OR (state IN (${OPEN}) AND ended_at IS NOT NULL)
          OR (state IN ('VENDIDO', 'POR_CERRAR', 'CERRADO') AND sold_at IS NULL)
          OR (state IN ('POR_CERRAR', 'CERRADO') AND (por_cerrar_at IS NULL OR por_cerrar_day IS NULL))
          OR (flow = 'A' AND dispatched_at IS NOT NULL)
          OR sold_at < requested_at OR dispatched_at < sold_at OR ended_at < requested_at
          OR (state NOT IN ('CERRADO', 'RECHAZADO') AND (due_day IS NOT NULL OR days_late IS NOT NULL OR lateness_basis IS NOT NULL OR non_delivery_known_at IS NOT NULL))
       LIMIT ${limit}`,
    ),
    (row) => ({ kind: "FECHAS_INCONSISTENTES", orderCode: row.code, message: `Las fechas de la orden no corresponden a su estado ${row.state} (fin, venta, despacho o por cerrar).` }),
  );

  // Days late of closures and rejections: Lima calendar days from the day they were due to the day
  // they were recorded. Due: the earliest declared descarga's day (DESCARGA), the day the buyer
  // learned the product would not arrive (AVISO), or, for closures recorded before the descarga
  // was declared, the day it reached POR CERRAR (VENTA_DESPACHO; such a closure that rejected
  // every lot keeps its days late but no due day).
  const expectedDue = sql`CASE o.lateness_basis WHEN 'DESCARGA' THEN ${limaDay(sql`u.first_unloaded`)} WHEN 'AVISO' THEN ${limaDay(sql`o.non_delivery_known_at`)}
                        ELSE CASE WHEN o.state = 'CERRADO' THEN o.por_cerrar_day END END`;
  const expectedDays = limaDaysBetween(sql`coalesce(${expectedDue}, o.por_cerrar_day)`, sql`o.ended_at`);
  collect(
    await query<{ code: string; state: string; days_late: unknown; due_day: string | null; lateness_basis: string | null; expected_due: string | null; actual: unknown }>(
      sql`SELECT o.code, o.state, o.days_late, o.due_day, o.lateness_basis, ${expectedDue} AS expected_due, ${expectedDays} AS actual
       FROM orders o LEFT JOIN (SELECT order_id, min(unloaded_at) AS first_unloaded FROM lots GROUP BY order_id) u ON u.order_id = o.id
       WHERE (o.state = 'CERRADO' AND (o.lateness_basis IS NULL OR o.lateness_basis = 'AVISO'))
          OR (o.state = 'RECHAZADO' AND o.lateness_basis = 'DESCARGA')
          OR (o.state IN ('CERRADO', 'RECHAZADO') AND o.lateness_basis IS NOT NULL
              AND (o.due_day IS DISTINCT FROM ${expectedDue} OR o.days_late IS NULL OR o.days_late <> ${expectedDays}))
          OR (o.lateness_basis IS NULL AND (o.due_day IS NOT NULL OR (o.state <> 'RECHAZADO' AND o.days_late IS NOT NULL)))
       LIMIT ${limit}`,
    ),
    (row) => ({
      kind: "DIAS_DE_RETRASO",
      orderCode: row.code,
      message:
        row.lateness_basis === null && row.state === "CERRADO"
          ? "La orden está CERRADO pero no dice desde qué se contaron sus días de retraso."
          : `Días de retraso registrados ${row.days_late ?? "ninguno"} desde el ${row.due_day ?? "—"} (${row.lateness_basis ?? "sin base"}), pero corresponden ${num(row.actual)} desde el ${row.expected_due ?? "—"}.`,
    }),
  );
  // A rejection's notice: declared when it was recorded as such, never after the rejection.
  collect(
    await query<{ code: string }>(
      sql`SELECT o.code FROM orders o
       WHERE (coalesce(o.lateness_basis, '-') = 'AVISO') <> (o.non_delivery_known_at IS NOT NULL) OR o.non_delivery_known_at > o.ended_at
       LIMIT ${limit}`,
    ),
    (row) => ({ kind: "FECHAS_INCONSISTENTES", orderCode: row.code, message: "La fecha en que el comprador supo que el producto no llegaría falta, sobra o es posterior al rechazo." }),
  );

  // Codes: unique, and each a valid Código de Autorización (format and Damm check digit) — except
  // the codes of orders imported from the legacy SCOP, which have no check digit of this portal
  // (their 11-digit format is a CHECK constraint of the table).
  collect(
    await query<{ code: string; n: unknown }>(sql`SELECT code, count(*) AS n FROM orders GROUP BY code HAVING count(*) > 1 LIMIT ${limit}`),
    (row) => ({ kind: "CODIGO_DUPLICADO", orderCode: row.code, message: `El código ${row.code} está en ${num(row.n)} órdenes.` }),
  );
  let invalidCodes = 0;
  for (let after = 0; ; ) {
    const page = await query<{ id: unknown; code: string; legacy_import_id: unknown }>(
      sql`SELECT id, code, legacy_import_id FROM orders WHERE id > ${after} ORDER BY id LIMIT 100000`,
    );
    if (!page.length) break;
    for (const row of page) {
      if (row.legacy_import_id === null && !isValidAuthorizationCode(row.code) && invalidCodes++ < limit) {
        violations.push({ kind: "CODIGO_INVALIDO", orderCode: row.code, message: `El código ${row.code} no es un Código de Autorización válido.` });
      }
    }
    after = num(page[page.length - 1].id);
  }
  if (invalidCodes >= limit) truncated = true;

  // Each buyer's committed volume is the requested volume of its open orders, within capacity.
  collect(
    await query<{ id: unknown; committed_volume: unknown; storage_capacity: unknown; open: unknown }>(
      sql`SELECT a.id, a.committed_volume, a.storage_capacity, coalesce(o.open, 0) AS open
       FROM agents a LEFT JOIN (SELECT buyer_id, sum(requested_volume) AS open FROM orders WHERE state IN (${OPEN}) GROUP BY buyer_id) o
         ON o.buyer_id = a.id
       WHERE a.committed_volume <> coalesce(o.open, 0) OR a.committed_volume > a.storage_capacity
       LIMIT ${limit}`,
    ),
    (row) => {
      const found: IntegrityViolation[] = [];
      const agentId = num(row.id);
      if (num(row.committed_volume) !== num(row.open)) {
        found.push({ kind: "CAPACIDAD_COMPROMETIDA", agentId, message: `Volumen comprometido ${num(row.committed_volume)} (centésimas de galón), pero sus órdenes abiertas suman ${num(row.open)}.` });
      }
      if (num(row.committed_volume) > num(row.storage_capacity)) {
        found.push({ kind: "CAPACIDAD_EXCEDIDA", agentId, message: `Volumen comprometido ${num(row.committed_volume)} mayor que su capacidad de almacenamiento ${num(row.storage_capacity)}.` });
      }
      return found;
    },
  );

  // Lots, per order: present exactly when sold; volumes within bounds; dispatched as the flow
  // says; received or rejected only at the end, as the final state says.
  const agg = {
    lots: sql`count(l.id)`,
    sold: sql`coalesce(sum(l.sold_volume), 0)`,
    received: sql`coalesce(sum(CASE WHEN l.received_volume IS NOT NULL THEN 1 ELSE 0 END), 0)`,
    rejected: sql`coalesce(sum(CASE WHEN l.rejected THEN 1 ELSE 0 END), 0)`,
    dispatched: sql`coalesce(sum(CASE WHEN l.dispatched_volume IS NOT NULL THEN 1 ELSE 0 END), 0)`,
    bad: sql`coalesce(sum(CASE WHEN l.sold_volume <= 0 OR l.received_volume <= 0 OR l.received_volume > l.sold_volume
            OR l.dispatched_volume <= 0 OR l.dispatched_volume > l.sold_volume OR (l.rejected AND l.received_volume IS NOT NULL) THEN 1 ELSE 0 END), 0)`,
  };
  // A descarga is declared for each received lot of a closure that declares them, not before the
  // minute the lot left (its dispatch, or the sale) and not after the closure.
  const unloaded = sql`coalesce(sum(CASE WHEN l.unloaded_at IS NOT NULL AND (l.received_volume IS NULL OR o.lateness_basis IS NULL OR o.lateness_basis <> 'DESCARGA') THEN 1
            WHEN l.unloaded_at IS NULL AND l.received_volume IS NOT NULL AND o.lateness_basis = 'DESCARGA' THEN 1
            WHEN l.unloaded_at > o.ended_at OR l.unloaded_at < ${startOfMinute(sql`coalesce(l.dispatched_at, o.sold_at)`)} THEN 1 ELSE 0 END), 0)`;
  const lotProblems = {
    unsold: sql`o.state IN ('SOLICITADO', 'ANULADO') AND ${agg.lots} > 0`,
    missing: sql`o.state IN ('VENDIDO', 'POR_CERRAR', 'CERRADO') AND ${agg.lots} = 0`,
    oversold: sql`${agg.sold} > o.requested_volume`,
    bad: sql`${agg.bad} > 0`,
    early: sql`o.state IN (${OPEN}) AND ${agg.received} + ${agg.rejected} > 0`,
    closed: sql`o.state = 'CERRADO' AND (${agg.received} + ${agg.rejected} <> ${agg.lots} OR ${agg.received} = 0)`,
    rejected: sql`o.state = 'RECHAZADO' AND (${agg.received} > 0 OR ${agg.rejected} <> ${agg.lots})`,
    dispatch: sql`(o.flow = 'A' AND ${agg.dispatched} > 0) OR (o.flow = 'B' AND o.dispatched_at IS NOT NULL AND ${agg.dispatched} <> ${agg.lots})
               OR (o.flow = 'B' AND o.dispatched_at IS NULL AND ${agg.dispatched} > 0)`,
    unloaded: sql`${unloaded} > 0`,
  } satisfies Record<string, Sql>;
  const LOT_MESSAGES: Record<keyof typeof lotProblems, string> = {
    unsold: "tiene lotes sin haber sido vendida",
    missing: "fue vendida pero no tiene lotes",
    oversold: "sus lotes suman más que el volumen solicitado",
    bad: "tiene lotes con cantidades fuera de rango (vendida > 0, recibida entre 0 y la vendida, despachada hasta la vendida, rechazado sin recibida)",
    early: "tiene lotes recibidos o rechazados sin haberse cerrado",
    closed: "está CERRADO pero no todos sus lotes tienen cantidad recibida o rechazo, o ninguno fue recibido",
    rejected: "está RECHAZADO pero tiene lotes recibidos o sin rechazar",
    dispatch: "el despacho de sus lotes no corresponde a su flujo y a su movimiento DESPACHADO",
    unloaded: "tiene fechas de descarga que faltan en lotes recibidos, sobran en otros, o son anteriores a la salida del lote o posteriores al cierre",
  };
  const flags = sql.join(Object.entries(lotProblems).map(([name, condition]) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END AS ${sql.raw(name)}`));
  collect(
    await query<Record<string, unknown> & { code: string }>(
      sql`SELECT o.code, ${flags} FROM orders o LEFT JOIN lots l ON l.order_id = o.id
       GROUP BY o.id, o.code, o.state, o.flow, o.requested_volume, o.dispatched_at, o.lateness_basis, o.ended_at, o.sold_at
       HAVING ${sql.join(Object.values(lotProblems).map((condition) => sql`(${condition})`), " OR ")}
       LIMIT ${limit}`,
    ),
    (row) =>
      (Object.keys(lotProblems) as (keyof typeof lotProblems)[])
        .filter((name) => num(row[name]))
        .map((name) => ({ kind: "LOTES" as const, orderCode: row.code, message: `La orden ${LOT_MESSAGES[name]}.` })),
  );

  // Each lot's registered truck is the one whose plate the lot records, as sold and as dispatched.
  collect(
    await query<{ code: string; position: unknown; plate: string; dispatched_plate: string | null }>(
      sql`SELECT o.code, l.position, l.plate, l.dispatched_plate FROM lots l JOIN orders o ON o.id = l.order_id
       LEFT JOIN trucks t ON t.id = l.truck_id LEFT JOIN trucks d ON d.id = l.dispatched_truck_id
       WHERE (l.truck_id IS NOT NULL AND t.plate <> l.plate)
          OR (l.dispatched_truck_id IS NOT NULL AND (l.dispatched_plate IS NULL OR d.plate <> l.dispatched_plate))
          OR (l.dispatched_plate IS NOT NULL AND l.dispatched_truck_id IS NULL AND o.legacy_import_id IS NULL AND l.truck_id IS NOT NULL)
       LIMIT ${limit}`,
    ),
    (row) => ({
      kind: "CISTERNA_DEL_LOTE",
      orderCode: row.code,
      message: `El lote ${num(row.position)} (placa ${row.dispatched_plate ?? row.plate}) no corresponde a la cisterna registrada que lo transportó.`,
    }),
  );

  return {
    ok: violations.length === 0,
    checked: { orders: num(counts.orders), movements: num(counts.movements), lots: num(counts.lots), agents: num(counts.agents) },
    violations,
    truncated,
  };
}

/** A request the portal answered with success: the order, the event it recorded and the state it reported. */
export interface Acknowledgement {
  code: string;
  event: MovementEvent;
  state: OrderState;
}

/**
 * Every acknowledged request must be in the database: the order with that code has a movement of
 * that event leaving it in the reported state. A success answer for work that was then lost (a
 * commit that never happened, a crash before the write reached the disk) shows up here.
 */
export async function checkAcknowledged(db: Database, acknowledged: readonly Acknowledgement[]): Promise<IntegrityViolation[]> {
  const recorded = new Set<string>();
  const codes = [...new Set(acknowledged.map((ack) => ack.code))];
  for (let start = 0; start < codes.length; start += 500) {
    const movements = await db.prisma.movement.findMany({
      where: { order: { code: { in: codes.slice(start, start + 500) } } },
      select: { event: true, state: true, order: { select: { code: true } } },
    });
    for (const movement of movements) recorded.add(`${movement.order.code} ${movement.event} ${movement.state}`);
  }
  return acknowledged
    .filter((ack) => !recorded.has(`${ack.code} ${ack.event} ${ack.state}`))
    .map((ack) => ({
      kind: "ACUSE_SIN_REGISTRO" as const,
      orderCode: ack.code,
      message: `Se respondió con éxito ${ack.event} (estado ${ack.state}) pero la base de datos no tiene ese movimiento.`,
    }));
}
