import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/lib/next/session";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS } from "@/lib/registry/agent-types";
import { meanDays } from "@/lib/regulator/compliance/export";
import {
  CUADRO_03_CENTS,
  CUADRO_04_HUNDREDTHS,
  DAY_RANGES,
  ORDER_RANGES,
  TYPE_CATEGORIES,
  TYPE_CATEGORY_LABELS,
} from "@/lib/regulator/compliance/grading";
import { lateOrdersPage } from "@/lib/regulator/compliance/late-orders";
import { FACTOR_PARAMS, complianceSearchParams, costParam, formatHundredths } from "@/lib/regulator/compliance/parameters";
import { complianceReport, LATE_KINDS, LATE_KIND_LABELS, type LateKind } from "@/lib/regulator/compliance/report";
import { parseComplianceParams } from "@/lib/regulator/compliance/request";
import { truckOverloads } from "@/lib/regulator/compliance/truck-overloads";
import { TruckOverloadsSection } from "@/components/regulator/truck-overloads";
import { firstValues } from "@/lib/regulator/order-filter";
import { database } from "@/lib/next/context";
import { formatDay, formatLimaDateTime, limaDay } from "@/lib/time";

export const metadata = { title: "Cumplimiento" };

const PATH = "/regulador/cumplimiento";
const AGENTS_PAGE_SIZE = 25;
const ORDERS_PAGE_SIZE = 50;

