import { ConstatacionesTable } from "@/components/order/constataciones-table";
import { MovementsTable } from "@/components/order/movements-table";
import { OrderDetailView } from "@/components/order/order-detail";
import { StateBadge } from "@/components/order/state-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { CODE_CHECK_DIGIT_MESSAGE, authorizationCodeSchema, codeNotFoundProblem } from "@/lib/authorization-code/schema";
import { constatacionesOf } from "@/lib/constataciones/queries";
import { OrderCode } from "@/components/order/legacy-code-badge";
import { findOrderFor } from "@/lib/orders/queries";
import { limaDateTimeInputValue } from "@/lib/time";
import { ConstatacionForm } from "./constatacion-form";
import { database } from "@/lib/next/context";
import { fieldErrorsOf } from "@/lib/validation";

export const metadata = { title: "Consulta de Código de Autorización" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * "Consulta de Código de Autorización": the regulator checks a code on site — state, parties,
 * lots, plates and every movement on one screen, usable on a phone — and an inspector records a
 * constatación of what it sees (seed 001).
 */
export default async function VerificationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("/verificacion");
  const raw = (await searchParams).code;
  const typed = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const searched = raw !== undefined;

  let errors: string[] | undefined;
  let code: string | null = null;
  if (searched) {
    if (typed.trim() === "") errors = ["Ingrese el Código de Autorización."];
    else {
      const parsed = authorizationCodeSchema.safeParse(typed);
      if (parsed.success) code = parsed.data;
      else errors = Object.values(fieldErrorsOf(parsed.error)).flat();
    }
  }
  const found = code
    ? await database().transaction(async (tx) => {
        const order = await findOrderFor(tx, user, code);
        return order ? { order, constataciones: await constatacionesOf(tx, order.id) } : null;
      })
    : null;
  const order = found?.order ?? null;
  // Exact match first: a legacy SCOP code has no check digit. Only a code that matched nothing is
  // checked for a typo, and only this portal's codes carry the check digit.
  if (code && !order && codeNotFoundProblem(code) === "DIGITO_VERIFICADOR") errors = [CODE_CHECK_DIGIT_MESSAGE];
  const notFound = code !== null && !order && !errors;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Consulta de Código de Autorización"
        description="Ingrese el Código de Autorización de 11 dígitos para ver su estado, las partes, los lotes con sus placas y todos sus movimientos."
      />
      <form method="get" noValidate className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <div className="sm:w-80">
          <Field id="code" label="Código de Autorización" hint="11 dígitos, por ejemplo 60020060393." errors={errors}>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="off"
              maxLength={15}
              defaultValue={typed}
              className={`${inputClass} font-mono text-lg tracking-wider`}
              {...describedBy("code", errors, true)}
            />
          </Field>
        </div>
        <Button type="submit" className="w-full sm:mb-6 sm:w-auto">
          Consultar
        </Button>
      </form>

      {notFound ? (
        <Alert tone="warning" title={`No existe una orden de pedido con el Código de Autorización ${code}.`}>
          El código está bien escrito (su dígito verificador es correcto), pero no corresponde a ninguna orden de pedido registrada en el
          SCOP GLP ni en el historial importado del SCOP anterior: el GLP a granel vendido, despachado o recibido con este código no está
          amparado por una orden de pedido.
        </Alert>
      ) : null}

      {order ? (
        <div className="space-y-6">
          <section aria-labelledby="estado-actual" className="rounded-md border border-slate-200 bg-white p-4">
            <h2 id="estado-actual" className="text-sm font-semibold text-slate-600">
              Estado actual del Código de Autorización <OrderCode order={order} className="font-mono" />
            </h2>
            <p className="mt-2 [&>span]:px-4 [&>span]:py-2 [&>span]:text-2xl">
              <StateBadge state={order.state} />
            </p>
          </section>
          <section aria-labelledby="constatar" className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
            <h2 id="constatar" className="text-lg font-semibold text-scop-800">
              Registrar constatación
            </h2>
            {user.role === "REGULADOR" ? (
              <>
                <p className="text-sm text-slate-600">
                  Deje constancia de lo que ve en campo: la cisterna, dónde y qué hace. Se guarda con el estado de la orden en ese momento y no se
                  puede modificar.
                </p>
                <ConstatacionForm code={order.code} now={limaDateTimeInputValue(new Date())} />
              </>
            ) : (
              <p className="text-sm text-slate-600">Solo los inspectores (perfil Regulador) registran constataciones.</p>
            )}
          </section>
          <section aria-labelledby="detalle" className="space-y-2">
            <h2 id="detalle" className="text-lg font-semibold text-scop-800">
              Detalle
            </h2>
            <OrderDetailView order={order} truckLinks />
          </section>
          <section aria-labelledby="movimientos" className="space-y-2">
            <h2 id="movimientos" className="text-lg font-semibold text-scop-800">
              Movimientos
            </h2>
            <MovementsTable order={order} />
          </section>
          <section aria-labelledby="constataciones" className="space-y-2">
            <h2 id="constataciones" className="text-lg font-semibold text-scop-800">
              Constataciones
            </h2>
            <ConstatacionesTable constataciones={found!.constataciones} lotPlates={order.lots.map((lot) => lot.dispatchedPlate ?? lot.plate)} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
