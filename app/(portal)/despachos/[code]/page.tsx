import { OrderDetailView } from "@/components/order/order-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { limaDateTimeInputValue } from "@/lib/time";
import { database, ordersContext } from "@/lib/next/context";
import { truckOwnersOf } from "@/lib/orders/trucks";
import { trucksOfOwners } from "@/lib/registry/trucks";
import { formatGallons } from "@/lib/volume";
import { orderVisibleTo } from "@/lib/next/order-lookup";
import { DispatchForm } from "./dispatch-form";

/**
 * "Now" in Lima as a datetime-local value (to the second), never before the sale: a sale recorded
 * earlier in this same second is rounded up.
 */
function defaultDispatchTime(soldAt: Date | null): string {
  const now = Math.floor(ordersContext().now().getTime() / 1000) * 1000;
  const sale = soldAt ? Math.ceil(soldAt.getTime() / 1000) * 1000 : 0;
  return limaDateTimeInputValue(Math.max(now, sale), { seconds: true });
}

export const metadata = { title: "Registrar Despacho" };

/** "Registrar Despacho": the plant operator records what left the plant for each lot of a sold flow-b order. */
export default async function DispatchPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/despachos/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  const now = defaultDispatchTime(order.soldAt);
  // Another truck may load in the sale's place: a registered one of the seller or the buyer.
  const trucks = order.state === "VENDIDO" ? await database().transaction((tx) => trucksOfOwners(tx, truckOwnersOf(order))) : [];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Registrar Despacho"
        description={
          <>
            Código de Autorización <span className="font-mono font-bold">{order.code}</span>
          </>
        }
      />
      {/* The form stays mounted when the page refreshes after the dispatch, so its result stays on screen. */}
      <DispatchForm
        code={order.code}
        state={order.state}
        soldAt={order.soldAt?.toISOString() ?? null}
        defaultDispatchedAt={now}
        trucks={trucks.map((truck) => ({
          plate: truck.plate,
          label: `${truck.plate} · Reg. ${truck.registryNumber} · ${formatGallons(truck.capacity)} gal · ${truck.owner.businessName}${truck.status !== "VIGENTE" ? ` · ${truck.status}` : ""}`,
        }))}
        lots={order.lots.map((lot) => ({
          position: lot.position,
          soldVolume: lot.soldVolume,
          plate: lot.plate,
          guiaRemision: lot.guiaRemision,
        }))}
      >
        <OrderDetailView order={order} />
      </DispatchForm>
    </div>
  );
}
