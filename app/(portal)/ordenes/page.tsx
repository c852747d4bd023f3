import { OrderTable } from "@/components/order/order-table";
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

export const metadata = { title: "Orden de Pedido" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** "Orden de Pedido": the user's orders, by date range or by Código de Autorización, 50 a page. */
export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("/ordenes");
  const params = await searchParams;
  const typed = { code: first(params.code), from: first(params.from), to: first(params.to) };
  const parsed = orderSearchSchema.safeParse(typed);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const cursor = first(params.cursor) || undefined;
  const page = parsed.success ? await orderPageFor(database(), user, parsed.data, cursor) : { orders: [], next: null };
  // Found by exact code first (legacy SCOP codes have no check digit); a code that matched none of
  // the user's orders is called mistyped only when it fails this portal's check digit.
  if (parsed.success && parsed.data.code && page.orders.length === 0 && codeNotFoundProblem(parsed.data.code) === "DIGITO_VERIFICADOR") {
    errors.code = [CODE_CHECK_DIGIT_MESSAGE];
  }
  const searched = Boolean(typed.code || typed.from || typed.to);
  const kept = new URLSearchParams(Object.entries(typed).filter(([, value]) => value));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Orden de Pedido"
        description="Consulte el estado de sus órdenes de pedido. Si no recuerda el Código de Autorización, filtre por la fecha en que fue generado."
      />
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-4 sm:items-end" noValidate>
        <Field id="code" label="Código de Autorización" errors={errors.code}>
          <input name="code" inputMode="numeric" maxLength={13} defaultValue={typed.code} className={`${inputClass} font-mono`} {...describedBy("code", errors.code)} />
        </Field>
        <Field id="from" label="Fecha desde" errors={errors.from}>
          <input name="from" type="date" defaultValue={typed.from} className={inputClass} {...describedBy("from", errors.from)} />
        </Field>
        <Field id="to" label="Fecha hasta" errors={errors.to}>
          <input name="to" type="date" defaultValue={typed.to} className={inputClass} {...describedBy("to", errors.to)} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          {searched ? (
            <ButtonLink href="/ordenes" variant="secondary">
              Limpiar
            </ButtonLink>
          ) : null}
        </div>
      </form>
      {!parsed.success || errors.code ? (
        <Alert tone="error" title="Revise los datos de búsqueda." />
      ) : (
        <>
          <OrderTable
            orders={page.orders}
            empty={searched ? "No se encontraron órdenes de pedido con esos criterios." : "Aún no tiene órdenes de pedido."}
          />
          <KeysetPages path="/ordenes" params={kept} cursor={cursor} next={page.next} />
        </>
      )}
    </div>
  );
}
