import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { requirePage } from "@/lib/next/session";
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
import { lateOrdersPage, type LateOrder } from "@/lib/regulator/compliance/late-orders";
import { DEFAULT_UNCLOSED_DAYS, FACTOR_PARAMS, complianceSearchParams, costParam, formatHundredths } from "@/lib/regulator/compliance/parameters";
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
  await requirePage("/regulador/cumplimiento");
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
        description="Cierres y rechazos fuera de plazo (America/Lima), órdenes POR CERRAR sin cierre ni rechazo, constataciones de órdenes SOLICITADO con la cisterna descargando y órdenes SOLICITADO sin atender, por agente, con la graduación del costo evitado de la Resolución N° 2743-2022-OS/OR TUMBES."
      />

      <form method="get" action={PATH} className="space-y-4 rounded-md border border-slate-200 bg-white p-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Field id="from" label="Periodo desde" hint="Día de la descarga o del aviso de no llegada, de la venta o despacho (órdenes por cerrar), de la constatación o del pedido." errors={errors.from}>
            <input type="date" name="from" defaultValue={value("from", `${today.slice(0, 8)}01`)} className={inputClass} {...describedBy("from", errors.from, true)} />
          </Field>
          <Field id="to" label="Periodo hasta" errors={errors.to}>
            <input type="date" name="to" defaultValue={value("to", today)} className={inputClass} {...describedBy("to", errors.to)} />
          </Field>
          <Field id="days" label="Plazo sin cierre ni rechazo (días)" hint="Una orden POR CERRAR por más días que estos desde la venta o el despacho." errors={errors.days}>
            <input name="days" inputMode="numeric" defaultValue={value("days", String(DEFAULT_UNCLOSED_DAYS))} className={inputClass} {...describedBy("days", errors.days, true)} />
          </Field>
          <Field id="hours" label="Plazo de SOLICITADO (horas)" hint="Indicador aparte: más tiempo que este sin atender." errors={errors.hours}>
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
          <ReportSections data={data} kind={kind} agentId={agentId} agentsPage={agentsPage} ordersPage={ordersPage} base={base} link={link} />
          <TruckOverloadsSection total={data.overloads.total} overloads={data.overloads.overloads} />
        </>
      )}
    </div>
  );
}

type Report = Awaited<ReturnType<typeof complianceReport>>;
type OrdersList = Awaited<ReturnType<typeof lateOrdersPage>>;
type LinkTo = (extra: Record<string, string | number | undefined>) => string;

