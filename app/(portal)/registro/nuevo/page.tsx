import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { listSellers } from "@/lib/registry/agents";
import { database } from "@/lib/next/context";
import { AgentForm, EMPTY_AGENT } from "../agent-form";

export const metadata = { title: "Inscribir Agente" };

export default async function NewAgentPage() {
  await requirePage("/registro/nuevo");
  const sellers = await database().transaction((tx) => listSellers(tx));
  return (
    <div className="space-y-6">
      <PageHeader title="Inscribir Agente" description="Inscriba un agente en el Registro de Hidrocarburos. Para los tipos que compran, indique la capacidad de almacenamiento." />
      <AgentForm initial={EMPTY_AGENT} sellers={sellers} />
    </div>
  );
}
