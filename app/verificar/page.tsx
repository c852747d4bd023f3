import Link from "next/link";
import { PublicVerifier } from "@/components/verification/public-verifier";
import { logSigner } from "@/lib/log/keys";

export const metadata = { title: "Verificación pública" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Public verification, without signing in (a police officer at a road check, a driver, a citizen):
 * a Código de Autorización or a tank truck's plate, typed or scanned from a QR.
 */
export default async function PublicVerificationPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const code = first(params.codigo) ?? first(params.code);
  const plate = first(params.placa);
  const initial = code ? { mode: "codigo" as const, value: code } : plate ? { mode: "placa" as const, value: plate } : null;
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="bg-scop-800 text-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="text-xs tracking-wide text-scop-100">SCOP GLP · Osinergmin</p>
            <h1 className="text-lg font-bold">Verificación pública</h1>
          </div>
          <Link href="/ingresar" className="text-sm font-semibold text-white underline underline-offset-2">
            Ingresar al portal
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-2xl space-y-4 px-4 py-5">
        <p className="text-sm text-slate-700">
          Compruebe si un Código de Autorización ampara una orden de pedido de GLP a granel, en qué estado está y quiénes son el vendedor y el
          comprador; o si una cisterna tiene hoy un lote vendido o despachado. Cada respuesta se verifica en su propio teléfono contra el
          registro firmado de movimientos.
        </p>
        <PublicVerifier vkey={logSigner().vkey} initial={initial ?? null} />
        <p className="text-xs text-slate-500">
          No se muestran volúmenes, precios, documentos ni nombres de personas. Las consultas están limitadas por conexión.
        </p>
      </main>
    </div>
  );
}
