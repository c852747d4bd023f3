/**
 * The "Movimientos" filter as one SQL query for the exports: the same orders as the pages of
 * order-search.ts, in the same (requested_at, id) order, written once and streamed by the driver
 * (lib/db/read-stream.ts) instead of fetched page by page through Prisma. Every value from the
 * user is a bound parameter; the SQL text holds only column names and placeholders.
 */
import type { Engine } from "@/lib/db/engine";
import type { SqlQuery } from "@/lib/db/read-stream";
import { likeIgnoringCase } from "@/lib/db/text-filter";
import { endOfLimaDay, startOfLimaDay } from "@/lib/time";
import type { OrderFilter } from "./order-filter";

/** The exported columns, in the order the rows arrive (see exportRowOf). */
const COLUMNS = [
  "o.id",
  "o.code",
  "o.state",
  "o.flow",
  "o.requested_at",
  "o.sold_at",
  "o.dispatched_at",
  "o.por_cerrar_at",
  "o.ended_at",
  "o.requested_volume",
  "o.days_late",
  "o.buyer_id",
  "o.seller_id",
  "o.plant_id",
  "o.legacy_import_id",
] as const;

/** Positions of requested_at … ended_at among COLUMNS. */
const INSTANTS = [4, 5, 6, 7, 8] as const;

/**
 * One exported order: just the columns of the files, with its parties' names. Instants are epoch
 * milliseconds, not Dates: Next.js's server wraps the Date constructor, and a million rows
 * construct millions of them.
 */
export interface ExportRow {
  id: number;
  code: string;
  state: string;
  flow: string;
  requestedAt: number;
  soldAt: number | null;
  dispatchedAt: number | null;
  porCerrarAt: number | null;
  endedAt: number | null;
  /** hundredths of a gallon */
  requestedVolume: number;
  daysLate: number | null;
  buyerName: string;
  buyerRuc: string;
  buyerType: string;
  sellerName: string;
  sellerRuc: string;
  plantName: string | null;
  /** imported from the legacy SCOP: its code has no check digit of this portal */
  legacy: boolean;
}

/** A party as the export shows it: name, RUC and type. */
export interface ExportAgent {
  name: string;
  ruc: string;
  type: string;
}

/**
 * Every agent, read once per export in the same snapshot as the orders: the registry holds
 * thousands of agents against a million orders, so joining them in SQL would build their
 * names again for every row.
 */
export const AGENTS_QUERY: SqlQuery = { text: "SELECT id, business_name, ruc, type FROM agents", values: [], instants: [] };

export function agentsById(rows: unknown[][]): Map<number, ExportAgent> {
  return new Map(rows.map((row) => [Number(row[0]), { name: row[1] as string, ruc: row[2] as string, type: row[3] as string }]));
}

export function exportRowOf(row: unknown[], agents: Map<number, ExportAgent>): ExportRow {
  const buyer = agents.get(Number(row[11]))!;
  const seller = agents.get(Number(row[12]))!;
  const plant = row[13] === null ? null : agents.get(Number(row[13]))!;
  return {
    id: Number(row[0]),
    code: row[1] as string,
    state: row[2] as string,
    flow: row[3] as string,
    requestedAt: row[4] as number,
    soldAt: row[5] as number | null,
    dispatchedAt: row[6] as number | null,
    porCerrarAt: row[7] as number | null,
    endedAt: row[8] as number | null,
    requestedVolume: Number(row[9]),
    daysLate: row[10] === null ? null : Number(row[10]),
    buyerName: buyer.name,
    buyerRuc: buyer.ruc,
    buyerType: buyer.type,
    sellerName: seller.name,
    sellerRuc: seller.ruc,
    plantName: plant?.name ?? null,
    legacy: row[14] !== null,
  };
}

/** Collects bound values and hands out the engine's placeholder for each. */
class Params {
  readonly values: (string | number)[] = [];
  constructor(readonly engine: Engine) {}

  bind(value: string | number): string {
    this.values.push(value);
    return this.engine === "sqlite" ? "?" : `$${this.values.length}`;
  }

  /** An instant as the column stores it: Prisma's ISO text on SQLite, UTC wall time in `timestamp(3)` on PostgreSQL. */
  instant(value: Date): string {
    const iso = value.toISOString();
    return this.bind(this.engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, -1));
  }
}

const ROLES = ["o.buyer_id", "o.seller_id", "o.plant_id"] as const;

/** The WHERE conditions of the filter, each as order-search.ts's orderQuery means it. */
function conditions(filter: OrderFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.department || filter.province || filter.district) {
    // Where the product is delivered: the buyer's establishment.
    const place: string[] = [];
    if (filter.department) place.push(`department = ${params.bind(filter.department)}`);
    if (filter.province) place.push(`province = ${params.bind(filter.province)}`);
    if (filter.district) place.push(`district = ${params.bind(filter.district)}`);
    where.push(`o.buyer_id IN (SELECT id FROM agents WHERE ${place.join(" AND ")})`);
  }
  if (filter.agent || filter.agentType) {
    // Any party of the order: buyer, seller or plant. The name matches as the page's
    // containsIgnoringCase does (LIKE, or ILIKE on PostgreSQL), so the export finds what the page finds.
    const roles = ROLES.map((column) => {
      const agent: string[] = [];
      if (filter.agentType) agent.push(`type = ${params.bind(filter.agentType)}`);
      if (filter.agent) {
        agent.push(
          `(business_name ${likeIgnoringCase(params.engine)} ('%' || ${params.bind(filter.agent)} || '%') OR ruc = ${params.bind(filter.agent)} OR registry_number = ${params.bind(filter.agent)})`,
        );
      }
      return `${column} IN (SELECT id FROM agents WHERE ${agent.join(" AND ")})`;
    });
    where.push(`(${roles.join(" OR ")})`);
  }
  if (filter.code) where.push(`o.code = ${params.bind(filter.code)}`);
  if (filter.plate) {
    // As order-search.ts: a lot sold on that plate, or dispatched on it.
    where.push(`o.id IN (SELECT order_id FROM lots WHERE plate = ${params.bind(filter.plate)} UNION SELECT order_id FROM lots WHERE dispatched_plate = ${params.bind(filter.plate)})`);
  }
  if (filter.state) where.push(`o.state = ${params.bind(filter.state)}`);
  if (filter.from) where.push(`o.requested_at >= ${params.instant(startOfLimaDay(filter.from))}`);
  if (filter.to) where.push(`o.requested_at < ${params.instant(endOfLimaDay(filter.to))}`);
  return where;
}

const whereClause = (where: string[]) => (where.length > 0 ? `WHERE ${where.join(" AND ")}` : "");

/** Every exported column of the filtered orders, newest or oldest first, ties broken by id. */
export function exportQuery(engine: Engine, filter: OrderFilter): SqlQuery {
  const params = new Params(engine);
  const where = whereClause(conditions(filter, params));
  const direction = filter.sort === "recientes" ? "DESC" : "ASC";
  const text = `SELECT ${COLUMNS.join(", ")} FROM orders o ${where} ORDER BY o.requested_at ${direction}, o.id ${direction}`;
  return { text, values: params.values, instants: INSTANTS };
}

/** How many orders the filter matches (the X-Total-Count of the exports). */
export function countQuery(engine: Engine, filter: OrderFilter): SqlQuery {
  const params = new Params(engine);
  return { text: `SELECT COUNT(*) AS n FROM orders o ${whereClause(conditions(filter, params))}`, values: params.values, instants: [] };
}
