import { describe, expect, it } from "vitest";
import { movementDetail, type DetailLot, type DetailOrder } from "@/lib/orders/movement-detail";

const lot = (position: number, change: Partial<DetailLot> = {}): DetailLot => ({
  position,
  soldVolume: 150_000,
  plate: "ABC-123",
  guiaRemision: "T001-00012345",
  factura: "F001-00001234",
  dispatchedVolume: null,
  dispatchedAt: null,
  dispatchedPlate: null,
  receivedVolume: null,
  rejected: false,
  ...change,
});

const order = (lots: DetailLot[], rejectionReason: string | null = null): DetailOrder => ({ requestedVolume: 300_050, rejectionReason, lots });

describe("the Detalle column of Ver Mov.", () => {
  it("says the volume requested, and each lot sold with its plate and documents", () => {
    const sold = order([lot(2, { soldVolume: 50 }), lot(1)]);
    expect(movementDetail({ event: "SOLICITADO", detail: null }, sold)).toEqual(["Volumen solicitado: 3,000.50 gal"]);
    expect(movementDetail({ event: "VENDIDO", detail: null }, sold)).toEqual([
      "Lote 1: 1,500.00 gal vendidos · placa ABC-123 · guía T001-00012345 · factura F001-00001234",
      "Lote 2: 0.50 gal vendidos · placa ABC-123 · guía T001-00012345 · factura F001-00001234",
    ]);
  });

  it("gives the dispatch per lot with the plate that left the plant and the Lima time", () => {
    const dispatched = order([lot(1, { dispatchedVolume: 149_950, dispatchedPlate: "XYZ-987", dispatchedAt: new Date("2026-03-05T15:30:00Z") })]);
    expect(movementDetail({ event: "DESPACHADO", detail: null }, dispatched)).toEqual(["Lote 1: 1,499.50 gal despachados · placa XYZ-987 · 05/03/2026 10:30:00"]);
  });

  it("gives what was received and what was rejected at closure", () => {
    const closed = order([lot(1, { receivedVolume: 149_000 }), lot(2, { rejected: true })]);
    expect(movementDetail({ event: "CERRADO", detail: null }, closed)).toEqual(["Lote 1: 1,490.00 gal recibidos", "Lote 2: rechazado"]);
  });

  it("gives a rejection's reason, or says every lot was rejected at closure", () => {
    expect(movementDetail({ event: "RECHAZADO", detail: "No llegó la cisterna" }, order([], "No llegó la cisterna"))).toEqual(["Motivo: No llegó la cisterna"]);
    expect(movementDetail({ event: "RECHAZADO", detail: "Cierre con todos los lotes rechazados" }, order([lot(1, { rejected: true })]))).toEqual([
      "Cierre con todos los lotes rechazados",
      "Lote 1: rechazado",
    ]);
    expect(movementDetail({ event: "ANULADO", detail: null }, order([]))).toEqual([]);
  });
});
