/**
 * Cumplimiento: tank trucks loaded beyond their capacity on one America/Lima day, across orders.
 * Each lot records the day its truck loaded it (lots.load_day: the sale's day in flow a, the
 * dispatch's in flow b) and which registered truck did (the one dispatched in the sale's place, or
 * the sale's). One GROUP BY over the covering index (load_day, truck_id, dispatched_truck_id,
 * sold_volume, dispatched_volume) finds the (truck, day) pairs whose loads add up to more than the
 * truck holds; only those few pairs' lots are read to list their orders.
 *
 * The finding is the truck owner's: it inscribed the truck with that capacity and loaded it. A
 * truck may make several trips a day, so the listed lots are what an inspector checks against
 * the guías de remisión before concluding.
 */
import type { Database } from "@/lib/db/database";
import { sql, type SqlStatements } from "@/lib/db/sql";
import type { LimaDay } from "@/lib/time";
import type { Hundredths } from "@/lib/volume";

export interface TruckOverload {
  truckId: number;
  plate: string;
  registryNumber: string;
  owner: { id: number; businessName: string; ruc: string };
  day: LimaDay;
  capacity: Hundredths;
  loaded: Hundredths;
  lots: { code: string; legacy: boolean; position: number; volume: Hundredths }[];
}

/** The most (truck, day) findings listed on the screen; the count says how many there are. */
export const MAX_OVERLOADS = 200;

interface Group {
  truck_id: unknown;
  load_day: string;
  loaded: unknown;
}

interface TruckRow {
  id: unknown;
  plate: string;
  registryNumber: string;
  capacity: unknown;
  ownerId: unknown;
  businessName: string;
  ruc: string;
}

interface LotRow {
  code: string;
  legacyImportId: unknown;
  position: unknown;
  loadDay: string;
  truckId: unknown;
  volume: unknown;
}

/** Read in one snapshot, so that the lots listed are the ones that added up. */
export function truckOverloads(db: Pick<Database, "sql">, period: { from: LimaDay; to: LimaDay }): Promise<{ total: number; overloads: TruckOverload[] }> {
  return db.sql.snapshot((tx) => readTruckOverloads(tx, period));
}

async function readTruckOverloads(tx: SqlStatements, period: { from: LimaDay; to: LimaDay }): Promise<{ total: number; overloads: TruckOverload[] }> {
  const groups = await tx.all<Group>(sql`
    SELECT g.truck_id, g.load_day, g.loaded
    FROM (SELECT COALESCE(l.dispatched_truck_id, l.truck_id) AS truck_id, l.load_day,
                 CAST(SUM(COALESCE(l.dispatched_volume, l.sold_volume)) AS INTEGER) AS loaded
          FROM lots l
          WHERE l.load_day >= ${period.from} AND l.load_day <= ${period.to} AND COALESCE(l.dispatched_truck_id, l.truck_id) IS NOT NULL
          GROUP BY COALESCE(l.dispatched_truck_id, l.truck_id), l.load_day) g
    JOIN trucks t ON t.id = g.truck_id
    WHERE g.loaded > t.capacity
    ORDER BY g.load_day DESC, g.truck_id`);
  const shown = groups.slice(0, MAX_OVERLOADS);
  if (shown.length === 0) return { total: 0, overloads: [] };
  const truckIds = [...new Set(shown.map((group) => Number(group.truck_id)))];
  const days = [...new Set(shown.map((group) => group.load_day))];
  const trucks = await tx.all<TruckRow>(sql`
    SELECT t.id, t.plate, t.registry_number AS "registryNumber", t.capacity, a.id AS "ownerId", a.business_name AS "businessName", a.ruc
    FROM trucks t JOIN agents a ON a.id = t.owner_agent_id
    WHERE t.id IN (${sql.join(truckIds)})`);
  const lots = await tx.all<LotRow>(sql`
    SELECT o.code, o.legacy_import_id AS "legacyImportId", l.position, l.load_day AS "loadDay",
           COALESCE(l.dispatched_truck_id, l.truck_id) AS "truckId", COALESCE(l.dispatched_volume, l.sold_volume) AS volume
    FROM lots l JOIN orders o ON o.id = l.order_id
    WHERE l.load_day IN (${sql.join(days)})
      AND (l.dispatched_truck_id IN (${sql.join(truckIds)}) OR (l.dispatched_truck_id IS NULL AND l.truck_id IN (${sql.join(truckIds)})))
    ORDER BY l.order_id, l.position`);
  const byId = new Map(trucks.map((truck) => [Number(truck.id), truck]));
  return {
    total: groups.length,
    overloads: shown.map((group) => {
      const truck = byId.get(Number(group.truck_id))!;
      const truckId = Number(truck.id);
      return {
        truckId,
        plate: truck.plate,
        registryNumber: truck.registryNumber,
        owner: { id: Number(truck.ownerId), businessName: truck.businessName, ruc: truck.ruc },
        day: group.load_day,
        capacity: Number(truck.capacity),
        loaded: Number(group.loaded),
        lots: lots
          .filter((lot) => lot.loadDay === group.load_day && Number(lot.truckId) === truckId)
          .map((lot) => ({ code: lot.code, legacy: lot.legacyImportId !== null, position: Number(lot.position), volume: Number(lot.volume) })),
      };
    }),
  };
}
