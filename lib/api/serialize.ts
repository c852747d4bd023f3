/** Orders and movements as the API returns them: volumes as decimal gallon strings, instants ISO. */
import type { OrderDetail, OrderSummary } from "@/lib/orders/queries";
import { toDecimalString } from "@/lib/volume";
import { formatDensity, formatTemperature, massKilograms } from "@/lib/orders/lot-measures";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const gallons = (hundredths: number | null) => (hundredths === null ? null : toDecimalString(hundredths));
const partyOf = (agent: { id: number; businessName: string; ruc: string }) => ({ id: agent.id, businessName: agent.businessName, ruc: agent.ruc });

export function orderSummaryJson(order: OrderSummary) {
  return {
    code: order.code,
    legacyCode: order.legacyImportId !== null,
    state: order.state,
    flow: order.flow,
    buyer: partyOf(order.buyer),
    seller: partyOf(order.seller),
    plant: order.plant ? partyOf(order.plant) : null,
    requestedVolume: toDecimalString(order.requestedVolume),
    purchaseOrderNumber: order.purchaseOrderNumber,
    deliveryDate: order.deliveryDate,
    comment: order.comment,
    transport: order.transport,
    requestedAt: order.requestedAt.toISOString(),
    soldAt: iso(order.soldAt),
    dispatchedAt: iso(order.dispatchedAt),
    porCerrarAt: iso(order.porCerrarAt),
    endedAt: iso(order.endedAt),
    dueDay: order.dueDay,
    daysLate: order.daysLate,
    latenessBasis: order.latenessBasis,
    nonDeliveryKnownAt: iso(order.nonDeliveryKnownAt),
    rejectionReason: order.rejectionReason,
  };
}

export function orderDetailJson(order: OrderDetail) {
  return {
    ...orderSummaryJson(order),
    lots: order.lots.map((lot) => ({
      position: lot.position,
      soldVolume: toDecimalString(lot.soldVolume),
      plate: lot.plate,
      truckRegistryNumber: lot.truck?.registryNumber ?? null,
      guiaRemision: lot.guiaRemision,
      factura: lot.factura,
      density: lot.density === null ? null : formatDensity(lot.density),
      temperature: lot.temperature === null ? null : formatTemperature(lot.temperature),
      massKg: lot.density === null ? null : massKilograms(lot.soldVolume, lot.density),
      dispatchedVolume: gallons(lot.dispatchedVolume),
      dispatchedAt: iso(lot.dispatchedAt),
      dispatchedPlate: lot.dispatchedPlate,
      dispatchedTruckRegistryNumber: lot.dispatchedTruck?.registryNumber ?? null,
      receivedVolume: gallons(lot.receivedVolume),
      unloadedAt: iso(lot.unloadedAt),
      rejected: lot.rejected,
    })),
    movements: order.movements.map((movement) => ({
      event: movement.event,
      state: movement.state,
      occurredAt: movement.occurredAt.toISOString(),
      agent: { id: movement.agentId, businessName: movement.agent.businessName },
      user: { id: movement.userId, fullName: movement.user.fullName },
    })),
  };
}
