import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { KeysetPages } from "@/components/ui/keyset-pages";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderPageFor } from "@/lib/orders/order-pages";
import { orderSearchSchema } from "@/lib/orders/order-search";
import { database } from "@/lib/next/context";
import { fieldErrorsOf } from "@/lib/validation";
import { CODE_CHECK_DIGIT_MESSAGE, codeNotFoundProblem } from "@/lib/authorization-code/schema";
import { AnnulList } from "./annul-list";

export const metadata = { title: "Corrección de Orden de Pedido: Anulación de Transacciones" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/**
 * "Anulación de Transacciones": the buyer's SOLICITADO orders, 50 a page, or the one of a
 * Código de Autorización. `?code=…&confirmar=1` (the "Anular" of an order's detail) opens the
 * confirmation of that order at once.
 */
export default async function AnnulPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("/compras/anulacion");
  const params = await searchParams;
  const code = first(params.code).trim();
  const cursor = first(params.cursor) || undefined;
  const parsed = orderSearchSchema.safeParse({ code });
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const page = parsed.success
    ? await orderPageFor(database(), user, { code: parsed.data.code, states: ["SOLICITADO"] }, cursor)
    : { orders: [], next: null };
  // Found by exact code first (legacy SCOP codes have no check digit); a code that matched none of
  // the buyer's orders is called mistyped only when it fails this portal's check digit.
  if (parsed.success && parsed.data.code && page.orders.length === 0 && codeNotFoundProblem(parsed.data.code) === "DIGITO_VERIFICADOR") {
    errors.code = [CODE_CHECK_DIGIT_MESSAGE];
  }
  const kept = new URLSearchParams(code ? { code } : {});

  return (
    <div className="space-y-6">
      <PageHeader
        title="Corrección de Orden de Pedido: Anulación de Transacciones"
        description="Anule una orden generada por error, mientras se encuentre en estado SOLICITADO: queda sin efecto y se libera su capacidad de compra. Si en cambio el producto no llegará o decide no recibirlo, use «Rechazar Orden» en su detalle: el rechazo registra el motivo y cuándo supo que no llegaría, y se puede hasta antes del cierre."
      />
      <form method="get" className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 sm:flex-row sm:items-end" noValidate>
        <div className="sm:w-80">
          <Field id="code" label="Código de Autorización" errors={errors.code}>
            <input name="code" inputMode="numeric" autoComplete="off" maxLength={13} defaultValue={code} className={`${inputClass} font-mono`} {...describedBy("code", errors.code)} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          {code ? (
            <ButtonLink href="/compras/anulacion" variant="secondary">
              Ver todas
            </ButtonLink>
          ) : null}
        </div>
      </form>
      {parsed.success && !errors.code ? (
        <>
          <AnnulList
            orders={page.orders.map((order) => ({
              code: order.code,
              requestedAt: order.requestedAt.toISOString(),
              seller: order.seller.businessName,
              volume: order.requestedVolume,
            }))}
            preselected={first(params.confirmar) === "1" ? parsed.data.code : undefined}
            empty={code ? `No tiene una orden en estado SOLICITADO con el Código de Autorización ${code}.` : "No tiene órdenes de pedido en estado SOLICITADO."}
          />
          <KeysetPages path="/compras/anulacion" params={kept} cursor={cursor} next={page.next} />
        </>
      ) : (
        <Alert tone="error" title="Revise el Código de Autorización." />
      )}
    </div>
  );
}
