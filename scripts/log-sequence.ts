/**
 * `npm run log:sequence`: adds every movement and registry change not yet in the movement log and
 * signs a checkpoint (the same work the server does on its timer, lib/log/sequencer-timer.ts).
 *
 *   npm run log:sequence [-- --database-url URL] [--batch 20000] [--watch [--interval-ms 3000]]
 *
 * --watch keeps sequencing, for a deployment that runs it as its own process
 * (then start the servers with SCOP_LOG_SEQUENCER=off).
 */
import { parseArgs } from "node:util";
import { databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { logSigner } from "@/lib/log/keys";
import { sequence } from "@/lib/log/sequencer";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    batch: { type: "string", default: "20000" },
    watch: { type: "boolean", default: false },
    "interval-ms": { type: "string", default: "3000" },
  },
});
const db = createDatabase(values["database-url"] ?? databaseUrl());
const signer = logSigner();
const batchSize = Number(values.batch);

async function once() {
  const started = performance.now();
  // a backlog (a restored or seed:large database) is hashed on every core
  const result = await sequence(db, signer, { batchSize, parallel: batchSize >= 5000 });
  const seconds = (performance.now() - started) / 1000;
  if (result.busy) console.log("Otra instancia está secuenciando: se omite esta vuelta.");
  else if (result.added || !values.watch) {
    console.log(
      `Registro: ${result.added.toLocaleString("es-PE")} hojas nuevas en ${seconds.toFixed(1)} s` +
        (result.added ? ` (${Math.round(result.added / seconds).toLocaleString("es-PE")}/s)` : "") +
        `; árbol de ${result.treeSize.toLocaleString("es-PE")} hojas, ${result.checkpoints} checkpoint(s) firmados por ${signer.name}.`,
    );
  }
}

try {
  await once();
  if (values.watch) {
    const interval = Number(values["interval-ms"]);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, interval));
      await once();
    }
  }
} finally {
  await db.close();
}
