/**
 * Where the public page learns whether a plate is a registered tank truck: the truck registry
 * (the `trucks` table: registry number, owner, capacity, insurance, status).
 */
import { sql, type SqlStatements } from "@/lib/db/sql";

export interface TruckStanding {
  plate: string;
  /** its own registry number, when the registry knows it */
  registryNumber: string | null;
  /** VIGENTE, SUSPENDIDO, CANCELADO; null when not known */
  status: string | null;
}

export interface TruckRegistry {
  /** "REGISTRO": the truck registry; "LOTES": only the plates recorded on lots */
  readonly source: "REGISTRO" | "LOTES";
  find(tx: SqlStatements, plate: string): Promise<TruckStanding | null>;
}

/**
 * The truck registry (lib/registry/trucks.ts): a plate's live registration (VIGENTE or SUSPENDIDO),
 * else its latest, cancelled one. A plate registered again after a cancellation (seed 001's
 * F1X-710) answers with its current registration.
 */
export const trucksRegistry: TruckRegistry = {
  source: "REGISTRO",
  async find(tx, plate) {
    const [row] = await tx.all<{ plate: string; registryNumber: string; status: string }>(
      sql`SELECT plate AS "plate", registry_number AS "registryNumber", status AS "status" FROM trucks WHERE plate = ${plate}
          ORDER BY CASE WHEN status = 'CANCELADO' THEN 1 ELSE 0 END, id DESC LIMIT 1`,
    );
    return row ? { plate: row.plate, registryNumber: row.registryNumber, status: row.status } : null;
  },
};

/** Interim adapter from before the truck registry, kept for databases of lots only: a plate is "known" when some lot was sold with it. */
export const lotsPlateRegistry: TruckRegistry = {
  source: "LOTES",
  async find(tx, plate) {
    const [row] = await tx.all<{ plate: string }>(sql`SELECT plate AS "plate" FROM lots WHERE plate = ${plate} LIMIT 1`);
    return row ? { plate, registryNumber: null, status: null } : null;
  },
};

/** Plates as the registry stores them ("F1X-710"), typed with or without the hyphen, spaces or lower case (lib/registry/plate.ts). */
export { normalizePlate } from "@/lib/registry/plate";
