/**
 * What each user may read. A buyer sees the orders it placed, a seller those addressed to it, a
 * plant operator those dispatched from its plant, the regulator every order. Another agent's
 * order is simply not found.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
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
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    include: { user: { select: { fullName: true, username: true } }, agent: { select: { businessName: true } } },
  },
} as const satisfies Prisma.OrderInclude;

export type OrderDetail = Prisma.OrderGetPayload<{ include: typeof orderDetailInclude }>;
export type OrderSummary = Prisma.OrderGetPayload<{ include: typeof orderSummaryInclude }>;

export function findOrderFor(tx: Tx, viewer: Actor, code: string): Promise<OrderDetail | null> {
  return tx.order.findFirst({ where: { code, ...visibleTo(viewer) }, include: orderDetailInclude });
}

/** At most this many orders of one plate are listed by the API's plate filter (a truck's years of loads). */
export const MAX_PLATE_ORDERS = 10_000;

/**
 * The ids of the orders with a lot sold on this plate or dispatched on it, newest first: read from
 * the lots' plate indexes, so a plate filter starts from the truck's few lots, not from the
 * nationwide date index.
 */
export async function orderIdsOfPlate(tx: Tx, plate: string): Promise<number[]> {
  const lots = await tx.lot.findMany({
    where: { OR: [{ plate }, { dispatchedPlate: plate }] },
    select: { orderId: true },
    orderBy: { orderId: "desc" },
    take: MAX_PLATE_ORDERS,
  });
  return [...new Set(lots.map((lot) => lot.orderId))];
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

export async function listOrdersFor(tx: Tx, viewer: Actor, filter: OrderFilter, take = PAGE_SIZE): Promise<OrderSummary[]> {
  const where: Prisma.OrderWhereInput = { ...visibleTo(viewer) };
  if (filter.code) where.code = filter.code;
  if (filter.plate) where.id = { in: await orderIdsOfPlate(tx, filter.plate) };
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
  return tx.order.findMany({ where, include: orderSummaryInclude, orderBy: [{ requestedAt: "desc" }, { id: "desc" }], take });
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
export async function listMovements(tx: Tx, filter: MovementFilter, take = PAGE_SIZE) {
  const where: Prisma.MovementWhereInput = {};
  if (filter.plate) where.orderId = { in: await orderIdsOfPlate(tx, filter.plate) };
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
  return tx.movement.findMany({
    where,
    include: { order: { select: { code: true } }, agent: { select: { id: true, businessName: true } } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
  });
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
