import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { listApiKeys } from "@/lib/api/keys";
import { database } from "@/lib/next/context";
import { ApiKeys } from "./api-keys";

export const metadata = { title: "Claves de API" };

export default async function ApiKeysPage() {
  const user = await requirePage("/claves-api");
  const keys = await listApiKeys(database(), user);
  return (
    <div>
      <PageHeader
        title="Claves de API"
        description={
          <>
            Las claves permiten que sus sistemas usen la API de SCOP GLP en nombre de {user.agentName}, con el perfil del usuario que
            las crea. Envíelas en la cabecera <code className="font-mono">Authorization: Bearer &lt;clave&gt;</code>. Consulte la{" "}
            <Link href="/api-docs" className="font-semibold text-scop-700 underline underline-offset-2">
              Referencia de la API
            </Link>
            .
          </>
        }
      />
      <ApiKeys
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          role: key.role,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
          revoked: key.revokedAt !== null,
        }))}
      />
    </div>
  );
}