const usd = new Intl.NumberFormat("es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatUsd = (cents: number) => `US$ ${usd.format(cents / 100)}`;
const positiveInt = (text: string | undefined) => (text && /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

/**
 * "Cumplimiento": late closures and unattended orders of a period, per agent, graded with seed
 * 003's tables; every parameter is in the URL, so the report and its exports are reproducible.
 */
export default async function CompliancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("REGULADOR", "ADMINISTRADOR");
  const now = new Date();
  const typed = firstValues(await searchParams);
  const parsed = parseComplianceParams(typed, now);
  const errors = parsed.ok ? {} : parsed.errors;
  const kind: LateKind = LATE_KINDS.includes(typed.lista as LateKind) ? (typed.lista as LateKind) : "cerradas";
  const agentId = positiveInt(typed.agente);
  const ordersPage = positiveInt(typed.pagina) ?? 1;
  const agentsPage = positiveInt(typed.paginaAgentes) ?? 1;

  const data = parsed.ok
    ? {
        report: await complianceReport(database(), parsed.params, now),
        list: await database().transaction((tx) => lateOrdersPage(tx, parsed.params, now, kind, ordersPage, ORDERS_PAGE_SIZE, agentId)),
        overloads: await truckOverloads(database(), parsed.params),
      }
    : null;
  const base = parsed.ok ? complianceSearchParams(parsed.params) : new URLSearchParams();
  const link = (extra: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams(base);
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) search.set(key, String(value));
    return `${PATH}?${search}#${extra.lista !== undefined ? "ordenes" : "agentes"}`;
  };
  const value = (name: string, fallback: string) => typed[name] ?? fallback;
  const today = limaDay(now);

  return (
    <div className="space-y-8">
      <PageHeader
        title="Cumplimiento"
        description="Cierres fuera de plazo (America/Lima), órdenes POR CERRAR vencidas y órdenes SOLICITADO sin atender, por agente, con la graduación del costo evitado de la Resolución N° 2743-2022-OS/OR TUMBES."
      />

      <form method="get" action={PATH} className="space-y-4 rounded-md border border-slate-200 bg-white p-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="from" label="Periodo desde" hint="Día en que la orden pasó a POR CERRAR o fue solicitada." errors={errors.from}>
            <input type="date" name="from" defaultValue={value("from", `${today.slice(0, 8)}01`)} className={inputClass} {...describedBy("from", errors.from, true)} />
          </Field>
          <Field id="to" label="Periodo hasta" errors={errors.to}>
            <input type="date" name="to" defaultValue={value("to", today)} className={inputClass} {...describedBy("to", errors.to)} />
          </Field>
          <Field id="hours" label="Plazo de SOLICITADO (horas)" hint="Más tiempo que este sin atender es un incumplimiento del vendedor." errors={errors.hours}>
            <input name="hours" inputMode="numeric" defaultValue={value("hours", "24")} className={inputClass} {...describedBy("hours", errors.hours, true)} />
          </Field>
          <Field id="solicitadoCost" label="Costo evitado por orden SOLICITADO (US$)" hint="Resolución 001: 80 + 104 US$." errors={errors.solicitadoCost}>
            <input name="solicitadoCost" inputMode="decimal" defaultValue={value("solicitadoCost", "184.00")} className={inputClass} {...describedBy("solicitadoCost", errors.solicitadoCost, true)} />
          </Field>
        </div>

        <details className="rounded-md border border-slate-200 p-3" open={Object.keys(errors).some((key) => /^(c\d\d|f[A-Z])/.test(key))}>
          <summary className="cursor-pointer font-semibold text-scop-800">Graduación: Cuadro Nro. 03 (costo evitado, US$) y Cuadro Nro. 04 (factor por tipo de agente)</summary>
          <div className="mt-3 overflow-x-auto">
            <table className="text-sm">
              <caption className="sr-only">Cuadro Nro. 03: costo evitado total por rango de órdenes y de días</caption>
              <thead>
                <tr>
                  <th className="px-2 py-1 text-left">Rango (órdenes de pedido)</th>
                  {DAY_RANGES.map((range) => (
                    <th key={range.label} className="whitespace-nowrap px-2 py-1 text-left">
                      {range.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ORDER_RANGES.map((range, r) => (
                  <tr key={range.label}>
                    <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-normal">
                      {range.label}
                    </th>
                    {DAY_RANGES.map((days, c) => {
                      const name = costParam(r, c);
                      return (
                        <td key={name} className="px-2 py-1">
                          <input
                            name={name}
                            aria-label={`${range.label}, ${days.label} (US$)`}
                            inputMode="decimal"
                            defaultValue={value(name, formatHundredths(CUADRO_03_CENTS[r][c]))}
                            className={`${inputClass} min-w-24`}
                            aria-invalid={errors[name] ? true : undefined}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset className="mt-4">
            <legend className="font-semibold text-scop-800">Factor de ponderación T por tipo de agente (Cuadro Nro. 04)</legend>
            <div className="mt-2 grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
              {TYPE_CATEGORIES.map((category) => {
                const name = FACTOR_PARAMS[category];
                return (
                  <Field key={name} id={name} label={TYPE_CATEGORY_LABELS[category]} errors={errors[name]}>
                    <input
                      name={name}
                      inputMode="decimal"
                      defaultValue={value(name, formatHundredths(CUADRO_04_HUNDREDTHS[category]))}
                      className={inputClass}
                      {...describedBy(name, errors[name])}
                    />
                  </Field>
                );
              })}
            </div>
          </fieldset>
          {Object.entries(errors)
            .filter(([key]) => /^c\d\d$/.test(key))
            .map(([key, messages]) => (
              <p key={key} className="mt-2 text-sm text-red-700">
                {messages.join(" ")}
              </p>
            ))}
          <p className="mt-3 text-xs text-slate-600">
            Costo evitado estimado = valor del Cuadro 03 (rango de órdenes del agente y rango del promedio de días de retraso) × factor del
            Cuadro 04 según el tipo de agente (numeral 4.14). Consumidor Directo y Red de Distribución: “Otras unidades menores”; Gasocentro:
            “Estación de Venta al Público”; Distribuidor a Granel: “Transportistas”.
          </p>
        </details>

        <div className="flex flex-wrap gap-2">
          <Button type="submit">Generar reporte</Button>
          <ButtonLink href={PATH} variant="secondary">
            Restablecer valores
          </ButtonLink>
        </div>
      </form>

      {!data ? (
        <Alert tone="error" title="Revise los parámetros.">
          <ul className="list-disc pl-5">
            {Object.values(errors)
              .flat()
              .map((message) => (
                <li key={message}>{message}</li>
              ))}
          </ul>
        </Alert>
      ) : (
        <>
          <section aria-labelledby="resumen" className="space-y-3">
            <h2 id="resumen" className="text-lg font-bold text-scop-800">
              Resumen del {formatDay(data.report.params.from)} al {formatDay(data.report.params.to)}
            </h2>
            <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              {[
                ["Cerradas fuera de plazo", String(data.report.summary.lateClosed)],
                ["POR CERRAR vencidas", String(data.report.summary.stillOpen)],
                [`SOLICITADO más de ${data.report.params.solicitadoHours} h`, String(data.report.summary.unattended)],
                ["Días de retraso (total)", String(data.report.summary.totalDaysLate)],
                ["Compradores con retraso", String(data.report.summary.buyers)],
                ["Vendedores con órdenes sin atender", String(data.report.summary.sellers)],
                ["Costo evitado estimado: cierres", formatUsd(data.report.summary.closureCostCents)],
                ["Costo evitado estimado: SOLICITADO", formatUsd(data.report.summary.unattendedCostCents)],
              ].map(([label, figure]) => (
                <div key={label} className="rounded-md border border-slate-200 bg-white p-3">
                  <dt className="text-sm text-slate-600">{label}</dt>
                  <dd className="text-xl font-bold text-scop-900">{figure}</dd>
                </div>
              ))}
            </dl>
            <p className="text-sm text-slate-600">Días de retraso de las órdenes aún abiertas contados hasta hoy, {formatDay(data.report.today)}.</p>
            <div className="flex flex-wrap gap-2">
              <ButtonLink href={`${PATH}/exportar/excel?${base}`} variant="secondary" prefetch={false} download>
                Exportar Excel
              </ButtonLink>
              <ButtonLink href={`${PATH}/exportar/csv?${new URLSearchParams([...base, ["tabla", "compradores"]])}`} variant="secondary" prefetch={false} download>
                CSV compradores
              </ButtonLink>
              <ButtonLink href={`${PATH}/exportar/csv?${new URLSearchParams([...base, ["tabla", "vendedores"]])}`} variant="secondary" prefetch={false} download>
                CSV vendedores
              </ButtonLink>
              <ButtonLink href={`${PATH}/exportar/csv?${new URLSearchParams([...base, ["tabla", "ordenes"]])}`} variant="secondary" prefetch={false} download>
                CSV órdenes
              </ButtonLink>
            </div>
          </section>

          <section id="agentes" aria-labelledby="compradores" className="space-y-3">
            <h2 id="compradores" className="text-lg font-bold text-scop-800">
              Compradores con cierres fuera de plazo
            </h2>
            {data.report.buyers.length === 0 ? (
              <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">Ningún comprador cerró fuera de plazo en el periodo.</p>
            ) : (
              <Table caption="Compradores con cierres fuera de plazo">
                <thead>
                  <tr>
                    <th>Agente</th>
                    <th>Tipo de agente</th>
                    <th>Departamento</th>
                    <th className="text-right">Órdenes</th>
                    <th className="text-right">
                      Días de retraso
                      <span className="block whitespace-nowrap text-xs font-normal">órdenes: ≤2 · 3–5 · 6–10 · ≥11</span>
                    </th>
                    <th>
                      Rango (Cuadro 03)
                      <span className="block whitespace-nowrap text-xs font-normal">órdenes · promedio de días</span>
                    </th>
                    <th className="text-right">Factor T</th>
                    <th className="text-right">Costo evitado estimado</th>
                  </tr>
                </thead>
                <tbody>
                  {data.report.buyers.slice((agentsPage - 1) * AGENTS_PAGE_SIZE, agentsPage * AGENTS_PAGE_SIZE).map((row) => (
                    <tr key={row.agent.id}>
                      <td className="min-w-44">
                        <p className="font-semibold">{row.agent.businessName}</p>
                        <p className="text-xs text-slate-600">RUC {row.agent.ruc}</p>
                        <p className="text-xs text-slate-600">Reg. {row.agent.registryNumber}</p>
                      </td>
                      <td>
                        <p>{AGENT_TYPE_LABELS[row.agent.type]}</p>
                        <p className="text-xs text-slate-600">Cuadro 04: {TYPE_CATEGORY_LABELS[row.category]}</p>
                      </td>
                      <td>{row.agent.department}</td>
                      <td className="text-right">
                        <p className="font-semibold">{row.orders}</p>
                        <p className="whitespace-nowrap text-xs text-slate-600">{row.lateClosed} cerradas</p>
                        <p className="whitespace-nowrap text-xs text-slate-600">{row.stillOpen} por cerrar</p>
                        <RowLink href={link({ lista: row.lateClosed > 0 ? "cerradas" : "por-cerrar", agente: row.agent.id })}>Ver órdenes</RowLink>
                      </td>
                      <td className="text-right">
                        <p className="font-semibold">{row.totalDaysLate}</p>
                        <p className="whitespace-nowrap text-xs text-slate-600">promedio {meanDays(row.totalDaysLate, row.orders)}</p>
                        <p className="whitespace-nowrap text-xs text-slate-600">
                          <span aria-hidden="true">órdenes: {row.daysDistribution.join(" · ")}</span>
                          <span className="sr-only">{DAY_RANGES.map((range, i) => `${range.label}: ${row.daysDistribution[i]}`).join(", ")}</span>
                        </p>
                      </td>
                      <td className="whitespace-nowrap">
                        <p>{ORDER_RANGES[row.orderRange].label}</p>
                        <p className="text-xs text-slate-600">{DAY_RANGES[row.dayRange].label}</p>
                      </td>
                      <td className="text-right">{formatHundredths(row.factorHundredths)}</td>
                      <td className="text-right">
                        <p className="whitespace-nowrap font-semibold">{formatUsd(row.costCents)}</p>
                        <p className="whitespace-nowrap text-xs text-slate-600">
                          {formatHundredths(row.partialCents)} × {formatHundredths(row.factorHundredths)}
                        </p>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            <PageNav page={agentsPage} pages={Math.ceil(data.report.buyers.length / AGENTS_PAGE_SIZE)} href={(page) => link({ paginaAgentes: page })} label="Páginas de compradores" />
          </section>

          <section aria-labelledby="vendedores" className="space-y-3">
            <h2 id="vendedores" className="text-lg font-bold text-scop-800">
              Vendedores con órdenes SOLICITADO sin atender más de {data.report.params.solicitadoHours} h
            </h2>
            {data.report.sellers.length === 0 ? (
              <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">Ninguna orden quedó SOLICITADO más del plazo en el periodo.</p>
            ) : (
              <Table caption="Vendedores con órdenes SOLICITADO sin atender">
                <thead>
                  <tr>
                    <th>Agente</th>
                    <th>Tipo de agente</th>
                    <th>Departamento</th>
                    <th className="text-right">Órdenes</th>
                    <th>Rango</th>
                    <th>Solicitada más antigua</th>
                    <th className="text-right">Costo evitado estimado</th>
                    <th>Opciones</th>
                  </tr>
                </thead>
                <tbody>
                  {data.report.sellers.map((row) => (
                    <tr key={row.agent.id}>
                      <td className="min-w-52">
                        <p className="font-semibold">{row.agent.businessName}</p>
                        <p className="text-xs text-slate-600">RUC {row.agent.ruc}</p>
                        <p className="text-xs text-slate-600">Reg. {row.agent.registryNumber}</p>
                      </td>
                      <td>{AGENT_TYPE_LABELS[row.agent.type]}</td>
                      <td>{row.agent.department}</td>
                      <td className="text-right font-semibold">{row.orders}</td>
                      <td className="whitespace-nowrap">{ORDER_RANGES[row.orderRange].label}</td>
                      <td className="whitespace-nowrap">{formatLimaDateTime(row.oldestRequestedAt)}</td>
                      <td className="whitespace-nowrap text-right font-semibold">{formatUsd(row.costCents)}</td>
                      <td>
                        <RowLink href={link({ lista: "solicitadas", agente: row.agent.id })}>Ver órdenes</RowLink>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>

          <section id="ordenes" aria-labelledby="ordenes-titulo" className="space-y-3">
            <h2 id="ordenes-titulo" className="text-lg font-bold text-scop-800">
              Órdenes con incumplimiento
            </h2>
            <nav aria-label="Tipo de incumplimiento" className="flex flex-wrap gap-2">
              {LATE_KINDS.map((option) => (
                <Link
                  key={option}
                  href={link({ lista: option, agente: agentId })}
                  aria-current={option === kind ? "page" : undefined}
                  className={`rounded-md border px-3 py-1 text-sm font-semibold ${option === kind ? "border-scop-700 bg-scop-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
                >
                  {LATE_KIND_LABELS[option]}
                </Link>
              ))}
              {agentId ? (
                <Link href={link({ lista: kind })} className="px-3 py-1 text-sm font-semibold text-scop-700 underline">
                  Quitar filtro de agente
                </Link>
              ) : null}
            </nav>
            {data.list.orders.length === 0 ? (
              <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">No hay órdenes de este tipo en el periodo.</p>
            ) : (
              <Table caption={LATE_KIND_LABELS[kind]}>
                <thead>
                  <tr>
                    <th>Código de Autorización</th>
                    <th>Comprador</th>
                    <th>Vendedor</th>
                    <th>Fecha Pedido</th>
                    <th>{kind === "solicitadas" ? "Estado" : "Por Cerrar desde"}</th>
                    {kind === "cerradas" ? <th>Fecha Cierre</th> : null}
                    <th className="text-right">{kind === "solicitadas" ? "Horas en SOLICITADO" : "Días de retraso"}</th>
                    <th>Opciones</th>
                  </tr>
                </thead>
                <tbody>
                  {data.list.orders.map((order) => (
                    <tr key={order.id}>
                      <td className="font-mono font-semibold">{order.code}</td>
                      <td>{order.buyer.businessName}</td>
                      <td>{order.seller.businessName}</td>
                      <td className="whitespace-nowrap">{formatLimaDateTime(order.requestedAt)}</td>
                      <td className="whitespace-nowrap">
                        {kind === "solicitadas" ? STATE_LABELS[order.state as OrderState] : order.porCerrarAt ? formatLimaDateTime(order.porCerrarAt) : ""}
                      </td>
                      {kind === "cerradas" ? <td className="whitespace-nowrap">{order.endedAt ? formatLimaDateTime(order.endedAt) : ""}</td> : null}
                      <td className="text-right font-semibold">{kind === "solicitadas" ? order.hoursWaiting : order.daysLate}</td>
                      <td>
                        <div className="flex flex-wrap gap-3 whitespace-nowrap">
                          <RowLink href={`/ordenes/${order.code}/movimientos`}>Ver Mov.</RowLink>
                          <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            <p className="text-sm text-slate-600">
              {data.list.total} {data.list.total === 1 ? "orden" : "órdenes"}
            </p>
            <PageNav
              page={ordersPage}
              pages={Math.ceil(data.list.total / ORDERS_PAGE_SIZE)}
              href={(page) => link({ lista: kind, agente: agentId, pagina: page })}
              label="Páginas de órdenes"
            />
          </section>
          <TruckOverloadsSection total={data.overloads.total} overloads={data.overloads.overloads} />
        </>
      )}
    </div>
  );
}

function PageNav({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      <span className="text-slate-600">
        Página {Math.min(page, pages)} de {pages}
      </span>
      <PageLinks page={page} pages={pages} href={href} />
    </nav>
  );
}
