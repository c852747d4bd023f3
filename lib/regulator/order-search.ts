/**
 * Every order nationwide matching the regulator's filter, by keyset pagination on
 * (requested_at, id): each page is one indexed range scan however deep the user goes.
 *
 * A page is a few reads (the parties' ids, how many orders they have, the page itself), each on
 * its own: no transaction, so none holds a connection (or, on SQLite, the lock) between them.
 */
import type { Database } from "@/lib/db/database";
import { ORDER } from "@/lib/db/rows";
import { checkOnly as checkOnlyIn, sql, type Sql } from "@/lib/db/sql";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { orderSummaryInclude, type OrderSummary } from "@/lib/orders/queries";
import { endOfLimaDay, startOfLimaDay } from "@/lib/time";
import { firstAmong, keysAfter, plateOrderKeys } from "@/lib/orders/plate-orders";
import { filterConditions } from "./export-query";
import type { OrderFilter } from "./order-filter";

export interface Cursor {
  requestedAt: Date;
  id: number;
}

export function encodeCursor(order: Cursor): string {
  return Buffer.from(`${order.requestedAt.getTime()}.${order.id}`).toString("base64url");
}

/** A cursor from the URL, or null when it is not one of ours (then the first page is shown). */
export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  const match = /^(\d{1,15})\.(\d{1,12})$/.exec(Buffer.from(text, "base64url").toString());
  if (!match) return null;
  return { requestedAt: new Date(Number(match[1])), id: Number(match[2]) };
}

type Role = "buyer" | "seller" | "plant";

/** What a search reads with: Prisma for the page, plain SQL for the count Prisma cannot bound. */
export type SearchDatabase = Pick<Database, "engine" | "prisma" | "sql">;

const byRelation = (role: Role, agents: Prisma.AgentWhereInput): Prisma.OrderWhereInput =>
  role === "buyer" ? { buyer: agents } : role === "seller" ? { seller: agents } : { plant: agents };

const byIds = (role: Role, ids: number[]): Prisma.OrderWhereInput =>
  role === "buyer" ? { buyerId: { in: ids } } : role === "seller" ? { sellerId: { in: ids } } : { plantId: { in: ids } };

/** Up to this many agents go to the database as a list of ids (each id is one bound parameter). */
const MAX_LISTED_AGENTS = 300;
/** Agents with fewer orders than this are a selective filter: read their orders by their own index. */
const SELECTIVE_ORDERS = 10_000;

/**
 * A condition the database checks on each row but cannot start from. The never-true `id < 0`
 * puts it inside an OR, which SQLite's planner does not drive a query from: so it walks the date
 * index (or a selective party's index) instead of, say, reading every order of every buyer in
 * Lima, or every CERRADO order, and sorting them.
 */
const checkOnly = (where: Prisma.OrderWhereInput): Prisma.OrderWhereInput => ({ OR: [where, { id: { lt: 0 } }] });

interface PartyCondition {
  where: Prisma.OrderWhereInput;
  /** few orders: the query should start from the parties' own indexes */
  selective: boolean;
  /** a selective party: its agents, and the roles of the order they may play */
  listed?: PartyList;
}

interface PartyList {
  ids: number[];
  roles: Role[];
  /** how many orders they have (an estimate: an order between two of them counts twice) */
  orders: number;
}

/**
 * Orders where one of `roles` is an agent matching `agents`, in the shape the database reads
 * fastest. Agents with few orders (one RUC, a small district) become lists of ids, so the page
 * is read from the party indexes and sorted; agents with many orders (an agent type, a
 * department) are checked while walking the date index: their orders are dense enough that a
 * page is found after a short walk.
 */
async function partyWhere(db: SearchDatabase, agents: Prisma.AgentWhereInput, roles: Role[], selectiveOrders: number): Promise<PartyCondition> {
  const broad = { where: checkOnly({ OR: roles.map((role) => byRelation(role, agents)) }), selective: false };
  const found = await db.prisma.agent.findMany({ where: agents, select: { id: true }, take: MAX_LISTED_AGENTS + 1 });
  if (found.length > MAX_LISTED_AGENTS) return broad;
  const ids = found.map((agent) => agent.id);
  const listed = (orders: number) => ({ where: { OR: roles.map((role) => byIds(role, ids)) }, selective: true, listed: { ids, roles, orders } });
  if (ids.length === 0) return listed(0);
  const orders = await ordersOf(db, ids, roles, selectiveOrders);
  return orders >= selectiveOrders ? broad : listed(orders);
}

const COLUMNS = { buyer: ORDER.column("buyerId"), seller: ORDER.column("sellerId"), plant: ORDER.column("plantId") } satisfies Record<Role, unknown>;

/**
 * Whether these agents have at least `limit` orders: counted up to the limit only, from the
 * party indexes, one role after another (an order where two of them deal with each other counts
 * twice: a selectivity estimate). Plain SQL because Prisma's count with `take` sorts every match
 * by id first; one arm per role because with the roles ORed SQLite scanned the whole table (40
 * ms of CPU on 200,000 orders, against 1 ms).
 */
