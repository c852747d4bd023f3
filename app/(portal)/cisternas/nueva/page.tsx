import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import { listTruckOwners, ownerLabel } from "@/lib/registry/trucks";
import { EMPTY_TRUCK, TruckForm } from "../truck-form";

export const metadata = { title: "Inscribir Cisterna" };

export default async function NewTruckPage() {
  await requirePage("/cisternas/nueva");
  const owners = await database().transaction((tx) => listTruckOwners(tx));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Inscribir Cisterna"
        description="Inscriba un camión tanque en el Registro de Hidrocarburos como medio de transporte de GLP a granel: su placa, su propio número de registro, su propietario, su capacidad y su seguro."
      />
      <TruckForm initial={EMPTY_TRUCK} owners={owners.map((owner) => ({ id: owner.id, label: `${ownerLabel(owner)} (RUC ${owner.ruc})` }))} />
    </div>
  );
}
