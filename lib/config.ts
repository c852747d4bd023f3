import { log } from "@/lib/observability/log";

/**
 * Settings from the environment. The secrets have public development values, for the demo only:
 * they work only in an explicit demo mode (SCOP_DEMO=1: `npm run demo`, `npm run dev`, the tests,
 * the benchmarks). Anything else — a production start — must set its own secrets, and a server
 * refuses to start without them or with the public values (assertProductionSecrets, called by
 * server.ts and instrumentation.ts): a session cookie signed with the public NEXTAUTH_SECRET
 * would otherwise be an administrator's session.
 */
const DEVELOPMENT_SECRETS = {
  AUTH_CODE_SECRET: "dev-only-authorization-code-secret-change-me",
  NEXTAUTH_SECRET: "dev-only-nextauth-secret-change-me-0123456789",
  /** encrypts the webhook endpoints' signing secrets at rest (lib/events/webhooks/secrets.ts) */
  WEBHOOK_SECRET_KEY: "dev-only-webhook-secret-key-change-me-0123",
  // The movement log's Ed25519 key (lib/log): a published demo key, named as one, so a demo
  // checkpoint can never pass for a real one. Production: `npm run log:keygen`.
  SCOP_LOG_SIGNING_KEY: "PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+",
} as const;

export type SecretName = keyof typeof DEVELOPMENT_SECRETS;
type Env = Record<string, string | undefined>;
export const SECRET_NAMES = Object.keys(DEVELOPMENT_SECRETS) as SecretName[];

/** The environment variable that turns the demo mode on. */
export const DEMO_MODE_VARIABLE = "SCOP_DEMO";

/** A secret shorter than this is refused outside the demo mode (32 bytes of entropy as text). */
export const MIN_SECRET_LENGTH = 32;

export function demoMode(env: Env = process.env): boolean {
  return env[DEMO_MODE_VARIABLE] === "1";
}

/** What is wrong with the secrets of `env` for a start outside the demo mode (empty: nothing). */
export function secretProblems(env: Env = process.env): string[] {
  return SECRET_NAMES.map((name) => secretProblem(name, env)).filter((problem) => problem !== null);
}

function secretProblem(name: SecretName, env: Env): string | null {
  if (demoMode(env)) return null;
  const value = env[name];
  if (!value) return `Falta la variable de entorno ${name}.`;
  if (value === DEVELOPMENT_SECRETS[name]) return `${name} tiene el valor público de desarrollo: genere uno propio.`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} debe tener al menos ${MIN_SECRET_LENGTH} caracteres.`;
  return null;
}

export class InsecureSecretsError extends Error {
  constructor(problems: string[]) {
    super(
      `No se inicia el servidor: ${problems.join(" ")} Defina secretos propios (p. ej. \`openssl rand -base64 48\`), ` +
        `o ${DEMO_MODE_VARIABLE}=1 para el modo de demostración (solo en su máquina, nunca en producción).`,
    );
    this.name = "InsecureSecretsError";
  }
}

/** Throws unless the secrets may be used: the demo mode, or real secrets of the operator's own. */
export function assertProductionSecrets(env: Env = process.env): void {
  const problems = secretProblems(env);
  if (problems.length > 0) throw new InsecureSecretsError(problems);
}

const warned = new Set<string>();

export function secret(name: SecretName): string {
  const problem = secretProblem(name, process.env);
  if (problem) throw new InsecureSecretsError([problem]);
  const value = process.env[name];
  if (value) return value;
  if (!warned.has(name) && process.env.NODE_ENV !== "test") {
    warned.add(name);
    log("config").warn(`${name} no está definida: modo de demostración, se usa el valor público de desarrollo.`);
  }
  return DEVELOPMENT_SECRETS[name];
}

/** The embedded default: a SQLite file under the project. */
export const DEFAULT_DATABASE_URL = "file:./data/scop.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * Where the regulator's nationwide reads (Movimientos and its CSV export) go: DATABASE_READ_URL,
 * e.g. a PostgreSQL hot-standby replica, or DATABASE_URL when it is not set.
 */
export function readDatabaseUrl(): string {
  return process.env.DATABASE_READ_URL || databaseUrl();
}

/** PostgreSQL connections each server process may open (DATABASE_POOL_SIZE, default 10). */
export function databasePoolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(size) || size < 1) throw new Error("DATABASE_POOL_SIZE debe ser un número entero positivo.");
  return size;
}

/**
 * The movement log's sequencer in this server process (lib/log/sequencer.ts): on by default;
 * SCOP_LOG_SEQUENCER=off when a separate process runs `npm run log:sequence -- --watch`.
 * Every few seconds (SCOP_LOG_INTERVAL_MS, default 3000) it adds the new movements and signs a checkpoint.
 */
export function logSequencerSettings(): { enabled: boolean; intervalMs: number } {
  const intervalMs = Number(process.env.SCOP_LOG_INTERVAL_MS ?? 3000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) throw new Error("SCOP_LOG_INTERVAL_MS debe ser un número entero de milisegundos (100 o más).");
  return { enabled: process.env.SCOP_LOG_SEQUENCER !== "off", intervalMs };
}

/** Set on globalThis by the front door (server.ts), which Next.js runs inside of. */
export const FRONT_DOOR = Symbol.for("scop.frontDoor");
