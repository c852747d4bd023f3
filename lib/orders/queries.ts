/**
 * What each user may read. A buyer sees the orders it placed, a seller those addressed to it, a
 * plant operator those dispatched from its plant, the regulator every order. Another agent's
 * order is simply not found.
 */
import type { Database, Tx } from "@/lib/db/database";
import { sql, type Sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { firstAmong, keysAfter, plateOrderKeys } from "./plate-orders";
import { endOfLimaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import type { Actor } from "./context";
import { OPEN_STATES, type MovementEvent, type OrderState } from "./states";

export function visibleTo(viewer: Actor): Prisma.OrderWhereInput {
  switch (viewer.role) {
    case "COMPRADOR":
      return { buyerId: viewer.agentId };
    case "VENDEDOR":
      return { sellerId: viewer.agentId };
    case "OPERADOR_PLANTA":
      return { plantId: viewer.agentId };
    case "REGULADOR":
    case "ADMINISTRADOR":
      return {};
  }
}

const party = { select: { id: true, businessName: true, type: true, ruc: true, registryNumber: true } } as const;

export const orderSummaryInclude = { buyer: party, seller: party, plant: party } as const;

export const orderDetailInclude = {
  ...orderSummaryInclude,
  lots: {
    orderBy: { position: "asc" },
    include: { truck: { select: { id: true, plate: true, registryNumber: true } }, dispatchedTruck: { select: { id: true, plate: true, registryNumber: true } } },
  },
  movements: {
    // the log's sequencing column (a bigint) is no part of an order's detail
    omit: { xactId: true },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    include: { user: { select: { fullName: true, username: true } }, agent: { select: { businessName: true } } },
  },
} as const satisfies Prisma.OrderInclude;

export type OrderDetail = Prisma.OrderGetPayload<{ include: typeof orderDetailInclude }>;
export type OrderSummary = Prisma.OrderGetPayload<{ include: typeof orderSummaryInclude }>;

export function findOrderFor(tx: Tx, viewer: Actor, code: string): Promise<OrderDetail | null> {
  return tx.order.findFirst({ where: { code, ...visibleTo(viewer) }, include: orderDetailInclude });
}

export interface OrderFilter {
  code?: string;
  /** orders with a lot sold or dispatched on this plate */
  plate?: string;
  from?: LimaDay;
  to?: LimaDay;
  states?: readonly OrderState[];
  flow?: "A" | "B";
  /** keyset pagination: only orders after this one in (requestedAt desc, id desc) order */
  after?: { requestedAt: Date; id: number };
}

export const PAGE_SIZE = 50;

/**
 * What the lists read with: Prisma for the rows, plain SQL for a plate's orders (plate-orders.ts).
 * Outside any transaction: on SQLite a plain-SQL read inside a Prisma transaction would wait for
 * the lock that transaction holds.
 */
export type ListDatabase = Pick<Database, "prisma" | "sql">;

export async function listOrdersFor(db: ListDatabase, viewer: Actor, filter: OrderFilter, take = PAGE_SIZE): Promise<OrderSummary[]> {
  const where: Prisma.OrderWhereInput = { ...visibleTo(viewer) };
  if (filter.code) where.code = filter.code;
  if (filter.states) where.state = { in: [...filter.states] };
  if (filter.flow) where.flow = filter.flow;
  if (filter.from || filter.to) {
    where.requestedAt = {
      ...(filter.from ? { gte: startOfLimaDay(filter.from) } : {}),
      ...(filter.to ? { lt: endOfLimaDay(filter.to) } : {}),
    };
  }
  if (filter.after) {
    const { requestedAt, id } = filter.after;
    where.OR = [{ requestedAt: { lt: requestedAt } }, { requestedAt, id: { lt: id } }];
  }
  const orderBy = [{ requestedAt: "desc" }, { id: "desc" }] satisfies Prisma.OrderOrderByWithRelationInput[];
  if (filter.plate) {
    // From the plate's own orders (plate-orders.ts), the rest of the filter only checked.
    const keys = keysAfter(await plateOrderKeys(db.sql, filter.plate), filter.after, true);
    const { OR: _cursor, ...rest } = where;
    void _cursor;
    return firstAmong(keys.map((key) => key.id), take, (ids, n) =>
      db.prisma.order.findMany({ where: { AND: [rest, { id: { in: ids } }] }, include: orderSummaryInclude, orderBy, take: n }),
    );
  }
  return db.prisma.order.findMany({ where, include: orderSummaryInclude, orderBy, take });
}

export interface MovementFilter {
  /** movements of the orders with a lot sold or dispatched on this plate */
  plate?: string;
  from?: LimaDay;
  to?: LimaDay;
  event?: MovementEvent;
  /** keyset pagination: only movements after this one in (occurredAt desc, id desc) order */
  after?: { occurredAt: Date; id: number };
}

/** Movements nationwide, newest first: the regulator's view (callers check the role). */
export async function listMovements(db: ListDatabase, filter: MovementFilter, take = PAGE_SIZE) {
  const where: Prisma.MovementWhereInput = {};
  if (filter.plate) return listPlateMovements(db, filter, take);
  if (filter.event) where.event = filter.event;
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { gte: startOfLimaDay(filter.from) } : {}),
      ...(filter.to ? { lt: endOfLimaDay(filter.to) } : {}),
    };
  }
  if (filter.after) {
    const { occurredAt, id } = filter.after;
    where.OR = [{ occurredAt: { lt: occurredAt } }, { occurredAt, id: { lt: id } }];
  }
  return db.prisma.movement.findMany({
    where,
    include: { order: { select: { code: true } }, agent: { select: { id: true, businessName: true } } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
  });
}

