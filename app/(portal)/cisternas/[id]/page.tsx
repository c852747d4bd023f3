import { notFound } from "next/navigation";
import { LegacyCodeBadge } from "@/components/order/legacy-code-badge";
import { StateBadge } from "@/components/order/state-badge";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { RegistryStatusBadge } from "@/components/registry/registry-status-badge";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/audit";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import type { TruckStatus } from "@/lib/registry/truck-schema";
import { TRUCK_LOTS_LIMIT, findTruck, listTruckOwners, ownerLabel, truckHistory, truckLots } from "@/lib/registry/trucks";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { addLimaDays, formatDay, formatLimaDateTime, isLimaDay, limaDay } from "@/lib/time";
import { formatGallons, toDecimalString } from "@/lib/volume";
import { TruckForm } from "../truck-form";
import { TruckStatusForm } from "./status-form";

export const metadata = { title: "Cisterna" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** One truck: its inscription, its state with the reasons of every change, and every lot it carried in a period. */
export default async function TruckPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requirePage("/cisternas/[id]");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const search = await searchParams;
  const today = limaDay(new Date());
  const periodErrors: Record<string, string[]> = {};
  const typedFrom = first(search.desde);
  const typedTo = first(search.hasta);
  if (typedFrom && !isLimaDay(typedFrom)) periodErrors.desde = ["La fecha desde no es válida."];
  if (typedTo && !isLimaDay(typedTo)) periodErrors.hasta = ["La fecha hasta no es válida."];
  const from = typedFrom && !periodErrors.desde ? typedFrom : addLimaDays(today, -30);
  const to = typedTo && !periodErrors.hasta ? typedTo : today;
  if (from > to) periodErrors.hasta = ["La fecha hasta debe ser igual o posterior a la fecha desde."];
  const admin = user.role === "ADMINISTRADOR";

  const data = await database().transaction(async (tx) => {
    const truck = await findTruck(tx, id);
    if (!truck) return null;
    const [lots, history, owners] = await Promise.all([
      Object.keys(periodErrors).length ? Promise.resolve([]) : truckLots(tx, id, { from, to }),
      truckHistory(tx, truck),
      admin ? listTruckOwners(tx) : Promise.resolve([]),
    ]);
    return { truck, lots, history, owners };
  });
  if (!data) notFound();
  const { truck, lots, history, owners } = data;
  const shown = lots.slice(0, TRUCK_LOTS_LIMIT);
  const carried = shown.reduce((sum, lot) => sum + (lot.dispatchedTruckId === truck.id ? (lot.dispatchedVolume ?? lot.soldVolume) : lot.soldVolume), 0);
  const expired = truck.insuranceExpiresOn < today;

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Cisterna ${truck.plate}`}
        description={
          <>
            N° de registro {truck.registryNumber} · {truck.owner.businessName} ({AGENT_TYPE_LABELS[truck.owner.type as AgentType] ?? truck.owner.type}) ·{" "}
            <RegistryStatusBadge status={truck.status} />
          </>
        }
      />
      {first(search.inscrita) === "1" ? <Alert tone="success">La cisterna quedó inscrita con estado VIGENTE.</Alert> : null}
      {expired && truck.status !== "CANCELADO" ? (
        <Alert tone="warning" title={`El seguro de la cisterna venció el ${formatDay(truck.insuranceExpiresOn)}.`}>
          Mientras no se registre una póliza vigente, la cisterna no puede transportar lotes.
        </Alert>
      ) : null}

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Datos de la cisterna</h2>
        {admin ? (
          <TruckForm
            truckId={truck.id}
            locked={truck.status === "CANCELADO"}
            owners={owners.map((owner) => ({ id: owner.id, label: `${ownerLabel(owner)} (RUC ${owner.ruc})` }))}
            initial={{
              plate: truck.plate,
              registryNumber: truck.registryNumber,
              ownerAgentId: String(truck.ownerAgentId),
              capacity: toDecimalString(truck.capacity),
              insuranceExpiresOn: truck.insuranceExpiresOn,
            }}
          />
        ) : (
          <dl className="grid gap-2 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2">
            <div>
              <dt className="text-sm font-semibold text-slate-600">Propietario</dt>
              <dd>
                {truck.owner.businessName} (RUC {truck.owner.ruc}, registro {truck.owner.registryNumber})
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-slate-600">Capacidad</dt>
              <dd>{formatGallons(truck.capacity)} gal</dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-slate-600">Vencimiento del seguro</dt>
              <dd>{formatDay(truck.insuranceExpiresOn)}</dd>
            </div>
          </dl>
        )}
      </section>

      {admin ? (
        <section className="space-y-3">
          <h2 className="text-xl font-bold text-scop-800">Estado de la inscripción</h2>
          <TruckStatusForm truckId={truck.id} status={truck.status as TruckStatus} />
        </section>
      ) : null}

      <section className="space-y-3" aria-labelledby="lotes">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="lotes" className="text-xl font-bold text-scop-800">
            Lotes transportados
          </h2>
          <ButtonLink href={`/regulador/movimientos?plate=${encodeURIComponent(truck.plate)}`} variant="secondary">
            Ver en Movimientos
          </ButtonLink>
        </div>
        <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-3 sm:items-end" noValidate>
          <Field id="desde" label="Vendidos desde" errors={periodErrors.desde}>
            <input type="date" name="desde" defaultValue={from} className={inputClass} {...describedBy("desde", periodErrors.desde)} />
          </Field>
          <Field id="hasta" label="Vendidos hasta" errors={periodErrors.hasta}>
            <input type="date" name="hasta" defaultValue={to} className={inputClass} {...describedBy("hasta", periodErrors.hasta)} />
          </Field>
          <Button type="submit">Ver periodo</Button>
        </form>
        {Object.keys(periodErrors).length ? null : (
          <p className="text-sm text-slate-700">
            Del {formatDay(from)} al {formatDay(to)}: {shown.length} {shown.length === 1 ? "lote" : "lotes"}, {formatGallons(carried)} gal.
            {lots.length > TRUCK_LOTS_LIMIT ? ` Se muestran los ${TRUCK_LOTS_LIMIT} más recientes: acote el periodo.` : ""}
          </p>
        )}
        <Table caption="Lotes transportados por la cisterna">
          <thead>
            <tr>
              <th scope="col">Código de Autorización</th>
              <th scope="col">Fecha de venta</th>
              <th scope="col">Día de carga</th>
              <th scope="col">Comprador</th>
              <th scope="col">Vendedor</th>
              <th scope="col">Lote</th>
              <th scope="col" className="text-right">
                Cantidad (gal)
              </th>
              <th scope="col">Placa registrada en el lote</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={9} className="text-slate-600">
                  La cisterna no transportó lotes vendidos en ese periodo.
                </td>
              </tr>
            ) : (
              shown.map((lot) => {
                const dispatchedHere = lot.dispatchedTruckId === truck.id;
                return (
                  <tr key={lot.id}>
                    <td className="whitespace-nowrap">
                      <RowLink href={`/verificacion?code=${lot.order.code}`}>{lot.order.code}</RowLink>
                      {lot.order.legacyImportId !== null ? <LegacyCodeBadge /> : null}
                    </td>
                    <td className="whitespace-nowrap">{lot.order.soldAt ? formatLimaDateTime(lot.order.soldAt) : "—"}</td>
                    <td className="whitespace-nowrap">{lot.loadDay ? formatDay(lot.loadDay) : "Por despachar"}</td>
                    <td>{lot.order.buyer.businessName}</td>
                    <td>{lot.order.seller.businessName}</td>
                    <td>{lot.position}</td>
                    <td className="text-right">{formatGallons(dispatchedHere ? (lot.dispatchedVolume ?? lot.soldVolume) : lot.soldVolume)}</td>
                    <td className="font-mono">
                      {dispatchedHere ? lot.dispatchedPlate : lot.plate}
                      {dispatchedHere ? <span className="block font-sans text-xs">Despachado en lugar de {lot.plate}</span> : null}
                    </td>
                    <td>
                      <StateBadge state={lot.order.state} />
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </Table>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Historial de la inscripción</h2>
        <Table caption="Historial de la inscripción de la cisterna">
          <thead>
            <tr>
              <th scope="col">Fecha y hora</th>
              <th scope="col">Acción</th>
              <th scope="col">Usuario</th>
              <th scope="col">Motivo / detalle</th>
            </tr>
          </thead>
          <tbody>
            {history.length === 0 ? (
              <tr>
                <td colSpan={4} className="text-slate-600">
                  Sin cambios registrados en el portal.
                </td>
              </tr>
            ) : (
              history.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap">{formatLimaDateTime(event.at)}</td>
                  <td>{AUDIT_ACTION_LABELS[event.action as AuditAction] ?? event.action}</td>
                  <td className="font-mono">{event.username}</td>
                  <td>{event.detail}</td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
