/**
 * Settings from the environment. Secrets have development defaults so that the README's quick
 * start works on a fresh machine; with SCOP_REQUIRE_SECRETS=1 (production) a missing secret is
 * a startup error instead.
 */
const DEVELOPMENT_SECRETS = {
  AUTH_CODE_SECRET: "dev-only-authorization-code-secret-change-me",
  NEXTAUTH_SECRET: "dev-only-nextauth-secret-change-me-0123456789",
  /** encrypts the webhook endpoints' signing secrets at rest (lib/events/webhooks/secrets.ts) */
  WEBHOOK_SECRET_KEY: "dev-only-webhook-secret-key-change-me-0123",
} as const;

type SecretName = keyof typeof DEVELOPMENT_SECRETS;

const warned = new Set<string>();

export function secret(name: SecretName): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.SCOP_REQUIRE_SECRETS === "1") {
    throw new Error(`Falta la variable de entorno ${name} (obligatoria con SCOP_REQUIRE_SECRETS=1).`);
  }
  if (!warned.has(name) && process.env.NODE_ENV !== "test") {
    warned.add(name);
    console.warn(`[scop] ${name} no está definida: se usa el valor de desarrollo. No lo use en producción.`);
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