/**
 * The movements of a plate's orders, newest first: their ids from the lots' plate indexes and the
 * movements' (order_id, occurred_at) index in one query (a list of thousands of order ids would
 * exceed the parameters a query may bind), then the page's rows.
 */
async function listPlateMovements(db: ListDatabase, filter: MovementFilter, take: number) {
  const conditions: Sql[] = [
    sql`m.order_id IN (SELECT order_id FROM lots WHERE plate = ${filter.plate} UNION SELECT order_id FROM lots WHERE dispatched_plate = ${filter.plate})`,
  ];
  if (filter.event) conditions.push(sql`m.event = ${filter.event}`);
  if (filter.from) conditions.push(sql`m.occurred_at >= ${startOfLimaDay(filter.from)}`);
  if (filter.to) conditions.push(sql`m.occurred_at < ${endOfLimaDay(filter.to)}`);
  if (filter.after) {
    const { occurredAt, id } = filter.after;
    conditions.push(sql`(m.occurred_at < ${occurredAt} OR (m.occurred_at = ${occurredAt} AND m.id < ${id}))`);
  }
  const rows = await db.sql.all<{ id: number | bigint }>(
    sql`SELECT m.id FROM movements m WHERE ${sql.join(conditions, " AND ")} ORDER BY m.occurred_at DESC, m.id DESC LIMIT ${take}`,
  );
  const ids = rows.map((row) => Number(row.id));
  const movements = await db.prisma.movement.findMany({
    where: { id: { in: ids } },
    include: { order: { select: { code: true } }, agent: { select: { id: true, businessName: true } } },
  });
  const byId = new Map(movements.map((movement) => [movement.id, movement]));
  return ids.map((id) => byId.get(id)!);
}

/** The buyer's capacidad de compra: total, tied up by its open orders (listed), available. */
export async function purchaseCapacity(tx: Tx, buyerId: number) {
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: buyerId }, select: { storageCapacity: true, committedVolume: true } });
  const openOrders = await tx.order.findMany({
    where: { buyerId, state: { in: [...OPEN_STATES] } },
    include: orderSummaryInclude,
    orderBy: { requestedAt: "asc" },
  });
  return {
    total: agent.storageCapacity,
    committed: agent.committedVolume,
    available: agent.storageCapacity - agent.committedVolume,
    openOrders,
  };
}
