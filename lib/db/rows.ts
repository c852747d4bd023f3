/**
 * The models the hot path reads with plain SQL (sql.ts), as the same objects Prisma returns: each
 * field's column, and which fields are dates or booleans (stored as text or 0/1 on SQLite).
 * tests/db/sql.test.ts checks each list against the Prisma schema and a row read both ways.
 */
import type { Agent, Lot, Order, Truck } from "@/lib/generated/sqlite/client";
import { fromSqlDate, type SqlRow } from "./sql";

export interface RowModel<T> {
  /** `alias.column AS "field", …` for a SELECT */
  select(alias: string): string;
  /** the column of a field, for SET and WHERE clauses */
  column(field: keyof T): string;
  from(row: SqlRow): T;
}

function rowModel<T>(columns: Record<keyof T & string, string>, dates: (keyof T)[], booleans: (keyof T)[] = []): RowModel<T> {
  const fields = Object.keys(columns) as (keyof T & string)[];
  const selects = new Map<string, string>();
  return {
    select(alias) {
      let select = selects.get(alias);
      if (!select) selects.set(alias, (select = fields.map((field) => `${alias}.${columns[field]} AS "${field}"`).join(", ")));
      return select;
    },
    column: (field) => columns[field as keyof T & string],
    from(row) {
      const model = { ...row } as Record<string, unknown>;
      for (const field of dates) {
        const value = model[field as string];
        if (value !== null && value !== undefined) model[field as string] = fromSqlDate(value);
      }
      for (const field of booleans) model[field as string] = Boolean(model[field as string]);
      return model as T;
    },
  };
}

export const AGENT = rowModel<Agent>(
  {
    id: "id",
    type: "type",
    businessName: "business_name",
    ruc: "ruc",
    registryNumber: "registry_number",
    registryStatus: "registry_status",
    address: "address",
    department: "department",
    province: "province",
    district: "district",
    storageCapacity: "storage_capacity",
    committedVolume: "committed_volume",
    cededBySellerId: "ceded_by_seller_id",
    insuranceExpiresOn: "insurance_expires_on",
    registryExpiresOn: "registry_expires_on",
    createdAt: "created_at",
    updatedAt: "updated_at",
  },
  ["createdAt", "updatedAt"],
);

export const ORDER = rowModel<Order>(
  {
    id: "id",
    code: "code",
    flow: "flow",
    buyerId: "buyer_id",
    sellerId: "seller_id",
    plantId: "plant_id",
    requestedVolume: "requested_volume",
    purchaseOrderNumber: "purchase_order_number",
    deliveryDate: "delivery_date",
    comment: "comment",
    transport: "transport",
    state: "state",
    version: "version",
    requestedAt: "requested_at",
    soldAt: "sold_at",
    dispatchedAt: "dispatched_at",
    porCerrarAt: "por_cerrar_at",
    porCerrarDay: "por_cerrar_day",
    endedAt: "ended_at",
    daysLate: "days_late",
    rejectionReason: "rejection_reason",
    legacyImportId: "legacy_import_id",
    updatedAt: "updated_at",
  },
  ["requestedAt", "soldAt", "dispatchedAt", "porCerrarAt", "endedAt", "updatedAt"],
);

export const LOT = rowModel<Lot>(
  {
    id: "id",
    orderId: "order_id",
    position: "position",
    soldVolume: "sold_volume",
    plate: "plate",
    truckId: "truck_id",
    guiaRemision: "guia_remision",
    factura: "factura",
    density: "density",
    temperature: "temperature",
    dispatchedVolume: "dispatched_volume",
    dispatchedAt: "dispatched_at",
    dispatchedPlate: "dispatched_plate",
    dispatchedTruckId: "dispatched_truck_id",
    loadDay: "load_day",
    receivedVolume: "received_volume",
    rejected: "rejected",
  },
  ["dispatchedAt"],
  ["rejected"],
);

export const TRUCK = rowModel<Truck>(
  {
    id: "id",
    plate: "plate",
    registryNumber: "registry_number",
    ownerAgentId: "owner_agent_id",
    capacity: "capacity",
    insuranceExpiresOn: "insurance_expires_on",
    status: "status",
    createdAt: "created_at",
    updatedAt: "updated_at",
  },
  ["createdAt", "updatedAt"],
);
