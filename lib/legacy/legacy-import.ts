/**
 * The import of historical orders from the legacy SCOP: every row is checked (legacy-csv.ts, then
 * against the registry here), and then all are written in one transaction — or none, with a
 * report of every refused row. Imported orders keep their legacy code (found by exact match and
 * marked "Código SCOP anterior"), their movements with their original dates, their one lot, and
 * the figures the services would have computed (days late from the sale or dispatch day, as the
 * Cumplimiento report counted them when these orders were closed).
 *
 * Plain SQL on the runner (lib/db/sql.ts): a file may hold hundreds of thousands of orders, well
 * past an interactive Prisma transaction's timeout, and multi-row INSERTs keep it fast.
 */
import type { Database } from "@/lib/db/database";
import type { AuditActor } from "@/lib/audit/audit";
import { nextOrderNumbers } from "@/lib/db/engine";
import { sql, type Sql, type SqlStatements, type SqlValue } from "@/lib/db/sql";
import { ImportRejected, type CsvRow, type RowError } from "@/lib/registry/import-errors";
import { AGENT_TYPE_LABELS, SELLER_TYPE_FLOW, isSellerType, mayBuyInFlow, type AgentType } from "@/lib/registry/agent-types";
import { calendarDaysBetween, limaDay } from "@/lib/time";
import { validateLegacyRows, type LegacyRow } from "./legacy-csv";
import { LEGACY_SYSTEM_FULL_NAME, LEGACY_SYSTEM_USERNAME } from "./system-user";

export interface LegacyImportProgress {
  stage: "validando" | "importando";
  done: number;
  total: number;
}

export interface LegacyImportOptions {
  now?: Date;
  onProgress?: (progress: LegacyImportProgress) => void;
}

interface AgentRow {
  id: number;
  ruc: string;
  registryNumber: string;
  type: AgentType;
  businessName: string;
}

const BATCH = 400;

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

async function agentsByRuc(tx: SqlStatements, rucs: string[]): Promise<Map<string, AgentRow>> {
  const found = new Map<string, AgentRow>();
  for (const batch of chunks([...new Set(rucs)], 500)) {
    const rows = await tx.all<AgentRow>(
      sql`SELECT id, ruc, registry_number AS "registryNumber", type, business_name AS "businessName" FROM agents WHERE ruc IN (${sql.join(batch)})`,
    );
    for (const row of rows) found.set(row.ruc, { ...row, id: Number(row.id) });
  }
  return found;
}

async function existingCodes(tx: SqlStatements, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(codes, 500)) {
    for (const row of await tx.all<{ code: string }>(sql`SELECT code FROM orders WHERE code IN (${sql.join(batch)})`)) found.add(row.code);
  }
  return found;
}

/** Registered trucks by plate and owner, to link each imported lot to its truck where there is one. */
async function trucksByPlate(tx: SqlStatements, plates: string[]): Promise<Map<string, { id: number; ownerAgentId: number }[]>> {
  const found = new Map<string, { id: number; ownerAgentId: number }[]>();
  for (const batch of chunks([...new Set(plates)], 500)) {
    const rows = await tx.all<{ id: number; plate: string; ownerAgentId: number }>(
      sql`SELECT id, plate, owner_agent_id AS "ownerAgentId" FROM trucks WHERE plate IN (${sql.join(batch)}) ORDER BY id DESC`,
    );
    for (const row of rows) {
      const list = found.get(row.plate) ?? [];
      list.push({ id: Number(row.id), ownerAgentId: Number(row.ownerAgentId) });
      found.set(row.plate, list);
    }
  }
  return found;
}

interface Resolved {
  entry: LegacyRow;
  buyer: AgentRow;
  seller: AgentRow;
  plant: AgentRow | null;
  flow: "A" | "B";
}

