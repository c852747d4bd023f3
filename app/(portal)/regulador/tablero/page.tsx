import { DashboardFigures } from "@/components/regulator/dashboard-figures";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { loadDashboard } from "@/lib/regulator/dashboard";
import { MAX_PERIOD_DAYS, dashboardPeriodSchema } from "@/lib/regulator/dashboard-period";
import { firstValues } from "@/lib/regulator/order-filter";
import { database } from "@/lib/next/context";
import { limaDay } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";

export const metadata = { title: "Tablero" };

/** "Tablero": the regulator's national picture over a period of Lima days. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/regulador/tablero");
  const typed = firstValues(await searchParams);
  const parsed = dashboardPeriodSchema(limaDay(new Date())).safeParse(typed);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const dashboard = parsed.success ? await loadDashboard(database(), parsed.data) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Tablero"
        description="Volumen, estados, cierres tardíos y principales agentes de las órdenes de pedido de todo el país en el periodo elegido (días de Lima)."
      />
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 bg-white p-4" noValidate>
        <Field id="from" label="Fecha desde" errors={errors.from}>
          <input type="date" name="from" defaultValue={typed.from || dashboard?.period.from} className={inputClass} {...describedBy("from", errors.from)} />
        </Field>
        <Field id="to" label="Fecha hasta" errors={errors.to}>
          <input type="date" name="to" defaultValue={typed.to || dashboard?.period.to} className={inputClass} {...describedBy("to", errors.to)} />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Consultar</Button>
          <ButtonLink href="/regulador/tablero" variant="secondary">
            Últimos 30 días
          </ButtonLink>
        </div>
        <p className="w-full text-sm text-slate-600">Periodo de hasta {MAX_PERIOD_DAYS} días.</p>
      </form>
      {dashboard ? <DashboardFigures dashboard={dashboard} /> : <Alert tone="error" title="Revise el periodo." />}
    </div>
  );
}
