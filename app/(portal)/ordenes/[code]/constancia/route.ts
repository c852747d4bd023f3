import { findOrderFor } from "@/lib/orders/queries";
import { buildConstancia } from "@/lib/regulator/constancia";
import { database } from "@/lib/next/context";
import { logSigner } from "@/lib/log/keys";
import { evidenceFor } from "@/lib/log/openings";
import { routeHandler, textResponse } from "@/lib/next/route";

export const dynamic = "force-dynamic";

/** GET: the order's constancia as PDF, for whoever may see the order (others: not found). */
export const GET = routeHandler<{ code: string }>("/ordenes/[code]/constancia", "GET", async ({ request, user, params }) => {
  const { code } = params;
  // Exact match: legacy SCOP codes have no check digit of this portal.
  const order = /^\d{11}$/.test(code) ? await database().transaction((tx) => findOrderFor(tx, user, code)) : null;
  if (!order) return textResponse(404, "No existe una orden de pedido con ese Código de Autorización entre sus órdenes.");
  const verifyUrl = new URL(`/verificacion?code=${order.code}`, request.url).toString();
  // the movements' leaves, with their private parts: this document is for the order's own parties
  const { evidence, indexOf } = await evidenceFor(
    database().sql,
    order.movements.map((movement) => ({ kind: "MOVEMENT" as const, id: movement.id })),
    true,
  );
  const pdf = await buildConstancia(order, verifyUrl, new Date(), {
    evidence,
    leafIndexOf: new Map(order.movements.flatMap((movement) => (indexOf.has(`MOVEMENT:${movement.id}`) ? [[movement.id, indexOf.get(`MOVEMENT:${movement.id}`)!]] : []))),
    vkey: logSigner().vkey,
    publicUrl: new URL(`/verificar?codigo=${order.code}`, request.url).toString(),
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="constancia-${order.code}.pdf"`,
      "cache-control": "no-store",
    },
  });
});