/** The registry's side of the checks: parties exist with that registry number and fit the flow; codes are new. */
async function resolveParties(tx: SqlStatements, valid: LegacyRow[], errors: RowError[]): Promise<Resolved[]> {
  const agents = await agentsByRuc(tx, valid.flatMap((entry) => [entry.buyer.ruc, entry.seller.ruc, ...(entry.plant ? [entry.plant.ruc] : [])]));
  const taken = await existingCodes(tx, valid.map((entry) => entry.code));
  const resolved: Resolved[] = [];
  for (const entry of valid) {
    const before = errors.length;
    const fail = (field: string, message: string) => errors.push({ row: entry.row, field, message });
    const party = (label: string, given: { ruc: string; registryNumber: string }) => {
      const agent = agents.get(given.ruc);
      if (!agent) fail(`RUC del ${label}`, `El ${label} con RUC ${given.ruc} no está inscrito en el Registro: inscríbalo antes de importar su historial.`);
      else if (agent.registryNumber !== given.registryNumber) {
        fail(`Registro del ${label}`, `El RUC ${given.ruc} es de ${agent.businessName}, inscrito con el N° ${agent.registryNumber}, no ${given.registryNumber}.`);
      }
      return agent;
    };
    const buyer = party("comprador", entry.buyer);
    const seller = party("vendedor", entry.seller);
    const plant = entry.plant ? party("planta", entry.plant) : null;
    if (taken.has(entry.code)) fail("Código de Autorización", `Ya existe una orden con el código ${entry.code}: el archivo ya se importó, o el código es de este portal.`);
    const flow = entry.plant ? "B" : "A";
    if (seller && (!isSellerType(seller.type) || SELLER_TYPE_FLOW[seller.type] !== flow)) {
      fail(
        "RUC del vendedor",
        flow === "B"
          ? `Con planta de abastecimiento el vendedor debe ser un Productor / Comercializador; ${seller.businessName} es ${AGENT_TYPE_LABELS[seller.type]}.`
          : `Sin planta de abastecimiento el vendedor debe ser una Planta Envasadora o un Distribuidor a Granel; ${seller.businessName} es ${AGENT_TYPE_LABELS[seller.type]}.`,
      );
    }
    if (plant && plant.type !== "PLANTA_ABASTECIMIENTO") fail("RUC de la planta", `${plant.businessName} no es una Planta de Abastecimiento.`);
    if (buyer && !mayBuyInFlow(buyer.type, flow)) fail("RUC del comprador", `Un ${AGENT_TYPE_LABELS[buyer.type]} no compra GLP a granel en el flujo ${flow === "B" ? "b" : "a"}.`);
    if (buyer && seller && buyer.id === seller.id) fail("RUC del vendedor", "El comprador y el vendedor son el mismo agente.");
    if (errors.length === before) resolved.push({ entry, buyer: buyer!, seller: seller!, plant: plant ?? null, flow });
  }
  return resolved;
}

/** The importing administrator's stand-in for the legacy system's unknown users (system-user.ts). */
async function legacyUser(tx: SqlStatements, actor: AuditActor, now: Date): Promise<number> {
  const [existing] = await tx.all<{ id: number }>(sql`SELECT id FROM users WHERE username = ${LEGACY_SYSTEM_USERNAME}`);
  if (existing) return Number(existing.id);
  const [admin] = await tx.all<{ agentId: number }>(sql`SELECT agent_id AS "agentId" FROM users WHERE id = ${actor.userId}`);
  if (!admin) throw new Error("the importing user does not exist");
  const [created] = await tx.all<{ id: number }>(
    sql`INSERT INTO users (username, full_name, password_hash, role, agent_id, active, must_change_password, session_version, created_at, updated_at)
     VALUES (${LEGACY_SYSTEM_USERNAME}, ${LEGACY_SYSTEM_FULL_NAME}, ${"!sin-contraseña"}, ${"REGULADOR"}, ${Number(admin.agentId)}, ${false}, ${false}, ${0}, ${now}, ${now})
     RETURNING id`,
  );
  return Number(created.id);
}

/** Who performed each event: the buyer, the seller, or the plant. */
function agentOf(event: string, order: Resolved): number {
  if (event === "VENDIDO") return order.seller.id;
  if (event === "DESPACHADO") return order.plant!.id;
  return order.buyer.id;
}

function orderValues(order: Resolved, id: number, importId: number): SqlValue[] {
  const { entry } = order;
  const at = (event: string) => entry.movements.find((movement) => movement.event === event)?.at ?? null;
  const requestedAt = at("SOLICITADO")!;
  const soldAt = at("VENDIDO");
  const dispatchedAt = at("DESPACHADO");
  const porCerrarAt = order.flow === "A" ? soldAt : dispatchedAt;
  const endedAt = entry.movements[entry.movements.length - 1].at;
  const porCerrarDay = porCerrarAt ? limaDay(porCerrarAt) : null;
  const daysLate = entry.state === "CERRADO" && porCerrarDay ? Math.max(0, calendarDaysBetween(porCerrarDay, limaDay(endedAt))) : null;
  return [
    id,
    entry.code,
    order.flow,
    order.buyer.id,
    order.seller.id,
    order.plant?.id ?? null,
    entry.requestedVolume,
    entry.deliveryDate ?? limaDay(requestedAt),
    entry.state,
    entry.movements.length - 1,
    requestedAt,
    soldAt,
    dispatchedAt,
    porCerrarAt,
    porCerrarDay,
    endedAt,
    // the legacy SCOP counted a closure from the sale or the dispatch: the basis of closures
    // recorded before the descarga was declared (docs/compliance.md)
    daysLate === null ? null : porCerrarDay,
    daysLate,
    daysLate === null ? null : "VENTA_DESPACHO",
    entry.rejectionReason,
    importId,
    endedAt,
  ];
}

const ORDER_COLUMNS = sql.raw(
  "id, code, flow, buyer_id, seller_id, plant_id, requested_volume, delivery_date, state, version, requested_at, sold_at, dispatched_at, por_cerrar_at, por_cerrar_day, ended_at, due_day, days_late, lateness_basis, rejection_reason, legacy_import_id, updated_at",
);
const LOT_COLUMNS = sql.raw("order_id, position, sold_volume, plate, truck_id, guia_remision, factura, dispatched_volume, dispatched_at, load_day, received_volume, rejected");
const MOVEMENT_COLUMNS = sql.raw("order_id, event, state, occurred_at, user_id, agent_id, detail");

