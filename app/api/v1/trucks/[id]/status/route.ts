import { auditActorOfKey } from "@/lib/api/audit-actor";
import { apiRoute } from "@/lib/api/handler";
import { ApiProblem } from "@/lib/api/problem";
import { assertTruckAdministrator, truckIdSchema, truckJsonBySql, truckStatusBodySchema } from "@/lib/api/trucks";
import { changeTruckStatus } from "@/lib/registry/trucks";
import type { TruckStatusInput } from "@/lib/registry/truck-schema";

export const dynamic = "force-dynamic";

/** Suspends, reinstates or cancels a truck's inscription, with a reason (administrator). */
export const POST = apiRoute<{ id: string }>(
  "/api/v1/trucks/[id]/status",
  "POST",
  async ({ actor, ctx, params, body }) => {
    assertTruckAdministrator(actor);
    const id = truckIdSchema.safeParse(params.id);
    if (!id.success) throw new ApiProblem(404, "CISTERNA_NO_ENCONTRADA", "No existe una cisterna registrada con ese identificador.");
    await changeTruckStatus(ctx.db, await auditActorOfKey(ctx.db, actor), { ...body, truckId: id.data } as unknown as TruckStatusInput);
    return { status: 200, body: await truckJsonBySql(ctx.db.sql, id.data) };
  },
  { body: truckStatusBodySchema },
);
