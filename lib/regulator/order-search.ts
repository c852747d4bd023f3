/**
 * Every order nationwide matching the regulator's filter, by keyset pagination on
 * (requested_at, id): each page is one indexed range scan however deep the user goes.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { orderSummaryInclude, type OrderSummary } from "@/lib/orders/queries";
import { endOfLimaDay, startOfLimaDay } from "@/lib/time";
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

/** Agents of the registry are few (thousands): resolve the party filters to ids first. */
async function agentIds(tx: Tx, where: Prisma.AgentWhereInput): Promise<number[]> {
  const agents = await tx.agent.findMany({ where, select: { id: true } });
  return agents.map((agent) => agent.id);
}

export async function orderWhere(tx: Tx, filter: OrderFilter): Promise<Prisma.OrderWhereInput> {
  const and: Prisma.OrderWhereInput[] = [];
  if (filter.code) and.push({ code: filter.code });
  if (filter.state) and.push({ state: filter.state });
  if (filter.from) and.push({ requestedAt: { gte: startOfLimaDay(filter.from) } });
  if (filter.to) and.push({ requestedAt: { lt: endOfLimaDay(filter.to) } });
  if (filter.department || filter.province || filter.district) {
    // Where the product is delivered: the buyer's establishment.
    const buyers = await agentIds(tx, { department: filter.department, province: filter.province, district: filter.district });
    and.push({ buyerId: { in: buyers } });
  }
  if (filter.agent || filter.agentType) {
    const query = filter.agent;
    const parties = await agentIds(tx, {
      type: filter.agentType,
      ...(query
        ? { OR: [{ businessName: { contains: query } }, { ruc: query }, { registryNumber: query }] }
        : {}),
    });
    and.push({ OR: [{ buyerId: { in: parties } }, { sellerId: { in: parties } }, { plantId: { in: parties } }] });
  }
  return { AND: and };
}

export async function searchOrders(
  tx: Tx,
  filter: OrderFilter,
  cursor: Cursor | null,
  pageSize: number,
  where?: Prisma.OrderWhereInput,
): Promise<{ orders: OrderSummary[]; next: string | null }> {
  const base = where ?? (await orderWhere(tx, filter));
  const descending = filter.sort === "recientes";
  const after: Prisma.OrderWhereInput | undefined = cursor
    ? {
        OR: [
          { requestedAt: descending ? { lt: cursor.requestedAt } : { gt: cursor.requestedAt } },
          { requestedAt: cursor.requestedAt, id: descending ? { lt: cursor.id } : { gt: cursor.id } },
        ],
      }
    : undefined;
  const direction = descending ? "desc" : "asc";
  const rows = await tx.order.findMany({
    where: after ? { AND: [base, after] } : base,
    include: orderSummaryInclude,
    orderBy: [{ requestedAt: direction }, { id: direction }],
    take: pageSize + 1,
  });
  const orders = rows.slice(0, pageSize);
  return { orders, next: rows.length > pageSize ? encodeCursor(orders[orders.length - 1]) : null };
}
