/**
 * npm run bench:logging — what writing one log line costs the portal, redaction included: a
 * request's line (no secret), a line with a secret two levels down, and an error with a field to
 * censor, each against pino writing the same line with no redaction at all. Prints µs per line.
 */
import pino from "pino";
import { loggerOptions } from "@/lib/observability/log";

const LINES = 200_000;
const sink = { write: () => {} };
const portal = pino(loggerOptions("info"), sink).child({ component: "http" });
const bare = pino({ ...loggerOptions("info"), formatters: { level: (label) => ({ level: label }) } }, sink).child({ component: "http" });

const cases: [string, () => [object, string]][] = [
  ["solicitud sin secretos", () => [{ method: "POST", path: "/api/v1/orders/54460617869/sale", status: 200, durationMs: 3.2, bytes: 512 }, "solicitud"]],
  ["secreto a dos niveles", () => [{ request: { headers: { authorization: "Bearer scop_x", accept: "application/json" } }, status: 401 }, "rechazada"]],
  ["error con un campo secreto", () => [{ err: Object.assign(new Error("falló"), { connectionString: "postgres://u:p@h/db" }) }, "error"]],
];

function microsecondsPerLine(logger: pino.Logger, line: () => [object, string]): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < LINES; i++) logger.info(...line());
  return Number(process.hrtime.bigint() - start) / LINES / 1000;
}

console.log(`${LINES} líneas por caso, mediana de 3 (µs por línea)`);
for (const [name, line] of cases) {
  const median = (logger: pino.Logger) => [0, 1, 2].map(() => microsecondsPerLine(logger, line)).sort((a, b) => a - b)[1];
  const withRedaction = median(portal);
  const without = median(bare);
  console.log(`${name.padEnd(28)} portal ${withRedaction.toFixed(2).padStart(6)}   pino sin redacción ${without.toFixed(2).padStart(6)}`);
}
