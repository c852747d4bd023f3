import { currentUser } from "@/lib/next/session";
import { findOrderFor } from "@/lib/orders/queries";
import { buildConstancia } from "@/lib/regulator/constancia";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET: the order's constancia as PDF, for whoever may see the order (others: not found). */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Su sesión terminó. Ingrese nuevamente.", { status: 401 });
  const { code } = await params;
  // Exact match: legacy SCOP codes have no check digit of this portal.
  const order = /^\d{11}$/.test(code) ? await database().transaction((tx) => findOrderFor(tx, user, code)) : null;
  if (!order) return new Response("No existe una orden de pedido con ese Código de Autorización entre sus órdenes.", { status: 404 });
  const verifyUrl = new URL(`/verificacion?code=${order.code}`, request.url).toString();
  const pdf = await buildConstancia(order, verifyUrl, new Date());
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="constancia-${order.code}.pdf"`,
      "cache-control": "no-store",
    },
  });
}
