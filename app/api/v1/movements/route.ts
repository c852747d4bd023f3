import { apiRead } from "@/lib/api/handler";
import { ApiProblem } from "@/lib/api/problem";
import { DEFAULT_LIMIT, decodeCursor, encodeCursor, listMovementsQuerySchema, parseQuery } from "@/lib/api/schemas";
import { listMovements } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

/** Every movement nationwide, newest first: the regulator's and the administrator's view only. */
export const GET = apiRead("/api/v1/movements", async ({ actor, db, url }) => {
  if (actor.role !== "REGULADOR" && actor.role !== "ADMINISTRADOR") {
    throw new ApiProblem(403, "NO_AUTORIZADO", "No autorizado: solo el regulador consulta los movimientos de todas las órdenes.");
  }
  const query = parseQuery(listMovementsQuerySchema, url);
  const after = decodeCursor(query.cursor);
  const take = query.limit ?? DEFAULT_LIMIT;
  const movements = await listMovements(
    db,
    { plate: query.plate, from: query.from, to: query.to, event: query.event, after: after && { occurredAt: after.at, id: after.id } },
    take + 1,
  );
  const page = movements.slice(0, take);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      items: page.map((movement) => ({
        orderCode: movement.order.code,
        event: movement.event,
        state: movement.state,
        occurredAt: movement.occurredAt.toISOString(),
        agent: { id: movement.agent.id, businessName: movement.agent.businessName },
        userId: movement.userId,
      })),
      nextCursor: movements.length > take && last ? encodeCursor(last.occurredAt, last.id) : null,
    },
  };
});
