/**
 * `npm run seed:large -- --orders N [--database-url URL] [--seed S] [--now ISO] [--append]`:
 * migrates the target database and loads a realistic registry and N orders over the last year
 * (lib/seed/large). Refuses a database that already has orders unless --append (exit 2).
 */
import "./cli-logging";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { databaseUrl, secret } from "@/lib/config";
import { SeedRefusedError, seedLarge } from "@/lib/seed/large/seed-large";

const USAGE = "Uso: npm run seed:large -- --orders N [--database-url URL] [--seed S] [--now FECHA-ISO] [--append]";

let values;
try {
  ({ values } = parseArgs({
    options: {
      orders: { type: "string" },
      "database-url": { type: "string" },
      seed: { type: "string", default: "1" },
      now: { type: "string" },
      append: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const orders = Number(values.orders);
const seed = Number(values.seed);
const now = values.now ? new Date(values.now) : new Date();
if (!Number.isInteger(orders) || orders < 1 || !Number.isInteger(seed) || Number.isNaN(now.getTime())) {
  console.error(`Indique --orders (entero positivo), y --seed entero y --now fecha válida si los usa.\n${USAGE}`);
  process.exit(2);
}
const url = values["database-url"] ?? databaseUrl();

const started = Date.now();
const bar = new cliProgress.SingleBar(
  { format: "Órdenes [{bar}] {percentage}% | {value}/{total} | {speed} órdenes/s | {duration_formatted}", hideCursor: true },
  cliProgress.Presets.shades_classic,
);
let loadStarted = 0;
try {
  const result = await seedLarge({
    url,
    orders,
    seed,
    now,
    append: values.append,
    codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")),
    onStart: (total) => {
      loadStarted = Date.now();
      bar.start(total, 0, { speed: 0 });
    },
    onProgress: (done) => bar.update(done, { speed: Math.round(done / Math.max(0.001, (Date.now() - loadStarted) / 1000)).toLocaleString("es-PE") }),
  });
  bar.stop();
  console.log(
    `Cargados ${result.agents} agentes, ${result.trucks.toLocaleString("es-PE")} cisternas, ${result.users} usuarios, ${result.orders.toLocaleString("es-PE")} órdenes ` +
      `(ids ${result.firstOrderId}–${result.lastOrderId}), ${result.lots.toLocaleString("es-PE")} lotes y ` +
      `${result.movements.toLocaleString("es-PE")} movimientos.`,
  );
  console.log(`Estados: ${Object.entries(result.states).map(([state, n]) => `${state} ${n.toLocaleString("es-PE")}`).join(", ")}; cierres tardíos: ${result.lateClosures.toLocaleString("es-PE")}; rechazos tardíos: ${result.lateRejections.toLocaleString("es-PE")}; constataciones: ${result.constataciones.toLocaleString("es-PE")}.`);
  console.log(`Tiempo total: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  bar.stop();
  if (error instanceof SeedRefusedError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
