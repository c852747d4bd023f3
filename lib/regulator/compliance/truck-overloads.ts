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
import type { Tx } from "@/lib/db/database";
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

export async function truckOverloads(tx: Tx, period: { from: LimaDay; to: LimaDay }): Promise<{ total: number; overloads: TruckOverload[] }> {
  const groups = await tx.$queryRaw<Group[]>`
    SELECT g.truck_id, g.load_day, g.loaded
    FROM (SELECT COALESCE(l.dispatched_truck_id, l.truck_id) AS truck_id, l.load_day,
                 CAST(SUM(COALESCE(l.dispatched_volume, l.sold_volume)) AS INTEGER) AS loaded
          FROM lots l
          WHERE l.load_day >= ${period.from} AND l.load_day <= ${period.to} AND COALESCE(l.dispatched_truck_id, l.truck_id) IS NOT NULL
          GROUP BY COALESCE(l.dispatched_truck_id, l.truck_id), l.load_day) g
    JOIN trucks t ON t.id = g.truck_id
    WHERE g.loaded > t.capacity
    ORDER BY g.load_day DESC, g.truck_id`;
  const shown = groups.slice(0, MAX_OVERLOADS);
  if (shown.length === 0) return { total: 0, overloads: [] };
  const truckIds = [...new Set(shown.map((group) => Number(group.truck_id)))];
  const days = [...new Set(shown.map((group) => group.load_day))];
  const [trucks, lots] = await Promise.all([
    tx.truck.findMany({ where: { id: { in: truckIds } }, include: { owner: { select: { id: true, businessName: true, ruc: true } } } }),
    tx.lot.findMany({
      where: { loadDay: { in: days }, OR: [{ dispatchedTruckId: { in: truckIds } }, { dispatchedTruckId: null, truckId: { in: truckIds } }] },
      select: { position: true, loadDay: true, truckId: true, dispatchedTruckId: true, soldVolume: true, dispatchedVolume: true, order: { select: { code: true, legacyImportId: true } } },
      orderBy: [{ orderId: "asc" }, { position: "asc" }],
    }),
  ]);
  const byId = new Map(trucks.map((truck) => [truck.id, truck]));
  return {
    total: groups.length,
    overloads: shown.map((group) => {
      const truck = byId.get(Number(group.truck_id))!;
      return {
        truckId: truck.id,
        plate: truck.plate,
        registryNumber: truck.registryNumber,
        owner: truck.owner,
        day: group.load_day,
        capacity: truck.capacity,
        loaded: Number(group.loaded),
        lots: lots
          .filter((lot) => lot.loadDay === group.load_day && (lot.dispatchedTruckId ?? lot.truckId) === truck.id)
          .map((lot) => ({ code: lot.order.code, legacy: lot.order.legacyImportId !== null, position: lot.position, volume: lot.dispatchedVolume ?? lot.soldVolume })),
      };
    }),
  };
}
