/**
 * Bulk inscription of tank trucks from a CSV file, as for agents (agent-import.ts): the browser
 * parses the file and checks every row with these same rules; the server checks them again plus
 * what only the database knows (owners by RUC, duplicates) and inscribes all of them in one
 * transaction — or none, with every row's errors.
 */
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import type { AgentType } from "./agent-types";
import { ImportRejected, type CsvRow, type RowError } from "./import-errors";
import { truckSchema, type TruckData } from "./truck-schema";
import { TRUCK_OWNER_TYPES } from "./trucks";
import { isValidRuc } from "./ruc";

export const TRUCK_CSV_COLUMNS = [
  { column: "placa", field: "plate", label: "Placa", help: "Placa de rodaje peruana, por ejemplo F1X-710, ABC-123 o AB-1234." },
  { column: "numero_registro", field: "registryNumber", label: "Número de registro", help: "Registro de Hidrocarburos de la cisterna: código-actividad-ddmmaa, por ejemplo 84408-038-150516." },
  { column: "ruc_propietario", field: "ownerRuc", label: "RUC del propietario", help: "RUC de una Planta Envasadora, Distribuidor a Granel o Productor / Comercializador ya inscrito." },
  { column: "capacidad_galones", field: "capacity", label: "Capacidad (galones)", help: "Capacidad autorizada, punto decimal, sin separador de miles; hasta 20,000." },
  { column: "vencimiento_seguro", field: "insuranceExpiresOn", label: "Vencimiento del seguro", help: "AAAA-MM-DD." },
] as const;

export const TRUCK_CSV_HEADER = TRUCK_CSV_COLUMNS.map((column) => column.column);
export const MAX_TRUCK_IMPORT_ROWS = 5_000;

export interface ValidTruckRow {
  row: number;
  ownerRuc: string;
  data: Omit<TruckData, "ownerAgentId">;
}

const labelOf = (field: string) => TRUCK_CSV_COLUMNS.find((column) => column.field === field)?.label ?? field;

export function missingTruckColumns(header: string[]): string[] {
  const present = new Set(header.map((name) => name.trim().toLowerCase()));
  return TRUCK_CSV_HEADER.filter((name) => !present.has(name));
}

/** Checks every row (without the database); rows are numbered from `firstRow` (2 after the header). */
export function validateTruckRows(rows: CsvRow[], firstRow = 2): { valid: ValidTruckRow[]; errors: RowError[] } {
  const valid: ValidTruckRow[] = [];
  const errors: RowError[] = [];
  const seenPlate = new Map<string, number>();
  const seenNumber = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = firstRow + index;
    const cell = (name: string) => String(raw[name] ?? "").trim();
    const ownerRuc = cell("ruc_propietario");
    const parsed = truckSchema.safeParse({
      plate: cell("placa"),
      registryNumber: cell("numero_registro"),
      ownerAgentId: 1, // resolved from the RUC by the server
      capacity: cell("capacidad_galones"),
      insuranceExpiresOn: cell("vencimiento_seguro"),
    });
    const rowErrors: RowError[] = [];
    if (!isValidRuc(ownerRuc)) rowErrors.push({ row, field: labelOf("ownerRuc"), message: "El RUC del propietario no es válido (11 dígitos con dígito verificador)." });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) rowErrors.push({ row, field: labelOf(String(issue.path[0] ?? "plate")), message: issue.message });
    }
    if (rowErrors.length || !parsed.success) {
      errors.push(...rowErrors);
      return;
    }
    const { ownerAgentId: _owner, ...data } = parsed.data;
    void _owner;
    const dupPlate = seenPlate.get(data.plate);
    if (dupPlate) errors.push({ row, field: labelOf("plate"), message: `La placa se repite en la fila ${dupPlate}.` });
    const dupNumber = seenNumber.get(data.registryNumber);
    if (dupNumber) errors.push({ row, field: labelOf("registryNumber"), message: `El número de registro se repite en la fila ${dupNumber}.` });
    seenPlate.set(data.plate, seenPlate.get(data.plate) ?? row);
    seenNumber.set(data.registryNumber, seenNumber.get(data.registryNumber) ?? row);
    if (!dupPlate && !dupNumber) valid.push({ row, ownerRuc, data });
  });
  return { valid, errors };
}

