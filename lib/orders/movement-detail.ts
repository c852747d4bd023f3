/**
 * The "Detalle" of a movement in "Ver Mov.": what the event recorded, in words. Each event but
 * the first happens once in an order's life (one sale, one dispatch, one closure or rejection),
 * so what it recorded is read from the order's lots as they stand; the movement's own `detail`
 * (a rejection's reason) is added as it was written.
 */
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons, type Hundredths } from "@/lib/volume";

export interface DetailLot {
  position: number;
  soldVolume: Hundredths;
  plate: string;
  guiaRemision: string;
  factura: string;
  dispatchedVolume: Hundredths | null;
  dispatchedAt: Date | null;
  dispatchedPlate: string | null;
  receivedVolume: Hundredths | null;
  rejected: boolean;
}

export interface DetailOrder {
  requestedVolume: Hundredths;
  rejectionReason: string | null;
  lots: DetailLot[];
}

/** One line per fact, e.g. "Lote 1: 1,500.00 gal vendidos · placa ABC-123 · guía T001-00012345 · factura F001-00001234". */
export function movementDetail(movement: { event: string; detail: string | null }, order: DetailOrder): string[] {
  const lots = [...order.lots].sort((a, b) => a.position - b.position);
  switch (movement.event) {
    case "SOLICITADO":
      return [`Volumen solicitado: ${formatGallons(order.requestedVolume)} gal`];
    case "VENDIDO":
      return lots.map(
        (lot) => `Lote ${lot.position}: ${formatGallons(lot.soldVolume)} gal vendidos · placa ${lot.plate} · guía ${lot.guiaRemision} · factura ${lot.factura}`,
      );
    case "DESPACHADO":
      return lots.map((lot) =>
        lot.dispatchedVolume === null
          ? `Lote ${lot.position}: sin despacho registrado`
          : `Lote ${lot.position}: ${formatGallons(lot.dispatchedVolume)} gal despachados · placa ${lot.dispatchedPlate ?? lot.plate}${
              lot.dispatchedAt ? ` · ${formatLimaDateTime(lot.dispatchedAt)}` : ""
            }`,
      );
    case "CERRADO":
      return lots.map((lot) => received(lot));
    case "RECHAZADO": {
      // "Rechazar" with its reason (the order keeps it), or a closure with every lot rejected
      // (the movement says so); either way each lot sold is marked rejected.
      const head = order.rejectionReason ? `Motivo: ${order.rejectionReason}` : movement.detail;
      return [...(head ? [head] : []), ...lots.map((lot) => received(lot))];
    }
    default:
      return movement.detail ? [movement.detail] : [];
  }
}

function received(lot: DetailLot): string {
  if (lot.rejected) return `Lote ${lot.position}: rechazado`;
  return lot.receivedVolume === null ? `Lote ${lot.position}: sin recepción registrada` : `Lote ${lot.position}: ${formatGallons(lot.receivedVolume)} gal recibidos`;
}
