import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { registrationOptions } from "@/lib/orders/registration-options";
import { database } from "@/lib/next/context";
import { limaDay } from "@/lib/time";
import { RegisterOrderForm } from "./register-order-form";

export const metadata = { title: "Generación de Orden de Pedido Simple - Granel" };

export default async function GenerateOrderPage() {
  const user = await requirePage("/compras/generar");
  const options = await database().transaction((tx) => registrationOptions(tx, user.agentId));
  return (
    <div>
      <PageHeader
        title="Generación de Orden de Pedido Simple - Granel"
        description="Elija el agente vendedor y el volumen de compra; revise la Vista Previa y registre la orden para obtener su Código de Autorización."
      />
      <RegisterOrderForm
        sellerTypes={options.sellerTypes}
        sellers={options.sellers}
        plants={options.plants}
        available={options.available}
        today={limaDay(new Date())}
      />
    </div>
  );
}
