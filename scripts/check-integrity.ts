/**
 * `npm run check:integrity [-- --database-url URL]`: verifies orders, lots, movements and
 * committed volumes (lib/orders/integrity.ts). Exits 1 when anything is inconsistent.
 */
import { parseArgs } from "node:util";
import { databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { checkIntegrity } from "@/lib/orders/integrity";

const { values } = parseArgs({ options: { "database-url": { type: "string" }, limit: { type: "string", default: "100" } } });
const db = createDatabase(values["database-url"] ?? databaseUrl());
const started = Date.now();
try {
  const report = await checkIntegrity(db, { limitPerCheck: Number(values.limit) });
  const { orders, movements, lots, agents } = report.checked;
  console.log(`Revisados: ${orders.toLocaleString("es-PE")} órdenes, ${movements.toLocaleString("es-PE")} movimientos, ${lots.toLocaleString("es-PE")} lotes, ${agents.toLocaleString("es-PE")} agentes.`);
  if (report.ok) {
    console.log("Integridad: sin inconsistencias.");
  } else {
    for (const v of report.violations) {
      console.log(`[${v.kind}] ${v.orderCode ? `orden ${v.orderCode}` : `agente ${v.agentId}`}: ${v.message}`);
    }
    console.log(`Integridad: ${report.violations.length}${report.truncated ? " o más" : ""} inconsistencias.`);
  }
  console.log(`Tiempo: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await db.close();
}
