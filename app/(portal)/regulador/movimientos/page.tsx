import { OrderTable } from "@/components/order/order-table";
import { ExportButton } from "@/components/regulator/export-button";
import { LocationSelects } from "@/components/regulator/location-selects";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { STATE_LABELS, ORDER_STATES } from "@/lib/orders/states";
import { AGENT_TYPES, AGENT_TYPE_LABELS } from "@/lib/registry/agent-types";
import { DEPARTMENTS } from "@/lib/registry/geography";
import { filterParams, firstValues, orderFilterSchema } from "@/lib/regulator/order-filter";
import { decodeCursor, searchOrders } from "@/lib/regulator/order-search";
import { readDatabase } from "@/lib/next/context";
import { fieldErrorsOf } from "@/lib/validation";
import { CODE_CHECK_DIGIT_MESSAGE, codeNotFoundProblem } from "@/lib/authorization-code/schema";

export const metadata = { title: "Movimientos" };

const PAGE_SIZE = 50;

/** "Movimientos": every order nationwide, filtered, newest or oldest first, page by page. */
export default async function MovementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/regulador/movimientos");
  const typed = firstValues(await searchParams);
  const parsed = orderFilterSchema.safeParse(typed);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const db = readDatabase();
  const result = parsed.success ? await searchOrders(db, parsed.data, decodeCursor(typed.cursor), PAGE_SIZE) : null;
  // A code that matched no order: mistyped only if it fails this portal's check digit (legacy SCOP codes have none).
  if (parsed.success && parsed.data.code && result?.orders.length === 0 && codeNotFoundProblem(parsed.data.code) === "DIGITO_VERIFICADOR") {
    errors.code = [CODE_CHECK_DIGIT_MESSAGE];
  }
  const params = parsed.success ? filterParams(parsed.data) : new URLSearchParams();
  const nextParams = new URLSearchParams(params);
  if (result?.next) nextParams.set("cursor", result.next);

  return (
    <div className="space-y-6">
      <PageHeader title="Movimientos" description="Todas las órdenes de pedido del país y sus movimientos. Filtre, ordene y exporte el resultado completo." />
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-4" noValidate>
        <Field id="from" label="Fecha desde" errors={errors.from}>
          <input type="date" name="from" defaultValue={typed.from} className={inputClass} {...describedBy("from", errors.from)} />
        </Field>
        <Field id="to" label="Fecha hasta" errors={errors.to}>
          <input type="date" name="to" defaultValue={typed.to} className={inputClass} {...describedBy("to", errors.to)} />
        </Field>
        <Field id="code" label="Código de Autorización" errors={errors.code}>
          <input name="code" inputMode="numeric" defaultValue={typed.code} className={`${inputClass} font-mono`} {...describedBy("code", errors.code)} />
        </Field>
        <Field id="plate" label="Placa de la cisterna" hint="Órdenes con un lote vendido o despachado en esa placa." errors={errors.plate}>
          <input name="plate" autoComplete="off" defaultValue={typed.plate} className={`${inputClass} font-mono uppercase`} {...describedBy("plate", errors.plate, true)} />
        </Field>
        <Field id="state" label="Estado" errors={errors.state}>
          <select name="state" defaultValue={typed.state ?? ""} className={inputClass} {...describedBy("state", errors.state)}>
            <option value="">Todos</option>
            {ORDER_STATES.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="agent" label="Agente (razón social, RUC o N° de registro)" errors={errors.agent}>
          <input name="agent" defaultValue={typed.agent} className={inputClass} {...describedBy("agent", errors.agent)} />
        </Field>
        <Field id="agentType" label="Tipo de agente" errors={errors.agentType}>
          <select name="agentType" defaultValue={typed.agentType ?? ""} className={inputClass} {...describedBy("agentType", errors.agentType)}>
            <option value="">Todos</option>
            {AGENT_TYPES.filter((type) => type !== "OSINERGMIN").map((type) => (
              <option key={type} value={type}>
                {AGENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        <LocationSelects departments={DEPARTMENTS} initial={typed} />
        <Field id="sort" label="Orden">
          <select id="sort" name="sort" defaultValue={typed.sort ?? "recientes"} className={inputClass}>
            <option value="recientes">Más recientes primero</option>
            <option value="antiguas">Más antiguas primero</option>
          </select>
        </Field>
        <div className="flex flex-wrap items-end gap-2 sm:col-span-3 lg:col-span-4">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/regulador/movimientos" variant="secondary">
            Limpiar
          </ButtonLink>
          {parsed.success ? (
            <>
              <ExportButton format="csv" query={params.toString()} />
              <ExportButton format="xlsx" query={params.toString()} />
            </>
          ) : null}
        </div>
      </form>
      {!result ? (
        <Alert tone="error" title="Revise los filtros." />
      ) : (
        <>
          <OrderTable orders={result.orders} empty="No hay órdenes de pedido con esos filtros." />
          <nav aria-label="Paginación" className="flex flex-wrap gap-2">
            {typed.cursor ? (
              <ButtonLink href={`/regulador/movimientos?${params}`} variant="secondary">
                Primera página
              </ButtonLink>
            ) : null}
            {result.next ? (
              <ButtonLink href={`/regulador/movimientos?${nextParams}`} variant="secondary">
                Página siguiente
              </ButtonLink>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
