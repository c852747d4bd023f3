/**
 * The "Movimientos" filter as one SQL query for the exports: the same orders as the pages of
 * order-search.ts, in the same (requested_at, id) order, written once and streamed by the driver
 * (lib/db/read-stream.ts) instead of fetched page by page through Prisma. Every value from the
 * user is a bound parameter; the SQL text holds only column names and placeholders.
 */
import type { StreamQuery } from "@/lib/db/read-stream";
import { containsIgnoringCase, sql, type Sql } from "@/lib/db/sql";
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
export const AGENTS_QUERY: StreamQuery = { sql: sql`SELECT id, business_name, ruc, type FROM agents`, instants: [] };

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

const ROLES = [sql`o.buyer_id`, sql`o.seller_id`, sql`o.plant_id`];

/**
 * The WHERE conditions of the filter as order-search.ts's orderQuery means them: the parties
 * (where the buyer is; which agent, of any role) apart from the rest, so that the page query can
 * choose which of them drives the read and which are only checked.
 */
export function filterConditions(filter: OrderFilter): { parties: Sql[]; identifying: Sql[]; others: Sql[] } {
  const parties: Sql[] = [];
  /** the code and the plate: a few orders at most */
  const identifying: Sql[] = [];
  const others: Sql[] = [];
  if (filter.department || filter.province || filter.district) {
    // Where the product is delivered: the buyer's establishment.
    const place: Sql[] = [];
    if (filter.department) place.push(sql`department = ${filter.department}`);
    if (filter.province) place.push(sql`province = ${filter.province}`);
    if (filter.district) place.push(sql`district = ${filter.district}`);
    parties.push(sql`o.buyer_id IN (SELECT id FROM agents WHERE ${sql.join(place, " AND ")})`);
  }
  if (filter.agent || filter.agentType) {
    // Any party of the order: buyer, seller or plant. The name matches as the page's
    // containsIgnoringCase does (LIKE, or ILIKE on PostgreSQL), so the export finds what the page finds.
    const roles = ROLES.map((column) => {
      const agent: Sql[] = [];
      if (filter.agentType) agent.push(sql`type = ${filter.agentType}`);
      if (filter.agent) {
        agent.push(sql`(${containsIgnoringCase(sql`business_name`, filter.agent)} OR ruc = ${filter.agent} OR registry_number = ${filter.agent})`);
      }
      return sql`${column} IN (SELECT id FROM agents WHERE ${sql.join(agent, " AND ")})`;
    });
    parties.push(sql`(${sql.join(roles, " OR ")})`);
  }
  if (filter.code) identifying.push(sql`o.code = ${filter.code}`);
  if (filter.plate) {
    // As order-search.ts: a lot sold on that plate, or dispatched on it.
    identifying.push(sql`o.id IN (SELECT order_id FROM lots WHERE plate = ${filter.plate} UNION SELECT order_id FROM lots WHERE dispatched_plate = ${filter.plate})`);
  }
  if (filter.state) others.push(sql`o.state = ${filter.state}`);
  if (filter.from) others.push(sql`o.requested_at >= ${startOfLimaDay(filter.from)}`);
  if (filter.to) others.push(sql`o.requested_at < ${endOfLimaDay(filter.to)}`);
  return { parties, identifying, others };
}

function conditions(filter: OrderFilter): Sql[] {
  const { parties, identifying, others } = filterConditions(filter);
  return [...parties, ...identifying, ...others];
}

const whereClause = (where: Sql[]) => (where.length > 0 ? sql`WHERE ${sql.join(where, " AND ")}` : sql.empty);

/** Every exported column of the filtered orders, newest or oldest first, ties broken by id. */
export function exportQuery(filter: OrderFilter): StreamQuery {
  const direction = sql.raw(filter.sort === "recientes" ? "DESC" : "ASC");
  return {
    sql: sql`SELECT ${sql.raw(COLUMNS.join(", "))} FROM orders o ${whereClause(conditions(filter))} ORDER BY o.requested_at ${direction}, o.id ${direction}`,
    instants: INSTANTS,
  };
}

/** How many orders the filter matches (the X-Total-Count of the exports). */
export function countQuery(filter: OrderFilter): StreamQuery {
  return { sql: sql`SELECT COUNT(*) AS n FROM orders o ${whereClause(conditions(filter))}`, instants: [] };
}
