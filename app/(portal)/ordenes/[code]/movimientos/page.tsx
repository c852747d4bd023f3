import { MovementsTable } from "@/components/order/movements-table";
import { OrderCode } from "@/components/order/legacy-code-badge";
import { StateBadge } from "@/components/order/state-badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderVisibleTo } from "@/lib/next/order-lookup";

export const metadata = { title: "Movimientos de la Orden de Pedido" };

/** "Ver Mov.": every state the order went through. */
export default async function OrderMovementsPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/ordenes/[code]/movimientos");
  const order = await orderVisibleTo(user, (await params).code);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Movimientos de la Orden de Pedido"
        description={
          <>
            Código de Autorización <OrderCode order={order} className="font-mono font-bold" /> · Estado actual <StateBadge state={order.state} />
          </>
        }
      />
      <MovementsTable order={order} />
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/ordenes/${order.code}`} variant="secondary">
          Ver Detalle
        </ButtonLink>
        <ButtonLink href={user.role === "REGULADOR" || user.role === "ADMINISTRADOR" ? "/verificacion" : "/ordenes"} variant="secondary">
          Volver
        </ButtonLink>
      </div>
    </div>
  );
}