/** Inscribes every row in one transaction, or none: the count, or ImportRejected with every row's errors. */
export async function importTrucks(db: Database, actor: AuditActor, rows: CsvRow[], fileName: string): Promise<{ imported: number }> {
  if (rows.length === 0) throw new ImportRejected([{ row: 1, field: "Archivo", message: "El archivo no tiene filas de cisternas." }], "ninguna cisterna");
  if (rows.length > MAX_TRUCK_IMPORT_ROWS) {
    throw new ImportRejected([{ row: 1, field: "Archivo", message: `El archivo tiene ${rows.length} filas; el máximo es ${MAX_TRUCK_IMPORT_ROWS}.` }], "ninguna cisterna");
  }
  const { valid, errors } = validateTruckRows(rows);
  return db.transaction(async (tx) => {
    const owners = new Map(
      (await tx.agent.findMany({ where: { ruc: { in: [...new Set(valid.map((entry) => entry.ownerRuc))] } }, select: { id: true, ruc: true, type: true, registryNumber: true } })).map(
        (agent) => [agent.ruc, agent],
      ),
    );
    const numbers = valid.map((entry) => entry.data.registryNumber);
    const plates = valid.map((entry) => entry.data.plate);
    const byNumber = new Map((await tx.truck.findMany({ where: { registryNumber: { in: numbers } }, select: { registryNumber: true, plate: true } })).map((truck) => [truck.registryNumber, truck]));
    const agentNumbers = new Map((await tx.agent.findMany({ where: { registryNumber: { in: numbers } }, select: { id: true, registryNumber: true, businessName: true } })).map((agent) => [agent.registryNumber, agent]));
    const livePlates = new Map(
      (await tx.truck.findMany({ where: { plate: { in: plates }, status: { not: "CANCELADO" } }, select: { plate: true, registryNumber: true } })).map((truck) => [truck.plate, truck]),
    );
    for (const entry of valid) {
      const owner = owners.get(entry.ownerRuc);
      if (!owner || !TRUCK_OWNER_TYPES.includes(owner.type as AgentType)) {
        errors.push({ row: entry.row, field: labelOf("ownerRuc"), message: "No es el RUC de una Planta Envasadora, Distribuidor a Granel o Productor / Comercializador inscrito." });
      }
      const sameNumber = byNumber.get(entry.data.registryNumber);
      if (sameNumber) errors.push({ row: entry.row, field: labelOf("registryNumber"), message: `Ese número de registro ya pertenece a la cisterna ${sameNumber.plate}.` });
      const agent = agentNumbers.get(entry.data.registryNumber);
      if (agent && agent.id !== owner?.id) errors.push({ row: entry.row, field: labelOf("registryNumber"), message: `Ese número de registro ya pertenece al agente ${agent.businessName}.` });
      const live = livePlates.get(entry.data.plate);
      if (live) errors.push({ row: entry.row, field: labelOf("plate"), message: `La placa ya tiene una inscripción no cancelada (Registro N° ${live.registryNumber}).` });
    }
    if (errors.length) throw new ImportRejected(errors.sort((a, b) => a.row - b.row), "ninguna cisterna");
    await tx.truck.createMany({ data: valid.map((entry) => ({ ...entry.data, ownerAgentId: owners.get(entry.ownerRuc)!.id })) });
    await recordAudit(tx, actor, { action: "TRUCKS_IMPORTED", target: `archivo ${fileName.slice(0, 100)}`, detail: `${valid.length} cisternas inscritas` });
    return { imported: valid.length };
  });
}
