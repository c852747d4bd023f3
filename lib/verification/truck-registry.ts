/**
 * Where the public page learns whether a plate is a registered tank truck. The truck registry
 * (issue 13: a `trucks` table with registry number, owner, capacity, insurance and status) replaces
 * the interim adapter below with one that reads it; until then a plate is only known from the lots
 * sold with it, and its registry status is unknown (the page says so).
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

/** Interim: a plate is "known" when some lot was sold or dispatched with it. */
export const lotsPlateRegistry: TruckRegistry = {
  source: "LOTES",
  async find(tx, plate) {
    const [row] = await tx.all<{ plate: string }>(sql`SELECT plate AS "plate" FROM lots WHERE plate = ${plate} LIMIT 1`);
    return row ? { plate, registryNumber: null, status: null } : null;
  },
};

/** Plates are stored as the sale form writes them ("T8A-870"): typed with or without the hyphen, spaces or lower case. */
export function normalizePlate(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/[\s.]/g, "").replace(/[–—]/g, "-");
  const match = /^([A-Z0-9]{3})-?([A-Z0-9]{3})$/.exec(compact) ?? /^([A-Z]{2})-?(\d{4})$/.exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}