async function insertRows(tx: SqlStatements, table: Sql, columns: Sql, rows: SqlValue[][]): Promise<void> {
  for (const batch of chunks(rows)) {
    await tx.run(sql`INSERT INTO ${table} (${columns}) VALUES ${sql.join(batch.map((row) => sql`(${sql.join(row)})`))}`);
  }
}

/** `count` order numbers from the registrations' own sequence or counter (engine.ts nextOrderNumbers). */
async function allocateOrderNumbers(tx: SqlStatements, count: number): Promise<number[]> {
  const ranges = await tx.all<{ first: unknown; last: unknown }>(nextOrderNumbers(count));
  const ids = ranges.flatMap((range) => Array.from({ length: Number(range.last) - Number(range.first) + 1 }, (_, index) => Number(range.first) + index));
  if (ids.length !== count) throw new Error("order-number counter missing: was the database migrated?");
  return ids;
}

/**
 * Imports every row in one transaction, or none: answers how many orders were imported, or throws
 * ImportRejected with the errors of every refused row. `onProgress` reports each batch written.
 */
export async function importLegacyOrders(
  db: Database,
  actor: AuditActor & { userId: number },
  rows: CsvRow[],
  fileName: string,
  options: LegacyImportOptions = {},
): Promise<{ imported: number; importId: number }> {
  const now = options.now ?? new Date();
  const nothing = ["ninguna orden", "se importó"] as const;
  if (rows.length === 0) throw new ImportRejected([{ row: 1, field: "Archivo", message: "El archivo no tiene filas de órdenes." }], ...nothing);
  options.onProgress?.({ stage: "validando", done: 0, total: rows.length });
  const { valid, errors } = validateLegacyRows(rows, now);

  return db.sql.transaction(async (tx) => {
    const resolved = await resolveParties(tx, valid, errors);
    if (errors.length) throw new ImportRejected(errors.sort((a, b) => a.row - b.row), ...nothing);
    options.onProgress?.({ stage: "importando", done: 0, total: resolved.length });

    const userId = await legacyUser(tx, actor, now);
    const [created] = await tx.all<{ id: number }>(
      sql`INSERT INTO legacy_imports (file_name, imported_at, user_id, orders) VALUES (${fileName.slice(0, 200)}, ${now}, ${actor.userId}, ${resolved.length}) RETURNING id`,
    );
    const importId = Number(created.id);
    const trucks = await trucksByPlate(tx, resolved.flatMap((order) => (order.entry.lot ? [order.entry.lot.plate] : [])));

    let done = 0;
    for (const batch of chunks(resolved)) {
      const ids = await allocateOrderNumbers(tx, batch.length);
      const orders: SqlValue[][] = [];
      const lots: SqlValue[][] = [];
      const movements: SqlValue[][] = [];
      batch.forEach((order, index) => {
        const id = ids[index];
        const { entry } = order;
        orders.push(orderValues(order, id, importId));
        if (entry.lot) {
          const owners = order.flow === "B" ? [order.seller.id, order.buyer.id] : [order.seller.id];
          const truck = trucks.get(entry.lot.plate)?.find((candidate) => owners.includes(candidate.ownerAgentId));
          const soldAt = entry.movements.find((movement) => movement.event === "VENDIDO")!.at;
          const dispatchedAt = entry.movements.find((movement) => movement.event === "DESPACHADO")?.at ?? null;
          const loadAt = order.flow === "A" ? soldAt : dispatchedAt;
          lots.push([
            id,
            1,
            entry.lot.soldVolume,
            entry.lot.plate,
            truck?.id ?? null,
            entry.lot.guiaRemision,
            entry.lot.factura,
            entry.lot.dispatchedVolume,
            dispatchedAt,
            loadAt ? limaDay(loadAt) : null,
            entry.lot.receivedVolume,
            entry.state === "RECHAZADO",
          ]);
        }
        for (const movement of entry.movements) {
          const detail = movement.event === "RECHAZADO" ? entry.rejectionReason : null;
          movements.push([id, movement.event, movement.state, movement.at, userId, agentOf(movement.event, order), detail]);
        }
      });
      await insertRows(tx, sql.raw("orders"), ORDER_COLUMNS, orders);
      await insertRows(tx, sql.raw("lots"), LOT_COLUMNS, lots);
      await insertRows(tx, sql.raw("movements"), MOVEMENT_COLUMNS, movements);
      done += batch.length;
      options.onProgress?.({ stage: "importando", done, total: resolved.length });
    }

    await tx.run(
      sql`INSERT INTO audit_events (at, user_id, username, ip, action, target, detail)
          VALUES (${now}, ${actor.userId}, ${actor.username.slice(0, 64)}, ${actor.ip}, ${"LEGACY_ORDERS_IMPORTED"},
                  ${`archivo ${fileName.slice(0, 100)}`}, ${`${resolved.length} órdenes del SCOP anterior importadas (importación ${importId})`})`,
    );
    return { imported: resolved.length, importId };
  });
}
