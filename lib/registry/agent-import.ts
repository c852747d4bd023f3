/**
 * Bulk inscription of agents from a CSV file. The browser parses the file (papaparse) and checks
 * every row with the same rules as the server (validateAgentRows); the server checks them again
 * plus what only the database knows (duplicates, the ceded-tank supplier) and inscribes all of
 * them in one transaction — or none, with every row's errors.
 */
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import { ImportRejected, type CsvRow, type RowError } from "./import-errors";
import { mayCedeTanks } from "./agent-types";
import { agentSchema, type AgentData } from "./agent-schema";
import { countOf } from "@/lib/plural";

/** The file's columns, in order, with the form field each fills (documented on the page). */
export const CSV_COLUMNS = [
  { column: "tipo", field: "type", label: "Tipo de agente", help: "Código del tipo: CONSUMIDOR_DIRECTO, RED_DE_DISTRIBUCION, GASOCENTRO, PLANTA_ENVASADORA, DISTRIBUIDOR_A_GRANEL, COMERCIALIZADOR o PLANTA_ABASTECIMIENTO." },
  { column: "razon_social", field: "businessName", label: "Razón social", help: "Hasta 160 caracteres." },
  { column: "ruc", field: "ruc", label: "RUC", help: "11 dígitos con dígito verificador válido." },
  { column: "numero_registro", field: "registryNumber", label: "Número de registro", help: "código-actividad-ddmmaa, por ejemplo 84408-038-150516." },
  { column: "direccion", field: "address", label: "Dirección", help: "Hasta 200 caracteres." },
  { column: "departamento", field: "department", label: "Departamento", help: "Como en el ubigeo del INEI, por ejemplo Lima." },
  { column: "provincia", field: "province", label: "Provincia", help: "Por ejemplo Lima." },
  { column: "distrito", field: "district", label: "Distrito", help: "Por ejemplo San Isidro." },
  { column: "capacidad_galones", field: "storageCapacity", label: "Capacidad (galones)", help: "Obligatoria para los tipos que compran; vacía para los demás. Punto decimal, sin separador de miles." },
  { column: "ruc_proveedor_tanques", field: "cededBySellerRuc", label: "RUC del proveedor de tanques cedidos", help: "Opcional: RUC de una Planta Envasadora o un Distribuidor a Granel ya inscrito, o de una fila anterior del archivo." },
  { column: "vencimiento_seguro", field: "insuranceExpiresOn", label: "Vencimiento del seguro", help: "Opcional: AAAA-MM-DD." },
] as const;

export const CSV_HEADER = CSV_COLUMNS.map((column) => column.column);
export const MAX_IMPORT_ROWS = 5_000;

export { ImportRejected, type CsvRow, type RowError } from "./import-errors";

export interface ValidRow {
  row: number;
  data: AgentData;
  cededBySellerRuc: string | null;
}

const labelOf = (field: string) => CSV_COLUMNS.find((column) => column.field === field)?.label ?? field;

export function missingColumns(header: string[]): string[] {
  const present = new Set(header.map((name) => name.trim().toLowerCase()));
  return CSV_HEADER.filter((name) => !present.has(name));
}

/** Checks every row (without the database); rows are numbered from `firstRow` (2 after the header). */
export function validateAgentRows(rows: CsvRow[], firstRow = 2): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const seenRuc = new Map<string, number>();
  const seenNumber = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = firstRow + index;
    const cell = (name: string) => String(raw[name] ?? "").trim();
    const parsed = agentSchema.safeParse({
      type: cell("tipo").toUpperCase(),
      businessName: cell("razon_social"),
      ruc: cell("ruc"),
      registryNumber: cell("numero_registro"),
      address: cell("direccion"),
      department: cell("departamento"),
      province: cell("provincia"),
      district: cell("distrito"),
      storageCapacity: cell("capacidad_galones"),
      insuranceExpiresOn: cell("vencimiento_seguro"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "type");
        errors.push({ row, field: labelOf(field), message: issue.message });
      }
      return;
    }
    const data = parsed.data;
    const supplier = cell("ruc_proveedor_tanques");
    if (supplier && data.storageCapacity === 0) {
      errors.push({ row, field: labelOf("cededBySellerRuc"), message: "Solo los agentes que compran pueden tener tanques cedidos en uso." });
      return;
    }
    const dupRuc = seenRuc.get(data.ruc);
    if (dupRuc) errors.push({ row, field: labelOf("ruc"), message: `El RUC se repite en la fila ${dupRuc}.` });
    const dupNumber = seenNumber.get(data.registryNumber);
    if (dupNumber) errors.push({ row, field: labelOf("registryNumber"), message: `El número de registro se repite en la fila ${dupNumber}.` });
    seenRuc.set(data.ruc, seenRuc.get(data.ruc) ?? row);
    seenNumber.set(data.registryNumber, seenNumber.get(data.registryNumber) ?? row);
    if (!dupRuc && !dupNumber) valid.push({ row, data, cededBySellerRuc: supplier || null });
  });
  return { valid, errors };
}

