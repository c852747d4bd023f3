/**
 * What the quantities and times recorded for an order's lots may be, written once: the order
 * services check them against the database, and the screens' preview schemas
 * (lib/orders/schemas.ts) against the figures the page was drawn with, with the same words.
 * The limits of the buyer's declared descarga and notice are in ./receipt.ts.
 */
import { formatGallons, type Hundredths } from "@/lib/volume";

/** Lots one order may be sold in. */
export const MAX_LOTS = 20;

/** The lots of a sale may not add up to more than the order asked for. */
export function saleTotalProblem(total: Hundredths, requested: Hundredths): string | null {
  return total > requested ? `La cantidad vendida (${formatGallons(total)} gal) excede el volumen solicitado en la orden (${formatGallons(requested)} gal).` : null;
}

/** What the lots' field says when the sale exceeds the order. */
export const SALE_TOTAL_FIELD = "La suma de los lotes no puede exceder el volumen solicitado.";

/** A plant dispatches no more of a lot than was sold. */
export function dispatchedVolumeProblem(dispatched: Hundredths, sold: Hundredths): string | null {
  return dispatched > sold ? `La cantidad despachada no puede superar la vendida (${formatGallons(sold)} gal).` : null;
}

/** A lot leaves the plant after the sale and not after the dispatch is recorded. */
export function dispatchedAtProblem(dispatchedAt: Date, soldAt: Date | null, now: Date): string | null {
  const at = dispatchedAt.getTime();
  return at > now.getTime() || (soldAt !== null && at < soldAt.getTime()) ? "La hora de despacho debe estar entre la venta y este momento." : null;
}

/** A buyer receives no more of a lot than was sold (manual: "dicho valor no podrá superar la cantidad Vendida"). */
export function receivedVolumeProblem(received: Hundredths, sold: Hundredths): string | null {
  return received > sold ? `La cantidad recibida no puede superar la cantidad vendida (${formatGallons(sold)} gal).` : null;
}
