/**
 * The Tablero's figures: a summary, then each chart with its caption and its figures as a table
 * (the charts are hidden from screen readers; the tables carry the same numbers).
 */
import { STATE_CHART_COLORS } from "@/components/order/state-colors";
import { Table } from "@/components/ui/table";
import { STATE_LABELS } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS } from "@/lib/registry/agent-types";
import type { AgentVolume, Dashboard } from "@/lib/regulator/dashboard";
import { formatDay } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { AGENT_TYPE_COLORS } from "./agent-type-colors";
import { DailyVolumeChart, LateClosureChart, OrdersByStateChart, TopAgentsChart, type DailyVolumePoint } from "./dashboard-charts";
import { countOf } from "@/lib/plural";

const INTEGER = new Intl.NumberFormat("es-PE");
const PERCENT = new Intl.NumberFormat("es-PE", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const share = (part: number, whole: number) => (whole ? PERCENT.format(part / whole) : "—");
/** Gallons as a chart value (display only; the tables show exact hundredths). */
const toGallons = (hundredths: number) => hundredths / 100;

export function DashboardFigures({ dashboard }: { dashboard: Dashboard }) {
  const { period, dailyVolume, buyerTypes, ordersByState, lateClosures, topBuyers, topSellers } = dashboard;
  const totalOrders = ordersByState.reduce((sum, entry) => sum + entry.orders, 0);
  const totalVolume = dailyVolume.reduce((sum, day) => sum + day.total, 0);
  const closed = lateClosures.reduce((sum, entry) => sum + entry.closed, 0);
  const late = lateClosures.reduce((sum, entry) => sum + entry.late, 0);
  const busiest = dailyVolume.reduce((best, day) => (day.total > best.total ? day : best), dailyVolume[0]);
  const points: DailyVolumePoint[] = dailyVolume.map((day) => ({
    label: formatDay(day.day).slice(0, 5),
    ...Object.fromEntries(buyerTypes.map((type) => [type, toGallons(day.byType[type] ?? 0)])),
  }));
  const periodText = `del ${formatDay(period.from)} al ${formatDay(period.to)}`;

  return (
    <>
      <section aria-labelledby="resumen" className="rounded-md border border-slate-200 bg-white p-4">
        <h2 id="resumen" className="text-lg font-bold text-scop-800">
          Resumen {periodText}
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3">
          <Metric label="Órdenes registradas" value={INTEGER.format(totalOrders)} />
          <Metric label="Volumen solicitado (sin anuladas)" value={`${formatGallons(totalVolume)} gal`} />
          <Metric label="Cierres tardíos" value={`${share(late, closed)}`} detail={`${INTEGER.format(late)} de ${countOf(closed, "orden cerrada", "órdenes cerradas")}`} />
        </dl>
      </section>

      <Card id="volumen-diario" title="Volumen diario por tipo de agente">
        <Chart
          caption={`Volumen solicitado en las órdenes registradas cada día (sin las anuladas), según el tipo de agente del comprador. ${
            busiest && busiest.total > 0
              ? `Total ${formatGallons(totalVolume)} gal; el día de mayor volumen fue el ${formatDay(busiest.day)} con ${formatGallons(busiest.total)} gal.`
              : "No hay órdenes registradas en el periodo."
          }`}
        >
          <DailyVolumeChart points={points} types={buyerTypes} />
          <Legend entries={buyerTypes.map((type) => ({ label: AGENT_TYPE_LABELS[type], color: AGENT_TYPE_COLORS[type] }))} />
        </Chart>
        <details>
          <summary className="cursor-pointer font-semibold text-scop-700 underline underline-offset-2">Ver cifras por día</summary>
          <div className="mt-3">
            <Table caption={`Volumen solicitado por día y tipo de agente (galones), ${periodText}`}>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  {buyerTypes.map((type) => (
                    <th key={type} scope="col" className="text-right">
                      {AGENT_TYPE_LABELS[type]}
                    </th>
                  ))}
                  <th scope="col" className="text-right">
                    Total
                  </th>
                  <th scope="col" className="text-right">
                    Órdenes
                  </th>
                </tr>
              </thead>
              <tbody>
                {dailyVolume.map((day) => (
                  <tr key={day.day}>
                    <th scope="row">
                      {formatDay(day.day)}
                    </th>
                    {buyerTypes.map((type) => (
                      <td key={type} className="text-right tabular-nums">
                        {formatGallons(day.byType[type] ?? 0)}
                      </td>
                    ))}
                    <td className="text-right font-semibold tabular-nums">{formatGallons(day.total)}</td>
                    <td className="text-right tabular-nums">{INTEGER.format(day.orders)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </details>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="ordenes-por-estado" title="Órdenes por estado">
          <Chart caption={totalOrders === 1 ? "Estado actual de la única orden registrada en el periodo." : `Estado actual de las ${countOf(totalOrders, "orden", "órdenes")} registradas en el periodo.`}>
            <OrdersByStateChart states={ordersByState.map((entry) => ({ ...entry, label: STATE_LABELS[entry.state] }))} />
          </Chart>
          <Table caption={`Órdenes por estado, ${periodText}`}>
            <thead>
              <tr>
                <th scope="col">Estado</th>
                <th scope="col" className="text-right">
                  Órdenes (%)
                </th>
              </tr>
            </thead>
            <tbody>
              {ordersByState.map((entry) => (
                <tr key={entry.state}>
                  <th scope="row" className="whitespace-nowrap">
                    <Swatch color={STATE_CHART_COLORS[entry.state]} />
                    {STATE_LABELS[entry.state]}
                  </th>
                  <td className="text-right whitespace-nowrap tabular-nums">
                    {INTEGER.format(entry.orders)} <span className="text-slate-600">({share(entry.orders, totalOrders)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card id="cierres-tardios" title="Cierres tardíos por departamento">
          {lateClosures.length ? (
            <>
              <Chart
                caption={`De las órdenes cerradas cuya descarga fue en el periodo, las cerradas después del día de la descarga, por departamento del comprador (en cierres anteriores a la declaración de la descarga, contado desde la venta o el despacho). En total ${share(late, closed)}.`}
              >
                <LateClosureChart departments={lateClosures} />
              </Chart>
              <Table caption={`Cierres tardíos por departamento, ${periodText}`}>
                <thead>
                  <tr>
                    <th scope="col">Departamento</th>
                    <th scope="col" className="text-right">
                      Tardías / cerradas
                    </th>
                    <th scope="col" className="text-right">
                      Tasa
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lateClosures.map((entry) => (
                    <tr key={entry.department}>
                      <th scope="row">{entry.department}</th>
                      <td className="text-right tabular-nums">
                        {INTEGER.format(entry.late)} de {INTEGER.format(entry.closed)}
                      </td>
                      <td className="text-right font-semibold tabular-nums">{PERCENT.format(entry.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : (
            <p>No hay órdenes cerradas que hayan quedado POR CERRAR en el periodo.</p>
          )}
        </Card>
      </div>

      <Card id="principales-agentes" title="Principales agentes por volumen">
        <p className="text-sm text-slate-600">
          Los diez compradores y los diez vendedores con mayor volumen solicitado en las órdenes del periodo (sin las anuladas). El color indica el tipo de
          agente.
        </p>
        <div className="grid gap-6 lg:grid-cols-2">
          <TopAgents title="Compradores" agents={topBuyers} periodText={periodText} />
          <TopAgents title="Vendedores" agents={topSellers} periodText={periodText} />
        </div>
      </Card>
    </>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-bold text-scop-800">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A chart with its caption: what it counts, and the figure that matters, in words. */
function Chart({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <figure className="space-y-3">
      <figcaption className="text-sm text-slate-600">{caption}</figcaption>
      {children}
    </figure>
  );
}

function Metric({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-md bg-scop-50 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold text-scop-900 tabular-nums">{value}</dd>
      {detail ? <dd className="text-sm text-slate-700">{detail}</dd> : null}
    </div>
  );
}

function Swatch({ color }: { color: string }) {
  return <span aria-hidden="true" className="mr-2 inline-block size-3 rounded-sm align-middle" style={{ backgroundColor: color }} />;
}

function Legend({ entries }: { entries: { label: string; color: string }[] }) {
  if (!entries.length) return null;
  return (
    <ul aria-label="Tipos de agente" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {entries.map((entry) => (
        <li key={entry.label}>
          <Swatch color={entry.color} />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}

function TopAgents({ title, agents, periodText }: { title: string; agents: AgentVolume[]; periodText: string }) {
  return (
    <div className="min-w-0 space-y-3">
      <h3 className="font-semibold text-scop-900">{title}</h3>
      {agents.length ? (
        <>
          <Chart caption={`${title}: ${agents.length === 1 ? "el de mayor volumen" : `los ${agents.length} de mayor volumen`}; el primero, ${agents[0].businessName}, con ${formatGallons(agents[0].volume)} gal.`}>
            <TopAgentsChart agents={agents.map((agent, index) => ({ name: `${index + 1}. ${agent.businessName}`, type: agent.type, gallons: toGallons(agent.volume) }))} />
          </Chart>
          <Table caption={`${title} con mayor volumen, ${periodText}`}>
            <thead>
              <tr>
                <th scope="col">Agente</th>
                <th scope="col" className="text-right">
                  Volumen (gal)
                </th>
                <th scope="col" className="text-right">
                  Órdenes
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.map((agent, index) => (
                <tr key={agent.id}>
                  <th scope="row" className="[overflow-wrap:anywhere]">
                    {index + 1}. {agent.businessName}
                    <span className="block text-xs font-normal text-slate-700">
                      <Swatch color={AGENT_TYPE_COLORS[agent.type]} />
                      {AGENT_TYPE_LABELS[agent.type]} · RUC {agent.ruc}
                    </span>
                  </th>
                  <td className="text-right tabular-nums">{formatGallons(agent.volume)}</td>
                  <td className="text-right tabular-nums">{INTEGER.format(agent.orders)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <p>No hay órdenes en el periodo.</p>
      )}
    </div>
  );
}
