import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { RegistryStatusBadge } from "@/components/registry/registry-status-badge";
import { requirePage } from "@/lib/next/session";
import { REGISTRY_STATUSES } from "@/lib/registry/agent-types";
import { TRUCKS_PAGE_SIZE, listTrucks, parseTruckFilter } from "@/lib/registry/trucks";
import { database } from "@/lib/next/context";
import { formatDay, limaDay } from "@/lib/time";
import { formatGallons } from "@/lib/volume";

export const metadata = { title: "Cisternas" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The registry of cisternas / camiones tanque: search, and for the administrator inscribe and import. */
export default async function TrucksPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("/cisternas");
  const raw = await searchParams;
  const params = { q: first(raw.q), status: first(raw.status), owner: first(raw.owner), page: first(raw.page) };
  const filter = parseTruckFilter(params);
  const db = database();
  const { total, trucks } = await db.transaction((tx) => listTrucks(tx, db.engine, filter));
  const kept = Object.fromEntries(Object.entries(params).filter(([key, value]) => key !== "page" && value));
  const today = limaDay(new Date());
  const admin = user.role === "ADMINISTRADOR";

  return (
    <div className="space-y-6">
      <PageHeader
        title="Cisternas"
        description="Camiones tanque inscritos en el Registro de Hidrocarburos: placa, número de registro, propietario, capacidad, seguro y estado. Solo una cisterna VIGENTE, con seguro vigente, transporta un lote."
      />
      {admin ? (
        <div className="flex flex-wrap gap-2">
          <ButtonLink href="/cisternas/nueva">Inscribir Cisterna</ButtonLink>
          <ButtonLink href="/cisternas/importar" variant="secondary">
            Importar Cisternas (CSV)
          </ButtonLink>
        </div>
      ) : null}
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-4 sm:items-end" noValidate>
        <div className="sm:col-span-2">
          <Field id="q" label="Buscar (placa, N° de registro, propietario o su RUC)">
            <input id="q" name="q" defaultValue={params.q} className={inputClass} />
          </Field>
        </div>
        <Field id="status" label="Estado">
          <select id="status" name="status" defaultValue={params.status} className={inputClass}>
            <option value="">Todos</option>
            {REGISTRY_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/cisternas" variant="secondary">
            Limpiar
          </ButtonLink>
        </div>
      </form>
      <Table caption="Cisternas inscritas">
        <thead>
          <tr>
            <th scope="col">Placa</th>
            <th scope="col">N° de registro</th>
            <th scope="col">Propietario</th>
            <th scope="col" className="text-right">
              Capacidad (gal)
            </th>
            <th scope="col">Vence el seguro</th>
            <th scope="col">Estado</th>
            <th scope="col">
              <span className="sr-only">Acciones</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trucks.length === 0 ? (
            <tr>
              <td colSpan={7} className="text-slate-600">
                No se encontraron cisternas con esos criterios.
              </td>
            </tr>
          ) : (
            trucks.map((truck) => (
              <tr key={truck.id}>
                <td className="font-mono font-semibold">{truck.plate}</td>
                <td className="font-mono">{truck.registryNumber}</td>
                <td>
                  {truck.owner.businessName}
                  <span className="block text-xs text-slate-600">RUC {truck.owner.ruc}</span>
                </td>
                <td className="text-right">{formatGallons(truck.capacity)}</td>
                <td className={truck.insuranceExpiresOn < today ? "font-semibold text-red-800" : undefined}>
                  {formatDay(truck.insuranceExpiresOn)}
                  {truck.insuranceExpiresOn < today ? <span className="block text-xs">Vencido</span> : null}
                </td>
                <td>
                  <RegistryStatusBadge status={truck.status} />
                </td>
                <td>
                  <RowLink href={`/cisternas/${truck.id}`} aria-label={`Ver Detalle de la cisterna ${truck.plate}`}>
                    Ver Detalle
                  </RowLink>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <Pagination page={filter.page} pageSize={TRUCKS_PAGE_SIZE} total={total} params={kept} path="/cisternas" />
    </div>
  );
}
