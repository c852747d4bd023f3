/**
 * Every order nationwide matching the regulator's filter, by keyset pagination on
 * (requested_at, id): each page is one indexed range scan however deep the user goes.
 *
 * A page is a few reads (the parties' ids, how many orders they have, the page itself), each on
 * its own: no transaction, so none holds a connection (or, on SQLite, the lock) between them.
 */
import type { Database } from "@/lib/db/database";
import { ORDER } from "@/lib/db/rows";
import { sql } from "@/lib/db/sql";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { orderSummaryInclude, type OrderSummary } from "@/lib/orders/queries";
import { endOfLimaDay, startOfLimaDay } from "@/lib/time";
import { firstAmong, keysAfter, plateOrderKeys } from "@/lib/orders/plate-orders";
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
  const listed = { where: { OR: roles.map((role) => byIds(role, ids)) }, selective: true };
  if (ids.length === 0) return listed;
  return (await ordersOfAtLeast(db, ids, roles, selectiveOrders)) ? broad : listed;
}

const COLUMNS = { buyer: ORDER.column("buyerId"), seller: ORDER.column("sellerId"), plant: ORDER.column("plantId") } satisfies Record<Role, unknown>;

/**
 * Whether these agents have at least `limit` orders: counted up to the limit only, from the
 * party indexes. Plain SQL because Prisma's count with `take` sorts every match by id first.
 */
async function ordersOfAtLeast(db: SearchDatabase, ids: number[], roles: Role[], limit: number): Promise<boolean> {
  const where = sql.join(
    roles.map((role) => sql`${COLUMNS[role]} IN (${sql.join(ids)})`),
    " OR ",
  );
  const [{ n }] = await db.sql.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM orders WHERE ${where} LIMIT ${limit}) AS sub`);
  return Number(n) >= limit;
}

/** The filter as one `where`, and whether a selective party should drive it (see partyWhere). */
export interface OrderQuery {
  where: Prisma.OrderWhereInput;
  selective: boolean;
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
  return { where: { AND: and }, selective };
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

export async function searchOrders(
  db: SearchDatabase,
  filter: OrderFilter,
  cursor: Cursor | null,
  pageSize: number,
  query?: OrderQuery,
): Promise<{ orders: OrderSummary[]; next: string | null }> {
  const built = query ?? (await orderQuery(db, filter));
  let rows: OrderSummary[];
  if (filter.plate) {
    const descending = filter.sort === "recientes";
    const keys = keysAfter(await plateOrderKeys(db.sql, filter.plate), cursor, descending);
    const { orderBy } = keysetQuery(built, filter, null);
    rows = await firstAmong(keys.map((key) => key.id), pageSize + 1, (ids, take) =>
      db.prisma.order.findMany({ where: { AND: [built.where, { id: { in: ids } }] }, orderBy, include: orderSummaryInclude, take }),
    );
  } else {
    const keyset = keysetQuery(built, filter, cursor);
    rows = await db.prisma.order.findMany({ ...keyset, include: orderSummaryInclude, take: pageSize + 1 });
  }
  const orders = rows.slice(0, pageSize);
  return { orders, next: rows.length > pageSize ? encodeCursor(orders[orders.length - 1]) : null };
}