function ReportSections({
  data,
  kind,
  agentId,
  agentsPage,
  ordersPage,
  base,
  link,
}: {
  data: { report: Report; list: OrdersList };
  kind: LateKind;
  agentId: number | undefined;
  agentsPage: number;
  ordersPage: number;
  base: URLSearchParams;
  link: LinkTo;
}) {
  const { report, list } = data;
  const { summary, params } = report;
  const csvLink = (table: string) => `${PATH}/exportar/csv?${new URLSearchParams([...base, ["tabla", table]])}`;
  return (
    <>
      <section aria-labelledby="resumen" className="space-y-3">
        <h2 id="resumen" className="text-lg font-bold text-scop-800">
          Resumen del {formatDay(params.from)} al {formatDay(params.to)}
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {[
            ["Cerradas fuera de plazo", String(summary.lateClosed)],
            ["Rechazadas fuera de plazo", String(summary.lateRejected)],
            [`POR CERRAR sin cierre ni rechazo (más de ${params.unclosedDays} ${params.unclosedDays === 1 ? "día" : "días"})`, String(summary.unclosed)],
            ["Días de retraso de los cierres (total)", String(summary.totalDaysLate)],
            ["SOLICITADO constatado descargando", String(summary.constatadas)],
            [`SOLICITADO más de ${params.solicitadoHours} h (indicador)`, String(summary.unattended)],
            ["Costo evitado estimado: cierres", formatUsd(summary.closureCostCents)],
            ["Costo evitado estimado: constataciones", formatUsd(summary.constatacionCostCents)],
          ].map(([label, figure]) => (
            <div key={label} className="rounded-md border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{label}</dt>
              <dd className="text-xl font-bold text-scop-900">{figure}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">
          El plazo corre desde el día (hora de Lima) de la descarga que el comprador declaró al cerrar, o desde el día en que supo que el producto
          no llegaría, al rechazar. Generado el {formatLimaDateTime(report.generatedAt)}.
        </p>
        {summary.lateClosedFromSale > 0 ? (
          <Alert tone="warning" title={`${summary.lateClosedFromSale} ${summary.lateClosedFromSale === 1 ? "cierre fuera de plazo se registró" : "cierres fuera de plazo se registraron"} antes de que se declarara la fecha de descarga.`}>
            Sus días de retraso se contaron desde el día de la venta (flujo a) o del despacho (flujo b), como se calculaban entonces: la lista de
            órdenes y el CSV lo indican en «Retraso contado desde».
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`${PATH}/exportar/excel?${base}`} variant="secondary" prefetch={false} download>
            Exportar Excel
          </ButtonLink>
          <ButtonLink href={csvLink("compradores")} variant="secondary" prefetch={false} download>
            CSV compradores
          </ButtonLink>
          <ButtonLink href={csvLink("constatados")} variant="secondary" prefetch={false} download>
            CSV constataciones
          </ButtonLink>
          <ButtonLink href={csvLink("vendedores")} variant="secondary" prefetch={false} download>
            CSV vendedores
          </ButtonLink>
          <ButtonLink href={csvLink("ordenes")} variant="secondary" prefetch={false} download>
            CSV órdenes
          </ButtonLink>
        </div>
      </section>

      <section id="agentes" aria-labelledby="compradores" className="space-y-3">
        <h2 id="compradores" className="text-lg font-bold text-scop-800">
          Compradores: cierres y rechazos fuera de plazo, órdenes sin cierre ni rechazo
        </h2>
        <p className="text-sm text-slate-600">
          Solo los cierres fuera de plazo se gradúan con el Cuadro Nro. 03, que la Resolución aplica a cierres registrados días después de recibir
          físicamente el producto; los rechazos tardíos y las órdenes sin cierre ni rechazo se listan aparte.
        </p>
        {report.buyers.length === 0 ? (
          <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">Ningún comprador tiene incumplimientos en el periodo.</p>
        ) : (
          <Table caption="Compradores con incumplimientos">
            <thead>
              <tr>
                <th>Agente</th>
                <th>
                  Tipo de agente
                  <span className="block whitespace-nowrap text-xs font-normal">Cuadro 04 · factor T</span>
                </th>
                <th className="text-right">Cerradas fuera de plazo</th>
                <th className="text-right">Rechazadas fuera de plazo</th>
                <th className="text-right">Sin cierre ni rechazo</th>
                <th className="text-right">
                  Días de retraso
                  <span className="block whitespace-nowrap text-xs font-normal">cierres: ≤2 · 3–5 · 6–10 · ≥11</span>
                </th>
                <th>
                  Rango (Cuadro 03)
                  <span className="block whitespace-nowrap text-xs font-normal">órdenes · promedio de días</span>
                </th>
                <th className="text-right">Costo evitado estimado</th>
              </tr>
            </thead>
            <tbody>
              {report.buyers.slice((agentsPage - 1) * AGENTS_PAGE_SIZE, agentsPage * AGENTS_PAGE_SIZE).map((row) => (
                <tr key={row.agent.id}>
                  <td className="min-w-44">
                    <p className="font-semibold">{row.agent.businessName}</p>
                    <p className="text-xs text-slate-600">RUC {row.agent.ruc}</p>
                    <p className="text-xs text-slate-600">Reg. {row.agent.registryNumber}</p>
                    <p className="text-xs text-slate-600">{row.agent.department}</p>
                  </td>
                  <td className="min-w-36">
                    <p>{AGENT_TYPE_LABELS[row.agent.type]}</p>
                    <p className="text-xs text-slate-600">
                      {TYPE_CATEGORY_LABELS[row.category]} · {formatHundredths(row.factorHundredths)}
                    </p>
                  </td>
                  <CountCell count={row.lateClosed} href={link({ lista: "cerradas", agente: row.agent.id })} label={`Ver cerradas fuera de plazo de ${row.agent.businessName}`}>
                    {row.lateClosedFromSale ? <span className="block whitespace-nowrap text-xs text-slate-600">{row.lateClosedFromSale} desde la venta/despacho</span> : null}
                  </CountCell>
                  <CountCell count={row.lateRejected} href={link({ lista: "rechazos", agente: row.agent.id })} label={`Ver rechazadas fuera de plazo de ${row.agent.businessName}`}>
                    {row.lateRejected ? (
                      <span className="block whitespace-nowrap text-xs text-slate-600">
                        {row.rejectionDaysLate} {row.rejectionDaysLate === 1 ? "día" : "días"}
                      </span>
                    ) : null}
                  </CountCell>
                  <CountCell count={row.unclosed} href={link({ lista: "sin-cierre", agente: row.agent.id })} label={`Ver órdenes sin cierre ni rechazo de ${row.agent.businessName}`} />
                  <td className="text-right">
                    <p className="font-semibold">{row.totalDaysLate}</p>
                    {row.orders ? <p className="whitespace-nowrap text-xs text-slate-600">promedio {meanDays(row.totalDaysLate, row.orders)}</p> : null}
                    <p className="whitespace-nowrap text-xs text-slate-600">
                      <span aria-hidden="true">órdenes: {row.daysDistribution.join(" · ")}</span>
                      <span className="sr-only">{DAY_RANGES.map((range, i) => `${range.label}: ${row.daysDistribution[i]}`).join(", ")}</span>
                    </p>
                  </td>
                  <td className="whitespace-nowrap">
                    {row.orderRange !== null && row.dayRange !== null ? (
                      <>
                        <p>{ORDER_RANGES[row.orderRange].label}</p>
                        <p className="text-xs text-slate-600">{DAY_RANGES[row.dayRange].label}</p>
                      </>
                    ) : (
                      <p className="text-slate-600">Sin cierres que graduar</p>
                    )}
                  </td>
                  <td className="text-right">
                    <p className="whitespace-nowrap font-semibold">{formatUsd(row.costCents)}</p>
                    {row.orders ? (
                      <p className="whitespace-nowrap text-xs text-slate-600">
                        {formatHundredths(row.partialCents)} × {formatHundredths(row.factorHundredths)}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <PageNav page={agentsPage} pages={Math.ceil(report.buyers.length / AGENTS_PAGE_SIZE)} href={(page) => link({ paginaAgentes: page })} label="Páginas de compradores" />
      </section>

      <section aria-labelledby="constatados" className="space-y-3">
        <h2 id="constatados" className="text-lg font-bold text-scop-800">
          Vendedores: órdenes en SOLICITADO mientras su cisterna descargaba (constatación en campo)
        </h2>
        <p className="text-sm text-slate-600">
          El incumplimiento de la Resolución N° 1767-2018-OS/OR LIMA SUR: la orden figuraba «SOLICITADO» al momento de la supervisión, cuando el
          camión tanque se encontraba descargando. Costo evitado por orden: US$ {formatHundredths(params.solicitadoCostCents)}.
        </p>
        {report.constatadoSellers.length === 0 ? (
          <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">No hay constataciones de este incumplimiento en el periodo.</p>
        ) : (
          <Table caption="Vendedores con constataciones de SOLICITADO descargando">
            <thead>
              <tr>
                <th>Agente</th>
                <th>Tipo de agente</th>
                <th>Departamento</th>
                <th className="text-right">Órdenes</th>
                <th className="text-right">Constataciones</th>
                <th>Constatación más reciente</th>
                <th className="text-right">Costo evitado estimado</th>
                <th>Opciones</th>
              </tr>
            </thead>
            <tbody>
              {report.constatadoSellers.map((row) => (
                <tr key={row.agent.id}>
                  <td className="min-w-52">
                    <p className="font-semibold">{row.agent.businessName}</p>
                    <p className="text-xs text-slate-600">RUC {row.agent.ruc}</p>
                    <p className="text-xs text-slate-600">Reg. {row.agent.registryNumber}</p>
                  </td>
                  <td>{AGENT_TYPE_LABELS[row.agent.type]}</td>
                  <td>{row.agent.department}</td>
                  <td className="text-right font-semibold">{row.orders}</td>
                  <td className="text-right">{row.constataciones}</td>
                  <td className="whitespace-nowrap">{formatLimaDateTime(row.latestObservedAt)}</td>
                  <td className="whitespace-nowrap text-right font-semibold">{formatUsd(row.costCents)}</td>
                  <td>
                    <RowLink href={link({ lista: "constatadas", agente: row.agent.id })}>Ver constataciones</RowLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="vendedores" className="space-y-3">
        <h2 id="vendedores" className="text-lg font-bold text-scop-800">
          Indicador: órdenes SOLICITADO sin atender más de {params.solicitadoHours} h
        </h2>
        <p className="text-sm text-slate-600">
          Reporte aparte, por plazo: nadie constató en campo que el producto se entregara. Sirve para orientar las supervisiones; costo evitado
          referencial por orden: US$ {formatHundredths(params.solicitadoCostCents)} (total {formatUsd(summary.unattendedCostCents)}).
        </p>
        {report.sellers.length === 0 ? (
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
                <th className="text-right">Costo evitado referencial</th>
                <th>Opciones</th>
              </tr>
            </thead>
            <tbody>
              {report.sellers.map((row) => (
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
        {list.orders.length === 0 ? (
          <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">No hay órdenes de este tipo en el periodo.</p>
        ) : (
          <LateOrdersTable kind={kind} orders={list.orders} />
        )}
        <p className="text-sm text-slate-600">
          {list.total} {kind === "constatadas" ? (list.total === 1 ? "constatación" : "constataciones") : list.total === 1 ? "orden" : "órdenes"}
        </p>
        <PageNav page={ordersPage} pages={Math.ceil(list.total / ORDERS_PAGE_SIZE)} href={(page) => link({ lista: kind, agente: agentId, pagina: page })} label="Páginas de órdenes" />
      </section>
    </>
  );
}

/** A count with a link to its orders (none when zero). */
function CountCell({ count, href, label, children }: { count: number; href: string; label: string; children?: React.ReactNode }) {
  return (
    <td className="text-right">
      {count ? (
        <Link href={href} aria-label={label} className="font-semibold text-scop-700 underline underline-offset-2 hover:text-scop-900">
          {count}
        </Link>
      ) : (
        <span className="text-slate-500">0</span>
      )}
      {children}
    </td>
  );
}

function LateOrdersTable({ kind, orders }: { kind: LateKind; orders: LateOrder[] }) {
  const late = kind === "cerradas" || kind === "rechazos";
  return (
    <Table caption={LATE_KIND_LABELS[kind]}>
      <thead>
        <tr>
          <th>Código de Autorización</th>
          <th>Comprador</th>
          <th>Vendedor</th>
          {kind === "constatadas" ? (
            <>
              <th>Constatación</th>
              <th>Lugar</th>
              <th>Placa</th>
              <th>Estado actual</th>
            </>
          ) : (
            <th>Fecha Pedido</th>
          )}
          {late ? (
            <>
              <th>{kind === "cerradas" ? "Día de la descarga" : "Día en que supo que no llegaría"}</th>
              <th>{kind === "cerradas" ? "Fecha Cierre" : "Fecha Rechazo"}</th>
              <th className="text-right">Días de retraso</th>
            </>
          ) : null}
          {kind === "sin-cierre" ? (
            <>
              <th>Por Cerrar desde</th>
              <th className="text-right">Días sin cierre ni rechazo</th>
            </>
          ) : null}
          {kind === "solicitadas" ? (
            <>
              <th>Estado</th>
              <th className="text-right">Horas en SOLICITADO</th>
            </>
          ) : null}
          <th>Opciones</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.constatacion ? `c${order.constatacion.id}` : order.id}>
            <td className="font-mono font-semibold">{order.code}</td>
            <td>{order.buyer.businessName}</td>
            <td>{order.seller.businessName}</td>
            {order.constatacion ? (
              <>
                <td className="whitespace-nowrap">{formatLimaDateTime(order.constatacion.observedAt)}</td>
                <td>{order.constatacion.place}</td>
                <td className="whitespace-nowrap font-mono">{order.constatacion.plate}</td>
                <td>{STATE_LABELS[order.state as OrderState]}</td>
              </>
            ) : (
              <td className="whitespace-nowrap">{formatLimaDateTime(order.requestedAt)}</td>
            )}
            {late ? (
              <>
                <td className="whitespace-nowrap">
                  {order.dueDay ? formatDay(order.dueDay) : ""}
                  {order.latenessBasis === "VENTA_DESPACHO" ? <span className="block text-xs text-amber-800">contado desde la venta/despacho</span> : null}
                </td>
                <td className="whitespace-nowrap">{order.endedAt ? formatLimaDateTime(order.endedAt) : ""}</td>
                <td className="text-right font-semibold">{order.daysLate}</td>
              </>
            ) : null}
            {kind === "sin-cierre" ? (
              <>
                <td className="whitespace-nowrap">{order.porCerrarAt ? formatLimaDateTime(order.porCerrarAt) : ""}</td>
                <td className="text-right font-semibold">{order.daysWaiting}</td>
              </>
            ) : null}
            {kind === "solicitadas" ? (
              <>
                <td>{STATE_LABELS[order.state as OrderState]}</td>
                <td className="text-right font-semibold">{order.hoursWaiting}</td>
              </>
            ) : null}
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
