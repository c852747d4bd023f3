import { OrderDetailView } from "@/components/order/order-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderVisibleTo } from "@/lib/next/order-lookup";
import { database } from "@/lib/next/context";
import { truckOwnersOf } from "@/lib/orders/trucks";
import { trucksOfOwners } from "@/lib/registry/trucks";
import { limaDay } from "@/lib/time";
import { SaleForm } from "./sale-form";

export const metadata = { title: "Registrar Venta" };

/** "Registrar Venta": the seller records the lots sold for one of its SOLICITADO orders. */
export default async function SalePage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/ventas/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  // The typeahead's trucks: those that may carry this order (lib/orders/trucks.ts).
  const trucks = order.state === "SOLICITADO" ? await database().transaction((tx) => trucksOfOwners(tx, truckOwnersOf(order))) : [];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Registrar Venta"
        description={
          <>
            Código de Autorización <span className="font-mono font-bold">{order.code}</span>
          </>
        }
      />
      {/* The form stays mounted when the page refreshes after the sale, so its result stays on screen. */}
      <SaleForm
        code={order.code}
        state={order.state}
        flow={order.flow === "B" ? "B" : "A"}
        requestedVolume={order.requestedVolume}
        today={limaDay(new Date())}
        trucks={trucks.map((truck) => ({
          plate: truck.plate,
          registryNumber: truck.registryNumber,
          owner: truck.owner.businessName,
          capacity: truck.capacity,
          status: truck.status,
          insuranceExpiresOn: truck.insuranceExpiresOn,
        }))}
      >
        <OrderDetailView order={order} />
      </SaleForm>
    </div>
  );
}
