/**
 * The tank truck that carries a lot (DESIGN.md: "A lot's tank truck is registered, VIGENTE,
 * insured, and the lot fits its capacity"). The seller names it by plate; here it becomes one of
 * the registered trucks that may carry the order, or a refusal in Spanish.
 *
 * Whose trucks may carry a lot:
 * - flow a: the seller's own (a Planta Envasadora trasiega a sus Camiones Tanque; a Distribuidor a
 *   Granel *is* its trucks — seed 001's "Distribuidor a Granel de GLP, camión tanque de placa
 *   F1X-710, con Registro de Hidrocarburos N° 84408-038-150516, cuyo titular es la Administrada").
 * - flow b: the seller's (the Productor/Comercializador delivers what it sold) or the buyer's (a
 *   Planta Envasadora or Distribuidor a Granel buying from the Comercializador collects at the Planta
 *   de Abastecimiento with its own trucks: seed 004 art. 26 has each plant keep "un registro de los
 *   Medios de Transporte que se abastecen de ella", and the Distribuidor a Granel definition
 *   "adquiere GLP a granel ... para lo cual cuenta con tanque ... montado en vehículo"). The plant
 *   itself only dispatches: its trucks are not the order's.
 */
import type { FieldErrors } from "@/lib/errors";
import { orderError, type OrderErrorCode } from "./errors";
import type { Order, Truck } from "@/lib/generated/sqlite/client";
import { formatDay, type LimaDay } from "@/lib/time";
import { formatGallons, type Hundredths } from "@/lib/volume";

/** The agents whose registered trucks may carry this order's lots. */
export function truckOwnersOf(order: Pick<Order, "flow" | "sellerId" | "buyerId">): number[] {
  return order.flow === "B" ? [order.sellerId, order.buyerId] : [order.sellerId];
}

const STATUS_RANK: Record<string, number> = { VIGENTE: 0, SUSPENDIDO: 1 };

/** Every truck registration of these owners with this plate among `candidates`, live ones first (the newest first within a status). */
function trucksWithPlate(candidates: readonly Truck[], owners: readonly number[], plate: string): Truck[] {
  return candidates
    .filter((truck) => truck.plate === plate && owners.includes(truck.ownerAgentId))
    .sort((a, b) => (STATUS_RANK[a.status] ?? 2) - (STATUS_RANK[b.status] ?? 2) || b.id - a.id);
}

export interface TruckUse {
  /** the lot's place in the input, for field errors ("lots.0.plate") */
  index: number;
  plate: string;
  volume: Hundredths;
  /** which field the plate was typed in: the sale's plate, or the dispatch's */
  plateField?: string;
  volumeField?: string;
}

interface Problem {
  code: OrderErrorCode;
  message: string;
  field: string;
}

/** Why `truck` may not carry `volume` today, if it may not. */
export function truckProblem(truck: Truck, use: TruckUse, today: LimaDay): Problem | null {
  const plateField = `lots.${use.index}.${use.plateField ?? "plate"}`;
  if (truck.status !== "VIGENTE") {
    const status = truck.status === "SUSPENDIDO" ? "suspendida" : "cancelada";
    return {
      code: "CISTERNA_NO_VIGENTE",
      message: `La inscripción de la cisterna ${truck.plate} (Registro N° ${truck.registryNumber}) está ${status}: no puede transportar GLP a granel.`,
      field: plateField,
    };
  }
  if (truck.insuranceExpiresOn < today) {
    return {
      code: "CISTERNA_SEGURO_VENCIDO",
      message: `La póliza de seguro de responsabilidad civil de la cisterna ${truck.plate} venció el ${formatDay(truck.insuranceExpiresOn)}.`,
      field: plateField,
    };
  }
  if (use.volume > truck.capacity) {
    return {
      code: "CISTERNA_CAPACIDAD_EXCEDIDA",
      message: `El lote ${use.index + 1} (${formatGallons(use.volume)} gal) excede la capacidad de la cisterna ${truck.plate} (${formatGallons(truck.capacity)} gal).`,
      field: `lots.${use.index}.${use.volumeField ?? "volume"}`,
    };
  }
  return null;
}

/**
 * The registered truck of each use, checked; or one refusal naming every lot's problem.
 * `candidates` are the trucks read with the order (loadOrderFor's `plates`: every registration of
 * its seller and buyer with the plates in use); `owners` are the agents whose trucks may carry the
 * order (truckOwnersOf); `ownerNames` name them in the message when a plate is none of theirs.
 */
export function trucksForLots(candidates: readonly Truck[], owners: number[], ownerNames: string, uses: TruckUse[], today: LimaDay): Truck[] {
  const problems: Problem[] = [];
  const trucks: Truck[] = [];
  for (const use of uses) {
    const [truck] = trucksWithPlate(candidates, owners, use.plate);
    if (!truck) {
      problems.push({
        code: "CISTERNA_NO_REGISTRADA",
        message: `La placa ${use.plate} no corresponde a una cisterna inscrita de ${ownerNames}: elija una de sus cisternas registradas.`,
        field: `lots.${use.index}.${use.plateField ?? "plate"}`,
      });
      continue;
    }
    const problem = truckProblem(truck, use, today);
    if (problem) problems.push(problem);
    trucks.push(truck);
  }
  if (problems.length > 0) {
    const fieldErrors: FieldErrors = {};
    for (const problem of problems) (fieldErrors[problem.field] ??= []).push(problem.message);
    throw orderError(problems[0].code, problems.map((problem) => problem.message).join(" "), fieldErrors);
  }
  return trucks;
}
