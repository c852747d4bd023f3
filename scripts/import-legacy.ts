/**
 * `npm run import:legacy -- --file historico.csv --user admin [--database-url URL]`: imports
 * historical orders of the legacy SCOP from a CSV file of any size (the administrator's screen
 * takes up to 10,000 rows), all or nothing, with the same checks (lib/legacy/). Prints progress,
 * and on refusal every refused row (also written to <file>.errores.csv). Exits 1 when refused.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { importLegacyOrders } from "@/lib/legacy/legacy-import";
import { missingLegacyColumns } from "@/lib/legacy/legacy-csv";
import { ImportRejected, type CsvRow } from "@/lib/registry/import-errors";

const { values } = parseArgs({ options: { file: { type: "string" }, user: { type: "string" }, "database-url": { type: "string" } } });
if (!values.file || !values.user) {
  console.error("Uso: npm run import:legacy -- --file historico.csv --user <administrador> [--database-url URL]");
  process.exit(2);
}

const started = Date.now();
const text = readFileSync(values.file, "utf8").replace(/^\uFEFF/, "");
const parsed = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: "greedy", transformHeader: (name) => name.trim().toLowerCase() });
const missing = missingLegacyColumns(parsed.meta.fields ?? []);
if (missing.length) {
  console.error(`Faltan las columnas: ${missing.join(", ")}.`);
  process.exit(1);
}
console.log(`Leídas ${parsed.data.length.toLocaleString("es-PE")} filas de ${values.file}.`);

const db = createDatabase(values["database-url"] ?? databaseUrl());
try {
  const user = await db.prisma.user.findUnique({ where: { username: values.user } });
  if (!user || user.role !== "ADMINISTRADOR" || !user.active) {
    console.error(`${values.user} no es un administrador activo.`);
    process.exitCode = 2;
  } else {
    let last = 0;
    const { imported, importId } = await importLegacyOrders(db, { userId: user.id, username: `${user.username} (CLI)`, ip: null }, parsed.data, values.file.split("/").pop()!, {
      onProgress: ({ stage, done, total }) => {
        if (stage === "validando") return console.log("Validando…");
        if (done === total || Date.now() - last > 1_000) {
          last = Date.now();
          console.log(`Importando: ${done.toLocaleString("es-PE")} de ${total.toLocaleString("es-PE")} órdenes (${Math.round((done / Math.max(total, 1)) * 100)} %)`);
        }
      },
    });
    console.log(`Importadas ${imported.toLocaleString("es-PE")} órdenes (importación N° ${importId}) en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
} catch (error) {
  if (!(error instanceof ImportRejected)) throw error;
  const report = `${values.file}.errores.csv`;
  writeFileSync(report, Papa.unparse(error.rowErrors.map((e) => ({ fila: e.row, campo: e.field, error: e.message }))));
  for (const e of error.rowErrors.slice(0, 50)) console.error(`Fila ${e.row} · ${e.field}: ${e.message}`);
  if (error.rowErrors.length > 50) console.error(`… y ${error.rowErrors.length - 50} errores más.`);
  console.error(`${error.message} Informe completo: ${report}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