/**
 * Inscribes every row in one transaction, or none: answers the count, or throws ImportRejected
 * with the errors of every row (including duplicates against the registry).
 */
export async function importAgents(db: Database, actor: AuditActor, rows: CsvRow[], fileName: string): Promise<{ imported: number }> {
  if (rows.length === 0) throw new ImportRejected([{ row: 1, field: "Archivo", message: "El archivo no tiene filas de agentes." }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportRejected([{ row: 1, field: "Archivo", message: `El archivo tiene ${rows.length} filas; el máximo es ${MAX_IMPORT_ROWS}.` }]);
  }
  const { valid, errors } = validateAgentRows(rows);
  return db.transaction(async (tx) => {
    const rucs = valid.map((entry) => entry.data.ruc);
    const numbers = valid.map((entry) => entry.data.registryNumber);
    const existing = await tx.agent.findMany({
      where: { OR: [{ ruc: { in: rucs } }, { registryNumber: { in: numbers } }] },
      select: { ruc: true, registryNumber: true, businessName: true },
    });
    const byRuc = new Map(existing.map((agent) => [agent.ruc, agent]));
    const byNumber = new Map(existing.map((agent) => [agent.registryNumber, agent]));
    const supplierRucs = [...new Set(valid.flatMap((entry) => (entry.cededBySellerRuc ? [entry.cededBySellerRuc] : [])))];
    const suppliers = new Map(
      (await tx.agent.findMany({ where: { ruc: { in: supplierRucs } }, select: { id: true, ruc: true, type: true } })).map((agent) => [agent.ruc, agent]),
    );
    const fileRows = new Map(valid.map((entry) => [entry.data.ruc, entry]));
    for (const entry of valid) {
      const sameRuc = byRuc.get(entry.data.ruc);
      if (sameRuc) errors.push({ row: entry.row, field: labelOf("ruc"), message: `Ya está inscrito con ese RUC: ${sameRuc.businessName}.` });
      const sameNumber = byNumber.get(entry.data.registryNumber);
      if (sameNumber) errors.push({ row: entry.row, field: labelOf("registryNumber"), message: `Ese número de registro ya pertenece a ${sameNumber.businessName}.` });
      if (entry.cededBySellerRuc) {
        const inRegistry = suppliers.get(entry.cededBySellerRuc);
        const inFile = fileRows.get(entry.cededBySellerRuc);
        const type = inRegistry?.type ?? (inFile && inFile.row < entry.row ? inFile.data.type : undefined);
        if (!type || !mayCedeTanks(type)) {
          errors.push({ row: entry.row, field: labelOf("cededBySellerRuc"), message: "No es el RUC de una Planta Envasadora o un Distribuidor a Granel inscrito ni de una fila anterior del archivo: solo ellos ceden tanques en uso." });
        }
      }
    }
    if (errors.length) throw new ImportRejected(errors.sort((a, b) => a.row - b.row));

    const ids = new Map([...suppliers.values()].map((agent) => [agent.ruc, agent.id]));
    for (const entry of valid) {
      const created = await tx.agent.create({
        data: { ...entry.data, cededBySellerId: entry.cededBySellerRuc ? ids.get(entry.cededBySellerRuc)! : null },
        select: { id: true },
      });
      ids.set(entry.data.ruc, created.id);
    }
    await recordAudit(tx, actor, { action: "AGENTS_IMPORTED", target: `archivo ${fileName.slice(0, 100)}`, detail: countOf(valid.length, "agente inscrito", "agentes inscritos") });
    return { imported: valid.length };
  });
}