async function ordersOf(db: SearchDatabase, ids: number[], roles: Role[], limit: number): Promise<number> {
  const arms = roles.map((role) => sql`SELECT 1 AS one FROM orders WHERE ${COLUMNS[role]} IN (${sql.join(ids)})`);
  return countUpTo(db, sql.join(arms, " UNION ALL "), limit);
}

/** The rows of `query`, counted up to `limit` only. */
async function countUpTo(db: SearchDatabase, query: Sql, limit: number): Promise<number> {
  const [{ n }] = await db.sql.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (${query} LIMIT ${limit}) AS sub`);
  return Number(n);
}

/** The filter as one `where`, and whether a selective party should drive it (see partyWhere). */
export interface OrderQuery {
  where: Prisma.OrderWhereInput;
  selective: boolean;
  /** the selective party with the fewest agents, whose orders the page is read from */
  driver?: PartyList;
}

/** `selectiveOrders`: tests lower it to read small data the way a national database is read. */
export async function orderQuery(db: SearchDatabase, filter: OrderFilter, selectiveOrders = SELECTIVE_ORDERS): Promise<OrderQuery> {
  const parties: PartyCondition[] = [];
  if (filter.department || filter.province || filter.district) {
    // Where the product is delivered: the buyer's establishment.
    parties.push(await partyWhere(db, { department: filter.department, province: filter.province, district: filter.district }, ["buyer"], selectiveOrders));
  }
  if (filter.agent || filter.agentType) {
    const query = filter.agent;
    const party: Prisma.AgentWhereInput = {
      type: filter.agentType,
      ...(query ? { OR: [{ businessName: containsIgnoringCase(db.engine, query) }, { ruc: query }, { registryNumber: query }] } : {}),
    };
    parties.push(await partyWhere(db, party, ["buyer", "seller", "plant"], selectiveOrders));
  }
  // A plate is the most selective filter of all (a truck's few hundred lots a year): searchOrders
  // starts from its orders (plate-orders.ts), and everything else is only checked.
  const selective = Boolean(filter.plate) || parties.some((party) => party.selective);
  // With a selective party, state and dates are only checked: the party's few orders come first.
  const scan = (where: Prisma.OrderWhereInput) => (selective ? checkOnly(where) : where);
  const and: Prisma.OrderWhereInput[] = parties.map((party) => party.where);
  if (filter.code) and.push({ code: filter.code });
  if (filter.state) and.push(scan({ state: filter.state }));
  if (filter.from) and.push(scan({ requestedAt: { gte: startOfLimaDay(filter.from) } }));
  if (filter.to) and.push(scan({ requestedAt: { lt: endOfLimaDay(filter.to) } }));
  const listed = parties.flatMap((party) => (party.listed ? [party.listed] : []));
  let driver: PartyList | undefined = listed.sort((a, b) => a.orders - b.orders)[0];
  if (driver && !filter.code && (filter.state || filter.from || filter.to) && (await walkedOrders(db, filter, driver.orders)) < driver.orders) {
    // The state and dates match fewer orders than the party (a rare state, a few days): walk
    // them, checking the parties, rather than read the party's orders and check the state.
    driver = undefined;
  }
  return { where: { AND: and }, selective, driver };
}

/** How many orders the filter's state and dates match, up to `limit`: what a walk of their index reads. */
function walkedOrders(db: SearchDatabase, filter: OrderFilter, limit: number): Promise<number> {
  const { others } = filterConditions({ ...filter, department: undefined, province: undefined, district: undefined, agent: undefined, agentType: undefined, plate: undefined });
  return countUpTo(db, sql`SELECT 1 AS one FROM orders o WHERE ${sql.join(others, " AND ")}`, limit);
}

/** The `where` and `orderBy` of the orders after `cursor` in the filter's order. */
export function keysetQuery(query: OrderQuery, filter: OrderFilter, cursor: Cursor | null) {
  const descending = filter.sort === "recientes";
  // (requestedAt, id) beyond the cursor, written as a range on requestedAt (which the index
  // serves) narrowed by the tie-break, rather than an OR the planner cannot range-scan.
  const range: Prisma.OrderWhereInput | undefined = cursor
    ? {
        requestedAt: descending ? { lte: cursor.requestedAt } : { gte: cursor.requestedAt },
        OR: [
          { requestedAt: descending ? { lt: cursor.requestedAt } : { gt: cursor.requestedAt } },
          { id: descending ? { lt: cursor.id } : { gt: cursor.id } },
        ],
      }
    : undefined;
  const after = range && query.selective ? checkOnly(range) : range;
  const direction = descending ? "desc" : "asc";
  return {
    where: after ? { AND: [query.where, after] } : query.where,
    orderBy: [{ requestedAt: direction }, { id: direction }] satisfies Prisma.OrderOrderByWithRelationInput[],
  };
}

const ROLE_COLUMNS: Record<Role, Sql> = { buyer: sql`o.buyer_id`, seller: sql`o.seller_id`, plant: sql`o.plant_id` };

/** See checkOnly: the engine's way of saying it in SQL (lib/db/engine.ts). */
const checkOnlySql = (condition: Sql) => checkOnlyIn(condition, "o");

/**
 * The ids of the page's orders, in plain SQL: only `id` is read, so the walk is answered from an
 * index that holds every column the filter checks — (requested_at, id, state, buyer_id,
 * seller_id, plant_id) or (state, requested_at, …) — without reading an order's row until it is
 * on the page (an index-only scan on PostgreSQL; SQLite checks the index's columns before it
 * seeks the row). Two shapes:
 * - a selective party (`driver`, a few agents with few orders): the union of its orders in each
 *   role, each arm read from that role's index and checked against the whole filter, then sorted;
 *   with no ORDER BY on the arms, nothing tempts the planner into walking the date index to
 *   avoid a sort (it did, for "agent name + state, oldest first": the whole index, checking a
 *   handful of agents); if the state and dates match fewer orders than the party, orderQuery
 *   drops the driver and they are walked instead;
 * - otherwise the (requested_at, id) order walked by dates or state, the parties only checked.
 */
/** The SQL of the page's ids (see above); null when a selective party has no agents at all. */
export function pageIdsQuery(filter: OrderFilter, query: OrderQuery, cursor: Cursor | null, take: number): Sql | null {
  const descending = filter.sort === "recientes";
  const direction = sql.raw(descending ? "DESC" : "ASC");
  const { parties, others, identifying } = filterConditions(filter);
  const where: Sql[] = [...others];
  if (cursor) {
    const [orEqual, beyond] = descending ? [sql.raw("<="), sql.raw("<")] : [sql.raw(">="), sql.raw(">")];
    where.push(sql`o.requested_at ${orEqual} ${cursor.requestedAt} AND (o.requested_at ${beyond} ${cursor.requestedAt} OR o.id ${beyond} ${cursor.id})`);
  }
  if (query.driver) {
    if (query.driver.ids.length === 0) return null;
    // Everything but the party's agents and the code is only checked: the arm reads at most the
    // party's few orders (under SELECTIVE_ORDERS), whatever the planner thinks of a state or dates.
    const check = sql.join([...identifying, ...[...parties, ...where].map(checkOnlySql)], " AND ");
    const arms = query.driver.roles.map(
      (role) => sql`SELECT o.id, o.requested_at FROM orders o WHERE ${ROLE_COLUMNS[role]} IN (${sql.join(query.driver!.ids)}) AND ${check}`,
    );
    // MATERIALIZED (both engines): planned on its own, not merged into the sorted outer query,
    // which tempted PostgreSQL into walking the date index for a single arm.
    return sql`WITH party AS MATERIALIZED (${sql.join(arms, " UNION ")}) SELECT id FROM party ORDER BY requested_at ${direction}, id ${direction} LIMIT ${take}`;
  }
  const all = [...identifying, ...parties.map(checkOnlySql), ...where];
  const clause = all.length > 0 ? sql`WHERE ${sql.join(all, " AND ")}` : sql.empty;
  return sql`SELECT o.id FROM orders o ${clause} ORDER BY o.requested_at ${direction}, o.id ${direction} LIMIT ${take}`;
}

async function pageIds(db: SearchDatabase, filter: OrderFilter, query: OrderQuery, cursor: Cursor | null, take: number): Promise<number[]> {
  const text = pageIdsQuery(filter, query, cursor, take);
  if (!text) return [];
  const rows = await db.sql.all<{ id: number | bigint }>(text);
  return rows.map((row) => Number(row.id));
}

export async function searchOrders(
  db: SearchDatabase,
  filter: OrderFilter,
  cursor: Cursor | null,
  pageSize: number,
  query?: OrderQuery,
): Promise<{ orders: OrderSummary[]; next: string | null }> {
  const built = query ?? (await orderQuery(db, filter));
  const { orderBy } = keysetQuery(built, filter, null);
  let rows: OrderSummary[];
  if (filter.plate) {
    const descending = filter.sort === "recientes";
    const keys = keysAfter(await plateOrderKeys(db.sql, filter.plate), cursor, descending);
    rows = await firstAmong(keys.map((key) => key.id), pageSize + 1, (ids, take) =>
      db.prisma.order.findMany({ where: { AND: [built.where, { id: { in: ids } }] }, orderBy, include: orderSummaryInclude, take }),
    );
  } else {
    const ids = await pageIds(db, filter, built, cursor, pageSize + 1);
    rows = ids.length > 0 ? await db.prisma.order.findMany({ where: { id: { in: ids } }, orderBy, include: orderSummaryInclude }) : [];
  }
  const orders = rows.slice(0, pageSize);
  return { orders, next: rows.length > pageSize ? encodeCursor(orders[orders.length - 1]) : null };
}
