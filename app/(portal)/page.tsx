import { CapacitySummary } from "@/components/buyer/capacity-summary";
import { ClosureWarnings } from "@/components/buyer/closure-warnings";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AGENT_TYPE_LABELS } from "@/lib/registry/agent-types";
import { requirePage, type SignedInUser } from "@/lib/next/session";
import { purchaseCapacity } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";
import { countOf } from "@/lib/plural";

export const metadata = { title: "Inicio" };

async function BuyerHome({ user }: { user: SignedInUser }) {
  const capacity = await database().transaction((tx) => purchaseCapacity(tx, user.agentId));
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap gap-2">
        <ButtonLink href="/compras/generar">Generar Orden de Pedido</ButtonLink>
        <ButtonLink href="/compras/cierre" variant="secondary">
          Cierre de Orden de Pedido
        </ButtonLink>
      </div>
      <ClosureWarnings orders={capacity.openOrders} now={new Date()} />
      <CapacitySummary capacity={capacity} />
    </div>
  );
}

async function PartyHome({ user }: { user: SignedInUser }) {
  const isSeller = user.role === "VENDEDOR";
  const where = isSeller ? { sellerId: user.agentId, state: "SOLICITADO" } : { plantId: user.agentId, state: "VENDIDO", flow: "B" };
  const pending = await database().transaction((tx) => tx.order.count({ where }));
  const href = isSeller ? "/ventas" : "/despachos";
  const count = isSeller
    ? countOf(pending, "orden por atender (SOLICITADO)", "órdenes por atender (SOLICITADO)")
    : countOf(pending, "orden vendida por despachar", "órdenes vendidas por despachar");
  return (
    <div className="space-y-4">
      <p className="text-lg">
        Tiene <strong>{count}</strong>.
      </p>
      <ButtonLink href={href}>{isSeller ? "Ver Órdenes por Atender" : "Ver Despachos por Registrar"}</ButtonLink>
    </div>
  );
}

export default async function HomePage() {
  const user = await requirePage("/");
  return (
    <div>
      <PageHeader title={`Bienvenido, ${user.fullName}`} description={`${user.agentName} · ${AGENT_TYPE_LABELS[user.agentType]}`} />
      {user.role === "COMPRADOR" ? <BuyerHome user={user} /> : null}
      {user.role === "VENDEDOR" || user.role === "OPERADOR_PLANTA" ? <PartyHome user={user} /> : null}
      {user.role === "REGULADOR" || user.role === "ADMINISTRADOR" ? (
        <div className="space-y-4">
          <p>Verifique en campo cualquier Código de Autorización: estado, comprador, vendedor, lotes y movimientos.</p>
          <ButtonLink href="/verificacion">Consulta de Código de Autorización</ButtonLink>
        </div>
      ) : null}
    </div>
  );
}
