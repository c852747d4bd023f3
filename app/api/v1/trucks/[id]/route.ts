import { auditActorOfKey } from "@/lib/api/audit-actor";
import { apiManage, apiRead } from "@/lib/api/handler";
import { ApiProblem } from "@/lib/api/problem";
import { assertTruckAdministrator, truckBodySchema, truckIdSchema, truckInclude, truckJson, trucksVisibleTo } from "@/lib/api/trucks";
import type { Actor } from "@/lib/orders/context";
import type { Database } from "@/lib/db/database";
import { updateTruck } from "@/lib/registry/trucks";
import type { TruckInput } from "@/lib/registry/truck-schema";

export const dynamic = "force-dynamic";

const NOT_FOUND = "No existe una cisterna registrada con ese identificador entre las que puede consultar.";

async function visibleTruck(db: Database, actor: Actor, raw: string) {
  const id = truckIdSchema.safeParse(raw);
  const truck = id.success ? await db.prisma.truck.findFirst({ where: { id: id.data, ...trucksVisibleTo(actor) }, include: truckInclude }) : null;
  if (!truck) throw new ApiProblem(404, "CISTERNA_NO_ENCONTRADA", NOT_FOUND);
  return truck;
}

/** One registered truck. */
export const GET = apiRead<{ id: string }>("/api/v1/trucks/[id]", async ({ actor, db, params }) => ({ status: 200, body: truckJson(await visibleTruck(db, actor, params.id)) }));

/** Replaces a truck's data (administrator): plate, registry number, owner, capacity, insurance. */
export const PUT = apiManage<{ id: string }>(
  "/api/v1/trucks/[id]",
  "PUT",
  async ({ actor, db, params, body }) => {
    assertTruckAdministrator(actor);
    const truck = await visibleTruck(db, actor, params.id);
    await updateTruck(db, await auditActorOfKey(db, actor), truck.id, body as unknown as TruckInput);
    return { status: 200, body: truckJson(await visibleTruck(db, actor, params.id)) };
  },
  { body: truckBodySchema },
);
