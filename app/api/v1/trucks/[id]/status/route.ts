import { auditActorOfKey } from "@/lib/api/audit-actor";
import { apiRoute } from "@/lib/api/handler";
import { ApiProblem, methodNotAllowed } from "@/lib/api/problem";
import { assertTruckAdministrator, truckIdSchema, truckJsonBySql } from "@/lib/api/trucks";
import { changeTruckStatus } from "@/lib/registry/trucks";
import type { TruckStatusInput } from "@/lib/registry/truck-schema";

export const dynamic = "force-dynamic";

/** Suspends, reinstates or cancels a truck's inscription, with a reason (administrator). */
export const POST = apiRoute<{ id: string }>(async ({ actor, ctx, params, body }) => {
  assertTruckAdministrator(actor);
  const id = truckIdSchema.safeParse(params.id);
  if (!id.success) throw new ApiProblem(404, "CISTERNA_NO_ENCONTRADA", "No existe una cisterna registrada con ese identificador.");
  await changeTruckStatus(ctx.db, await auditActorOfKey(ctx.db, actor), { ...body, truckId: id.data } as unknown as TruckStatusInput);
  return { status: 200, body: await truckJsonBySql(ctx.db.sql, id.data) };
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
