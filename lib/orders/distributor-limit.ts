/**
 * Seed 004, definition of DISTRIBUIDOR A GRANEL: "El volumen máximo que podrá vender por cliente
 * de forma mensual no deberá exceder de 113.56 m3 (30 000 galones), el cual será computado
 * independientemente de la cantidad de inscripciones con que cuente cada Distribuidor a Granel en
 * el Registro de Hidrocarburos."
 *
 * How inscriptions are grouped: a Distribuidor a Granel is inscribed once per truck — seed 001's
 * Registro N° 84408-038-150516 is the registration of the truck F1X-710, "el cual autorizaba a la
 * Administrada a desarrollar la actividad de Distribuidor a Granel ... a través de la unidad
 * vehicular" — and here each such inscription is a registered truck of one agent, the company
 * (one RUC: agents.ruc is unique). So the month counts every sale of the seller agent to the client,
 * whichever of its trucks carried it. The client is the buying agent (its RUC). The month is the
 * America/Lima calendar month of the sale. Counted: the sold volume of the lots not rejected, of
 * orders not RECHAZADO (product that was never delivered was not sold).
 */
import { lockRows, sql, type SqlStatements } from "@/lib/db/sql";
import { orderError } from "./errors";
import { startOfLimaDay, type LimaDay } from "@/lib/time";
import { formatGallons, type Hundredths } from "@/lib/volume";

/** 30,000 gallons, in hundredths. */
export const DISTRIBUTOR_MONTHLY_LIMIT: Hundredths = 3_000_000;

const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre", "noviembre", "diciembre"];

/** The first instant of the Lima calendar month of `day`, and of the next one. */
export function limaMonthOf(day: LimaDay): { start: Date; end: Date; label: string } {
  const [year, month] = day.split("-").map(Number);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return { start: startOfLimaDay(`${day.slice(0, 7)}-01`), end: startOfLimaDay(next), label: `${MONTHS[month - 1]} de ${year}` };
}

/** What the seller already sold to the buyer in the Lima month of `day`. */
export async function soldToClientInMonth(tx: SqlStatements, sellerId: number, buyerId: number, day: LimaDay): Promise<Hundredths> {
  const { start, end } = limaMonthOf(day);
  const [row] = await tx.all<{ total: unknown }>(
    sql.prepared`SELECT COALESCE(SUM(l.sold_volume), 0) AS total FROM orders o JOIN lots l ON l.order_id = o.id
     WHERE o.buyer_id = ${buyerId} AND o.seller_id = ${sellerId} AND o.sold_at >= ${start} AND o.sold_at < ${end} AND o.state <> 'RECHAZADO' AND NOT l.rejected`,
  );
  return Number(row.total);
}

/**
 * Refuses a Distribuidor a Granel's sale that would take its sales to this client over 30,000
 * gallons in the month. Concurrent sales to the same client are serialised on the client's row
 * (PostgreSQL; SQLite's write transactions are serial already), so two cannot both fit.
 */
export async function assertDistributorMonthlyLimit(
  tx: SqlStatements,
  sale: { sellerId: number; buyerId: number; buyerName: string; volume: Hundredths; day: LimaDay },
): Promise<void> {
  await tx.all(sql.prepared`SELECT a.id FROM agents a WHERE a.id = ${sale.buyerId} ${lockRows("a")}`);
  const sold = await soldToClientInMonth(tx, sale.sellerId, sale.buyerId, sale.day);
  if (sold + sale.volume <= DISTRIBUTOR_MONTHLY_LIMIT) return;
  const left = Math.max(DISTRIBUTOR_MONTHLY_LIMIT - sold, 0);
  const { label } = limaMonthOf(sale.day);
  throw orderError(
    "LIMITE_MENSUAL_DISTRIBUIDOR",
    `Un Distribuidor a Granel vende como máximo 30,000.00 galones por cliente al mes (D.S. 01-94-EM). En ${label} ya vendió ${formatGallons(sold)} gal a ${sale.buyerName}; esta venta de ${formatGallons(sale.volume)} gal lo excedería: puede vender hasta ${formatGallons(left)} gal más este mes.`,
    { lots: [`Puede vender hasta ${formatGallons(left)} gal más a este cliente en ${label}.`] },
  );
}
