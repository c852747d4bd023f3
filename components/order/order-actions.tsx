import type { SignedInUser } from "@/lib/auth/signed-in-user";
import type { OrderDetail } from "@/lib/orders/queries";
import { ButtonLink } from "@/components/ui/button";

/** What the user may do next with this order, as links to the screens that do it. */
export function OrderActions({ user, order }: { user: SignedInUser; order: OrderDetail }) {
  const links: { href: string; label: string; variant?: "primary" | "secondary" | "danger" }[] = [];
  if (user.role === "COMPRADOR") {
    if (order.state === "SOLICITADO") links.push({ href: `/compras/anulacion?code=${order.code}&confirmar=1`, label: "Anular", variant: "danger" });
    if (order.state === "POR_CERRAR") links.push({ href: `/compras/cierre/${order.code}`, label: "Cerrar Orden" });
    // Manual §1: rejected "siempre y cuando la orden de pedido no se encuentre en el estado CERRADO".
    if (order.state === "SOLICITADO" || order.state === "VENDIDO" || order.state === "POR_CERRAR") {
      links.push({ href: `/compras/rechazo/${order.code}`, label: "Rechazar Orden", variant: "danger" });
    }
  }
  if (user.role === "VENDEDOR" && order.state === "SOLICITADO") links.push({ href: `/ventas/${order.code}`, label: "Registrar Venta" });
  if (user.role === "OPERADOR_PLANTA" && order.state === "VENDIDO") links.push({ href: `/despachos/${order.code}`, label: "Registrar Despacho" });
  if (links.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {links.map((link) => (
        <ButtonLink key={link.href} href={link.href} variant={link.variant ?? "primary"}>
          {link.label}
        </ButtonLink>
      ))}
    </div>
  );
}
