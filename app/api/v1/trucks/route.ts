import { auditActorOfKey } from "@/lib/api/audit-actor";
import { apiRead, apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/schemas";
import { assertTruckAdministrator, listTrucksQuerySchema, truckBodySchema, truckInclude, truckJson, truckJsonBySql, trucksVisibleTo } from "@/lib/api/trucks";
import { createTruck } from "@/lib/registry/trucks";
import type { TruckInput } from "@/lib/registry/truck-schema";

export const dynamic = "force-dynamic";

/** The registered trucks the key may read, by id, a page at a time. */
export const GET = apiRead("/api/v1/trucks", async ({ actor, db, url }) => {
  const query = parseQuery(listTrucksQuerySchema, url);
  const trucks = await db.prisma.truck.findMany({
    where: {
      AND: [
        trucksVisibleTo(actor),
        query.plate ? { plate: query.plate } : {},
        query.ownerRuc ? { owner: { ruc: query.ownerRuc } } : {},
        query.status ? { status: query.status } : {},
        query.after ? { id: { gt: query.after } } : {},
      ],
    },
    include: truckInclude,
    orderBy: { id: "asc" },
    take: query.limit + 1,
  });
  const page = trucks.slice(0, query.limit);
  return { status: 200, body: { items: page.map(truckJson), nextAfter: trucks.length > query.limit ? page[page.length - 1].id : null } };
});

/** Inscribes a truck (administrator). */
export const POST = apiRoute(
  "/api/v1/trucks",
  "POST",
  async ({ actor, ctx, body }) => {
    assertTruckAdministrator(actor);
    const { id } = await createTruck(ctx.db, await auditActorOfKey(ctx.db, actor), body as unknown as TruckInput);
    return { status: 201, body: await truckJsonBySql(ctx.db.sql, id) };
  },
  { body: truckBodySchema },
);
